/**
 * Reads, validates and resolves the TOML config into a `Config`. Every problem found is collected
 * with its file:line, so `ddns config validate` can list them all at once instead of making the
 * user fix them one run at a time; then a single ConfigError carries them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import TOML from '@iarna/toml';
import * as z from 'zod/mini';
// Imported by name: `z.core.…` would pull all of zod's core and every locale into the bundle.
import { $ZodObject } from 'zod/v4/core';
import { PROVIDERS, providerTypes } from '../providers/registry.js';
import type { ProviderMetadata } from '../providers/types.js';
import { isInsideZone } from './dns-name.js';
import { createLineLocator, nearestLine, type KeyPath, type LineLocator } from './lines.js';
import { formatKeyPath, humanIssueMessage, unknownKeyMessage } from './messages.js';
import { escapeUnprintable, quoted, shown } from '../text.js';
import { errorCode, fileReadFailure } from '../messages.js';
import { defaultPaths, runningAsRoot } from './paths.js';
import { NOTIFY_OPTION_SCHEMAS, NOTIFY_SECRET_TABLES, notifyUrlTemplate, secretPartsOfUrl, type NotifyType } from '../notify/schema.js';
import {
  DEFAULT_SOURCES,
  familySchema,
  notifyBaseSchema,
  NOTIFY_BASE_KEYS,
  providerBaseSchema,
  PROVIDER_BASE_KEYS,
  recordBaseSchema,
  RECORD_BASE_KEYS,
  settingsSchema,
} from './schema.js';
import { type Config, type DetectionConfig, type NotifyConfig, type ProviderConfig, type RecordConfig, type Settings } from './types.js';
import { FAMILY_OF, recordKey, type Family } from '../domain.js';

export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based; only TOML syntax errors know it. */
  column?: number;
  /** The key as users read it, e.g. `record[2].proxied`. */
  key?: string;
  message: string;
}

/** `file:line:column: key: message`, leaving out the parts that are unknown. */
export function formatProblem(problem: ConfigProblem): string {
  let location = problem.file;
  if (problem.line !== undefined) {
    location += `:${problem.line}`;
    if (problem.column !== undefined) location += `:${problem.column}`;
  }
  return [location, problem.key, problem.message].filter((part) => part !== undefined).join(': ');
}

/** Longest problem message kept whole; a longer one (a provider schema echoing a long value) is cut. */
const MAX_MESSAGE_LENGTH = 200;
/** Longest file path quoted in a message about a secret file. */
const MAX_PATH_SHOWN = 120;

/**
 * Last line of defence for "one line per problem": whatever a message quotes from the file (keys,
 * names, paths, a provider schema's wording), no control character, line break or bidi mark
 * reaches the terminal or the log, and no message runs on for screens.
 */
function printable(problem: ConfigProblem): ConfigProblem {
  const message = escapeUnprintable(problem.message);
  return {
    ...problem,
    file: escapeUnprintable(problem.file),
    message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message,
    ...(problem.key === undefined ? {} : { key: escapeUnprintable(problem.key) }),
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const safe = problems.map(printable);
    super(safe.map(formatProblem).join('\n'));
    this.problems = safe;
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Picks the system-wide default state and log paths on POSIX; defaults to "running as root". */
  isRoot?: boolean;
}

type Table = Record<string, unknown>;

const TOP_LEVEL_KEYS = ['settings', 'ip', 'provider', 'record', 'notify'] as const;
const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];
const MIN_SCRUBBED_SECRET_LENGTH = 4;

function isTable(value: unknown): value is Table {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function pick(table: Table, keys: readonly string[]): Table {
  const picked: Table = {};
  for (const key of keys) if (key in table) picked[key] = table[key];
  return picked;
}

function omit(table: Table, keys: ReadonlySet<string>): Table {
  const rest: Table = {};
  for (const [key, value] of Object.entries(table)) if (!keys.has(key)) rest[key] = value;
  return rest;
}

/** Top-level keys of a zod object schema, for "did you mean" hints; empty for other schemas. */
function schemaKeys(schema: z.core.$ZodType): string[] {
  return schema instanceof $ZodObject ? Object.keys(schema._zod.def.shape) : [];
}

/** Collects problems with their location; lines come from the locator, keys are formatted for users. */
class ProblemList {
  readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly lineOf: LineLocator,
  ) {}

  /** In file order; problems without a line come last. */
  sorted(): ConfigProblem[] {
    return [...this.problems].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  }

  add(keyPath: KeyPath, message: string): void {
    const problem: ConfigProblem = { file: this.file, message };
    const line = nearestLine(this.lineOf, keyPath);
    if (line !== undefined) problem.line = line;
    if (keyPath.length > 0) problem.key = formatKeyPath(keyPath);
    this.problems.push(problem);
  }

  /**
   * Records zod issues under `basePath`. `keyAlias` maps a validated key to the key actually
   * written in the file (a secret resolved from `api_token_env` is reported at `api_token_env`).
   */
  addIssues(
    basePath: KeyPath,
    issues: readonly z.core.$ZodIssue[],
    allowedKeys: readonly string[],
    keyAlias: ReadonlyMap<string, string> = new Map(),
  ): void {
    for (const issue of issues) {
      const issuePath = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
      const first = issuePath[0];
      if (typeof first === 'string') issuePath[0] = keyAlias.get(first) ?? first;
      const fullPath = [...basePath, ...issuePath];
      if (issue.code === 'unrecognized_keys') {
        // Suggestions only make sense against the keys of the table the unknown key sits in.
        const allowed = issuePath.length === 0 ? allowedKeys : [];
        for (const key of issue.keys) this.add([...fullPath, key], unknownKeyMessage(key, allowed));
      } else {
        this.add(fullPath, issue.message);
      }
    }
  }
}

/** Runs a schema with human messages; on failure records the issues and returns undefined. */
function validate<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  problems: ProblemList,
  basePath: KeyPath,
  allowedKeys: readonly string[] = schemaKeys(schema),
  keyAlias?: ReadonlyMap<string, string>,
): z.output<Schema> | undefined {
  const result = z.safeParse(schema, value, { error: humanIssueMessage });
  if (result.success) return result.data;
  problems.addIssues(basePath, result.error.issues, allowedKeys, keyAlias);
  return undefined;
}

/** The entries of an array of tables (`[[provider]]`), or a problem explaining the expected form. */
function tablesOf(document: Table, key: string, problems: ProblemList): Table[] {
  const value = document[key];
  if (value === undefined) return [];
  if (isTable(value)) {
    problems.add([key], `write [[${key}]] (double brackets): each ${key} is one entry of a list of tables`);
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add([key], `must be a list of tables written as [[${key}]]`);
    return [];
  }
  const tables: Table[] = [];
  value.forEach((entry: unknown, index) => {
    if (isTable(entry)) tables.push(entry);
    else problems.add([key, index], `must be a table`);
  });
  return tables.length === value.length ? tables : [];
}

interface LoadContext {
  file: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  problems: ProblemList;
  /** Valid keys that have no effect: reported with their line, the config still loads. */
  warnings: ProblemList;
  lineOf: LineLocator;
  /** Every value that is or might be a secret, to scrub from messages as a last line of defence. */
  sensitive: Set<string>;
}

function loadSettings(document: Table, context: LoadContext, defaults: { state: string; log: string }): Settings | undefined {
  const raw = document.settings ?? {};
  if (!isTable(raw)) {
    context.problems.add(['settings'], 'must be a table ([settings])');
    return undefined;
  }
  const parsed = validate(settingsSchema, raw, context.problems, ['settings']);
  if (parsed === undefined) return undefined;
  return {
    timeoutMs: parsed.timeout,
    retries: parsed.retries,
    retryDelayMs: parsed.retry_delay,
    recheckMs: parsed.recheck,
    detectWaitMs: parsed.detect_wait,
    concurrency: parsed.concurrency,
    logLevel: parsed.log_level,
    // Paths in the config are relative to the config file, not to wherever the scheduler starts us.
    logFile: parsed.log_file === undefined ? defaults.log : path.resolve(context.configDir, parsed.log_file),
    stateFile: parsed.state_file === undefined ? defaults.state : path.resolve(context.configDir, parsed.state_file),
    proxy: parsed.proxy,
  };
}

function loadDetection(document: Table, context: LoadContext): Partial<Record<Family, DetectionConfig>> {
  const detection: Partial<Record<Family, DetectionConfig>> = {};
  const ip = document.ip;
  if (ip === undefined) return detection;
  if (!isTable(ip)) {
    context.problems.add(['ip'], 'must be a table ([ip.ipv4] / [ip.ipv6])');
    return detection;
  }
  for (const key of Object.keys(ip)) {
    if (!(FAMILIES as readonly string[]).includes(key)) context.problems.add(['ip', key], unknownKeyMessage(key, FAMILIES));
  }
  for (const family of FAMILIES) {
    const raw = ip[family];
    if (raw === undefined) continue;
    const familyPath = ['ip', family];
    if (!isTable(raw)) {
      context.problems.add(familyPath, `must be a table ([ip.${family}])`);
      continue;
    }
    const parsed = validate(familySchema, raw, context.problems, familyPath);
    // Checked on the raw values too, so it is reported alongside any other problem in the section.
    const sourceCount = Array.isArray(raw.sources) ? raw.sources.length : DEFAULT_SOURCES[family].length;
    if (typeof raw.quorum === 'number' && Number.isInteger(raw.quorum) && sourceCount > 0 && raw.quorum > sourceCount) {
      context.problems.add(
        [...familyPath, 'quorum'],
        `is ${raw.quorum} but only ${sourceCount} source${sourceCount === 1 ? ' is' : 's are'} listed: at most ${sourceCount} can agree`,
      );
      continue;
    }
    if (parsed === undefined) continue;
    detection[family] = {
      family,
      sources: parsed.sources ?? [...DEFAULT_SOURCES[family]],
      allowPrivate: parsed.allow_private,
      quorum: parsed.quorum,
      useProxy: parsed.use_proxy,
    };
  }
  return detection;
}

/**
 * `absent`: no usable inline value and no `_env`/`_file` (the provider's schema decides whether that
 * is allowed, and reports a wrong-typed inline value); `failed`: already reported.
 */
type SecretResolution = { status: 'resolved'; value: string; writtenAs: string } | { status: 'failed' } | { status: 'absent' };

/** Resolves one secret key from exactly one of `K`, `K_env`, `K_file`. */
async function resolveSecret(table: Table, secretKey: string, tablePath: KeyPath, context: LoadContext): Promise<SecretResolution> {
  const envKey = `${secretKey}_env`;
  const fileKey = `${secretKey}_file`;
  const written = [secretKey, envKey, fileKey].filter((key) => table[key] !== undefined);
  const inline = table[secretKey];
  if (typeof inline === 'string' || typeof inline === 'number' || typeof inline === 'bigint') context.sensitive.add(String(inline));
  if (written.length === 0) return { status: 'absent' };
  if (written.length > 1) {
    context.problems.add([...tablePath, written[1] as string], `give only one of ${written.join(', ')}`);
    return { status: 'failed' };
  }
  const [used] = written as [string];
  if (used === secretKey) {
    // Type and content are checked by the provider's schema; only a string can be a secret value.
    if (typeof inline === 'string') return { status: 'resolved', value: inline, writtenAs: secretKey };
    return { status: 'absent' };
  }
  const reference = table[used];
  if (typeof reference !== 'string' || reference.trim() === '') {
    const expected = used === envKey ? 'the name of an environment variable' : 'a file path';
    context.problems.add([...tablePath, used], `must be ${expected}`);
    return { status: 'failed' };
  }
  if (used === envKey) {
    const value = context.env[reference];
    if (value === undefined || value === '') {
      context.problems.add([...tablePath, used], `environment variable ${shown(reference)} is ${value === undefined ? 'not set' : 'empty'}`);
      return { status: 'failed' };
    }
    context.sensitive.add(value);
    return { status: 'resolved', value, writtenAs: used };
  }
  const secretPath = path.resolve(context.configDir, reference);
  let contents: string;
  try {
    contents = await readFile(secretPath, 'utf8');
  } catch (error) {
    context.problems.add([...tablePath, used], `cannot read ${shown(secretPath, MAX_PATH_SHOWN)}: ${fileReadFailure(error)}`);
    return { status: 'failed' };
  }
  // Editors and `echo` add a trailing newline that is never part of the secret.
  const value = contents.replace(/^\uFEFF/, '').trim();
  if (value === '') {
    context.problems.add([...tablePath, used], `${shown(secretPath, MAX_PATH_SHOWN)} is empty`);
    return { status: 'failed' };
  }
  context.sensitive.add(value);
  return { status: 'resolved', value, writtenAs: used };
}

async function loadProvider(table: Table, index: number, context: LoadContext): Promise<ProviderConfig | undefined> {
  const tablePath = ['provider', index];
  const { problems } = context;
  const base = validate(providerBaseSchema, pick(table, PROVIDER_BASE_KEYS), problems, tablePath);
  const type = table.type;
  const metadata: ProviderMetadata | undefined = typeof type === 'string' ? PROVIDERS.get(type) : undefined;
  if (typeof type === 'string' && type !== '' && metadata === undefined) {
    problems.add([...tablePath, 'type'], `unknown provider type ${quoted(type)} (known: ${providerTypes().join(', ')})`);
  }
  if (metadata === undefined) {
    // Without the provider's metadata its other keys cannot be judged, but any of them may be a secret.
    for (const [key, value] of Object.entries(table)) {
      if (typeof value === 'string' && !(PROVIDER_BASE_KEYS as readonly string[]).includes(key)) context.sensitive.add(value);
    }
    return undefined;
  }

  const ownKeys = new Set<string>(PROVIDER_BASE_KEYS);
  const options = omit(table, ownKeys);
  const keyAlias = new Map<string, string>();
  const unresolved = new Set<string>();
  const absent = new Set<string>();
  const secrets: string[] = [];
  for (const secretKey of metadata.secretKeys) {
    delete options[`${secretKey}_env`];
    delete options[`${secretKey}_file`];
    const resolution = await resolveSecret(table, secretKey, tablePath, context);
    if (resolution.status === 'resolved') {
      options[secretKey] = resolution.value;
      keyAlias.set(secretKey, resolution.writtenAs);
      secrets.push(resolution.value);
    } else if (resolution.status === 'failed') {
      delete options[secretKey];
      unresolved.add(secretKey);
    } else if (table[secretKey] === undefined) {
      absent.add(secretKey);
    }
  }

  // A table of secrets (a webhook's headers): every string in it is masked like a secret key.
  for (const tableKey of metadata.secretTables ?? []) {
    const secretTable = table[tableKey];
    if (!isTable(secretTable)) continue; // a wrong type is reported by the provider's schema
    for (const value of Object.values(secretTable)) {
      if (typeof value !== 'string') continue;
      context.sensitive.add(value);
      secrets.push(value);
    }
  }

  const allowedKeys = [
    ...PROVIDER_BASE_KEYS,
    ...schemaKeys(metadata.configSchema),
    ...metadata.secretKeys.flatMap((key) => [`${key}_env`, `${key}_file`]),
  ];
  const result = metadata.configSchema.safeParse(options, { error: humanIssueMessage });
  if (!result.success) {
    const remaining = result.error.issues.filter((issue) => {
      const first = issue.path[0];
      if (typeof first !== 'string') return true;
      // A secret that failed to resolve has been reported already.
      if (unresolved.has(first)) return false;
      if (absent.has(first) && issue.path.length === 1) {
        problems.add([...tablePath, first], `missing credential ${first} (or ${first}_env / ${first}_file)`);
        return false;
      }
      return true;
    });
    problems.addIssues(tablePath, remaining, allowedKeys, keyAlias);
  }
  if (base === undefined || !result.success || unresolved.size > 0) return undefined;
  return {
    name: base.name,
    type: base.type,
    endpoint: base.endpoint,
    options: result.data,
    secrets,
    line: nearestLine(context.lineOf, tablePath),
  };
}

interface RecordResult {
  /** `provider/name/type` whenever those three are valid, so duplicates are found even in broken records. */
  identity: string | undefined;
  record: RecordConfig | undefined;
}

/** `cf/home.example.com/A` → `home.example.com A with provider "cf"` (none of the parts can contain "/"). */
function describeIdentity(identity: string): string {
  const [provider, name, type] = identity.split('/');
  return `${name ?? ''} ${type ?? ''} with provider "${provider ?? ''}"`;
}

function loadRecord(
  table: Table,
  index: number,
  context: LoadContext,
  providerTypeByName: ReadonlyMap<string, string | undefined>,
): RecordResult {
  const tablePath = ['record', index];
  const { problems } = context;
  let valid = true;

  const providerName = table.provider;
  let metadata: ProviderMetadata | undefined;
  if (typeof providerName === 'string' && providerName !== '') {
    if (!providerTypeByName.has(providerName)) {
      const known = [...providerTypeByName.keys()];
      problems.add(
        [...tablePath, 'provider'],
        known.length === 0
          ? `unknown provider ${quoted(providerName)}: no [[provider]] is defined`
          : `unknown provider ${quoted(providerName)} (known: ${known.join(', ')})`,
      );
      valid = false;
    } else {
      const type = providerTypeByName.get(providerName);
      metadata = type === undefined ? undefined : PROVIDERS.get(type);
    }
  }

  const baseKeys = pick(table, RECORD_BASE_KEYS);
  // "myhome" for a DuckDNS record is how DuckDNS itself names it: it means myhome.duckdns.org.
  if (metadata?.domain !== undefined && typeof baseKeys.name === 'string' && /^[^.\s]+$/.test(baseKeys.name)) {
    baseKeys.name = `${baseKeys.name}.${metadata.domain}`;
  }
  const base = validate(recordBaseSchema, baseKeys, problems, tablePath);
  if (base === undefined) valid = false;
  // A write-only service sets the name's TTL itself and has no zones to look up: say so rather
  // than let a ttl that never takes effect look configured.
  if (metadata?.writeOnly === true) {
    for (const key of ['ttl', 'zone'] as const) {
      if (table[key] !== undefined) context.warnings.add([...tablePath, key], `has no effect for a "${metadata.type}" provider: ${key === 'ttl' ? 'the service sets the TTL itself' : 'it has no zones to look up'}`);
    }
  }

  if (base?.zone !== undefined && !isInsideZone(base.name, base.zone)) {
    problems.add([...tablePath, 'zone'], `record name "${base.name}" is not inside zone "${base.zone}"`);
    valid = false;
  }

  const extra = omit(table, new Set<string>(RECORD_BASE_KEYS));
  let options: Record<string, unknown> = {};
  if (metadata !== undefined) {
    const allowedKeys = [...RECORD_BASE_KEYS, ...schemaKeys(metadata.recordSchema)];
    const parsed = validate(metadata.recordSchema, extra, problems, tablePath, allowedKeys);
    if (parsed === undefined) valid = false;
    else options = parsed;
  } else {
    // No usable provider (reported already): the record's provider-specific keys cannot be judged.
    valid = false;
  }

  const identity = base === undefined ? undefined : recordKey(base);
  if (!valid || base === undefined) return { identity, record: undefined };
  const record: RecordConfig = {
    provider: base.provider,
    name: base.name,
    type: base.type,
    zone: base.zone,
    ttl: base.ttl,
    options,
    line: nearestLine(context.lineOf, tablePath),
  };
  return { identity, record };
}

async function loadNotify(table: Table, index: number, context: LoadContext): Promise<NotifyConfig | undefined> {
  const tablePath = ['notify', index];
  const { problems } = context;
  // The url is the notifier's secret (a healthchecks.io uuid, a chat webhook's token): it also
  // accepts url_env / url_file, like a provider's credential keys.
  const url = await resolveSecret(table, 'url', tablePath, context);
  const keyAlias = new Map<string, string>();
  const baseInput = pick(table, NOTIFY_BASE_KEYS);
  if (url.status === 'resolved') {
    baseInput.url = url.value;
    keyAlias.set('url', url.writtenAs);
  } else if (url.status === 'failed') {
    baseInput.url = 'https://reported.invalid/'; // already reported; the other keys are still checked
  }
  const base = validate(notifyBaseSchema, baseInput, problems, tablePath, NOTIFY_BASE_KEYS, keyAlias);

  const type = typeof table.type === 'string' && Object.hasOwn(NOTIFY_OPTION_SCHEMAS, table.type) ? (table.type as NotifyType) : undefined;
  const ownKeys = new Set<string>([...NOTIFY_BASE_KEYS, 'url_env', 'url_file']);
  const secrets = url.status === 'resolved' ? secretPartsOfUrl(url.value) : [];
  for (const part of secrets) context.sensitive.add(part);
  if (type === undefined) {
    for (const value of Object.values(omit(table, ownKeys))) if (typeof value === 'string') context.sensitive.add(value);
    return undefined;
  }
  for (const tableKey of NOTIFY_SECRET_TABLES[type]) {
    const secretTable = table[tableKey];
    if (!isTable(secretTable)) continue; // a wrong type is reported by the schema
    for (const value of Object.values(secretTable)) {
      if (typeof value !== 'string') continue;
      context.sensitive.add(value);
      secrets.push(value);
    }
  }
  const schema = NOTIFY_OPTION_SCHEMAS[type];
  const allowedKeys = [...ownKeys, ...schemaKeys(schema)];
  const options = validate(schema, omit(table, ownKeys), problems, tablePath, allowedKeys);
  let urlValid = true;
  if (type === 'webhook' && base !== undefined) {
    const checked = notifyUrlTemplate.safeParse(base.url);
    if (!checked.success) {
      problems.add([...tablePath, keyAlias.get('url') ?? 'url'], checked.error.issues[0]?.message ?? 'invalid url');
      urlValid = false;
    }
  }
  if (base === undefined || options === undefined || url.status !== 'resolved' || !urlValid) return undefined;
  return {
    type: base.type,
    url: base.url,
    on: base.on,
    options,
    secrets,
    line: nearestLine(context.lineOf, tablePath),
  };
}

async function readConfigText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const message =
      errorCode(error) === 'ENOENT'
        ? `config file not found: ${file} — create one with \`ddns config init\``
        : `cannot read config file ${file}: ${fileReadFailure(error)}`;
    throw new ConfigError([{ file, message }]);
  }
}

/**
 * The text as the parser is to see it. Notepad saves UTF-8 with a byte-order mark, which TOML has
 * no place for, and with CRLF line ends, which TOML allows wherever it allows LF but @iarna/toml 3
 * rejects at the end of a comment ("Control characters … are not allowed in comments"). Each CRLF
 * becomes LF: lines and columns stay where the user sees them, and a multi-line string holds LF
 * line breaks however the file was saved (TOML lets a parser normalise them). A CR that is not part
 * of a CRLF is left for the parser to judge as before, and so is the CRLF right after one, which
 * would otherwise turn that lone CR into a line end.
 */
function configText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/(?<!\r)\r\n/g, '\n');
}

interface TomlSyntaxError {
  message: string;
  line: number;
  col: number;
}

function isTomlSyntaxError(error: unknown): error is TomlSyntaxError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string' &&
    'line' in error &&
    typeof error.line === 'number' &&
    'col' in error &&
    typeof error.col === 'number'
  );
}

/** True when parsing `text` fails with an error that carries no position (see parseToml). */
function failsWithoutPosition(text: string): boolean {
  try {
    TOML.parse(text);
    return false;
  } catch (error) {
    return !isTomlSyntaxError(error);
  }
}

/**
 * The 1-based line where the parser hits an error it reports without a position. The parser reads
 * front to back, so a prefix of the file fails that way exactly when it includes the bad line:
 * a binary search over prefixes finds it in a few parses.
 */
function lineOfPositionlessError(text: string): number | undefined {
  const lines = text.split('\n');
  if (!failsWithoutPosition(text)) return undefined;
  let low = 1;
  let high = lines.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsWithoutPosition(lines.slice(0, middle).join('\n'))) high = middle;
    else low = middle + 1;
  }
  return low;
}

function parseToml(text: string, file: string): Table {
  try {
    return TOML.parse(text);
  } catch (error) {
    if (!isTomlSyntaxError(error)) {
      // @iarna/toml throws a bare TypeError("Invalid Datetime") for dates like 2024-13-45, with no
      // position: still a config error (exit 2), never an internal one.
      const reason = error instanceof Error && error.message !== '' ? (error.message.split('\n')[0] ?? '') : 'unreadable TOML';
      const line = lineOfPositionlessError(text);
      const message = reason === 'Invalid Datetime' ? 'Invalid Datetime (not a real date or time)' : reason;
      throw new ConfigError([{ file, ...(line === undefined ? {} : { line }), message }]);
    }
    // @iarna/toml counts from 0 and appends a position and code frame, which we show as file:line:col instead.
    const firstLine = (error.message.split('\n')[0] ?? '').replace(/ at row \d+, col \d+, pos \d+:?$/, '').trim();
    throw new ConfigError([{ file, line: error.line + 1, column: error.col + 1, message: firstLine || 'invalid TOML' }]);
  }
}

/** A proxy URL may carry a password (`http://user:pass@proxy:8080`); it must be redacted like any secret. */
function proxyPasswordOf(proxy: string | undefined): string[] {
  if (proxy === undefined) return [];
  const password = new URL(proxy).password;
  if (password === '') return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape is sent as written, so that is the form to redact.
  }
  return decoded === password ? [password] : [password, decoded];
}

function scrub(problems: ConfigProblem[], sensitive: ReadonlySet<string>): ConfigProblem[] {
  const values = [...sensitive].filter((value) => value.length >= MIN_SCRUBBED_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return problems.map((problem) => {
    let message = problem.message;
    for (const value of values) message = message.split(value).join('***');
    return { ...problem, message };
  });
}

/**
 * Loads the config at `configPath` (made absolute) and returns it validated, with defaults applied,
 * paths resolved and secrets read. Throws ConfigError listing every problem found.
 */
export async function loadConfig(configPath: string, options: LoadConfigOptions = {}): Promise<Config> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isRoot = options.isRoot ?? runningAsRoot();
  const file = path.resolve(configPath);
  const text = configText(await readConfigText(file));
  const document = parseToml(text, file);

  const lineOf = createLineLocator(text);
  const problems = new ProblemList(file, lineOf);
  const warnings = new ProblemList(file, lineOf);
  const context: LoadContext = { file, configDir: path.dirname(file), env, problems, warnings, lineOf, sensitive: new Set() };

  for (const key of Object.keys(document)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) problems.add([key], unknownKeyMessage(key, TOP_LEVEL_KEYS));
  }

  const settings = loadSettings(document, context, defaultPaths({ platform, isRoot, env }));
  const detection = loadDetection(document, context);

  const providerTables = tablesOf(document, 'provider', problems);
  const providerTypeByName = new Map<string, string | undefined>();
  const providerLineByName = new Map<string, number | undefined>();
  const providers: ProviderConfig[] = [];
  for (const [index, table] of providerTables.entries()) {
    const name = table.name;
    if (typeof name === 'string' && name !== '') {
      if (providerTypeByName.has(name)) {
        const firstLine = providerLineByName.get(name);
        problems.add(['provider', index, 'name'], `duplicate provider name ${quoted(name)}${firstLine === undefined ? '' : ` (first defined at line ${firstLine})`}`);
      } else {
        const type = typeof table.type === 'string' && PROVIDERS.has(table.type) ? table.type : undefined;
        providerTypeByName.set(name, type);
        providerLineByName.set(name, nearestLine(lineOf, ['provider', index]));
      }
    }
    const provider = await loadProvider(table, index, context);
    if (provider !== undefined) providers.push(provider);
  }

  const recordTables = tablesOf(document, 'record', problems);
  if (document.record === undefined) problems.add([], 'no [[record]] is defined: there is nothing to update');
  const records: RecordConfig[] = [];
  const recordLineByKey = new Map<string, number | undefined>();
  for (const [index, table] of recordTables.entries()) {
    const { identity, record } = loadRecord(table, index, context, providerTypeByName);
    if (identity !== undefined) {
      if (recordLineByKey.has(identity)) {
        const firstLine = recordLineByKey.get(identity);
        problems.add(
          ['record', index],
          `duplicate record: ${describeIdentity(identity)} is already defined${firstLine === undefined ? '' : ` at line ${firstLine}`}`,
        );
        continue;
      }
      recordLineByKey.set(identity, nearestLine(lineOf, ['record', index]));
    }
    if (record !== undefined) records.push(record);
  }

  const notify: NotifyConfig[] = [];
  for (const [index, table] of tablesOf(document, 'notify', problems).entries()) {
    const entry = await loadNotify(table, index, context);
    if (entry !== undefined) notify.push(entry);
  }

  if (problems.problems.length > 0 || settings === undefined) {
    throw new ConfigError(scrub(problems.sorted(), context.sensitive));
  }

  // A family needed by a record but not configured is detected from the default sources.
  for (const record of records) {
    const family = FAMILY_OF[record.type];
    detection[family] ??= { family, sources: [...DEFAULT_SOURCES[family]], allowPrivate: false, quorum: 1, useProxy: false };
  }

  const secrets = [
    ...new Set([...providers.flatMap((provider) => provider.secrets), ...notify.flatMap((entry) => entry.secrets), ...proxyPasswordOf(settings.proxy)]),
  ];
  const ignored = warnings.sorted();
  return { path: file, settings, detection, providers, records, notify, secrets, ...(ignored.length > 0 ? { warnings: scrub(ignored, context.sensitive) } : {}) };
}
