/**
 * Reads, validates and resolves the TOML config into a `Config`. Every problem found is collected
 * with its file:line, so `ddns config validate` can list them all at once instead of making the
 * user fix them one run at a time; then a single ConfigError carries them. Each section has its
 * own loader (load-*.ts); this file only runs them in file order and puts the result together.
 */
import path from 'node:path';
import { sha256Hex } from '../providers/signing.js';
import { createLineLocator } from './lines.js';
import { unknownKeyMessage } from './messages.js';
import { defaultPaths, runningAsRoot } from './paths.js';
import { loadDetection, withDefaultDetection } from './load-detection.js';
import { loadNotifiers } from './load-notify.js';
import { loadProviders } from './load-provider.js';
import { loadRecords } from './load-record.js';
import { loadSettings } from './load-settings.js';
import { ConfigError, ProblemList, scrubbed } from './problems.js';
import { proxyPasswordOf } from './secrets.js';
import type { LoadContext } from './tables.js';
import { configText, parseToml, readConfigText } from './toml-text.js';
import type { Config } from './types.js';

export { ConfigError, formatProblem, type ConfigProblem } from './problems.js';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Picks the system-wide default state and log paths on POSIX; defaults to "running as root". */
  isRoot?: boolean;
}

const TOP_LEVEL_KEYS = ['settings', 'ip', 'provider', 'record', 'notify'] as const;

/**
 * Loads the config at `configPath` (made absolute) and returns it validated, with defaults applied,
 * paths resolved and secrets read. Throws ConfigError listing every problem found.
 */
export async function loadConfig(configPath: string, options: LoadConfigOptions = {}): Promise<Config> {
  // Every variable the config's meaning depends on is noted, with the secret files read: what the
  // config cache (cache.ts) must find unchanged besides the text.
  const envRead = new Set<string>();
  const note = (name: string | symbol) => {
    if (typeof name === 'string') envRead.add(name);
  };
  const env = new Proxy(options.env ?? process.env, {
    get: (target, name) => (note(name), target[name as string]),
    has: (target, name) => (note(name), name in target),
  });
  const platform = options.platform ?? process.platform;
  const isRoot = options.isRoot ?? runningAsRoot();
  const file = path.resolve(configPath);
  const raw = await readConfigText(file);
  const text = configText(raw);
  const document = parseToml(text, file);

  const lineOf = createLineLocator(text);
  const problems = new ProblemList(file, lineOf);
  const warnings = new ProblemList(file, lineOf);
  const context: LoadContext = { file, configDir: path.dirname(file), env, problems, warnings, lineOf, sensitive: new Set(), inFile: new Set(), secretFiles: new Set() };

  for (const key of Object.keys(document)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) problems.add([key], unknownKeyMessage(key, TOP_LEVEL_KEYS));
  }

  // Problems are listed by line; those on one line, or on none, in the order these run.
  const settings = loadSettings(document, context, defaultPaths({ platform, isRoot, env }));
  const detection = loadDetection(document, context);
  const { providers, typeByName } = await loadProviders(document, context);
  const records = loadRecords(document, context, typeByName);
  const notify = await loadNotifiers(document, context);

  if (problems.problems.length > 0 || settings === undefined) {
    throw new ConfigError(scrubbed(problems.sorted(), context.sensitive));
  }

  const secrets = [
    ...new Set([...providers.flatMap((provider) => provider.secrets), ...notify.flatMap((entry) => entry.secrets), ...proxyPasswordOf(settings.proxy)]),
  ];
  for (const password of proxyPasswordOf(settings.proxy)) context.inFile.add(password);
  const inFile = [...context.inFile];
  const ignored = warnings.sorted();
  return {
    path: file,
    settings,
    detection: withDefaultDetection(detection, records),
    providers,
    records,
    notify,
    secrets,
    secretsInFile: secrets.some((secret) => inFile.some((written) => written.includes(secret))),
    sources: { textSha256: sha256Hex(raw), platform, isRoot, env: [...envRead].sort(), files: [...context.secretFiles].sort() },
    ...(ignored.length > 0 ? { warnings: scrubbed(ignored, context.sensitive) } : {}),
  };
}
