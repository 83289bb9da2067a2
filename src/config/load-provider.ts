/**
 * `[[provider]]` tables: the base keys, then the provider's own schema from its metadata, with
 * its credential keys resolved from inline values, `_env` or `_file` first.
 */
import { PROVIDERS, providerTypes } from '../providers/registry.js';
import type { ProviderMetadata } from '../providers/types.js';
import { quoted } from '../text.js';
import { nearestLine } from './lines.js';
import { humanIssueMessage, unknownProviderTypeMessage } from './messages.js';
import { providerBaseSchema, PROVIDER_BASE_KEYS } from './schema.js';
import { resolveSecret, secretTableValues } from './secrets.js';
import { omit, pick, schemaKeys, tablesOf, validate, type LoadContext, type Table } from './tables.js';
import type { ProviderConfig } from './types.js';

export interface LoadedProviders {
  providers: ProviderConfig[];
  /** Every named provider, with its type when that type is known: what records may refer to. */
  typeByName: Map<string, string | undefined>;
}

/** Every `[[provider]]`; a name given twice is reported at the second, naming the first one's line. */
export async function loadProviders(document: Table, context: LoadContext): Promise<LoadedProviders> {
  const { problems, lineOf } = context;
  const providerTables = tablesOf(document, 'provider', problems);
  const typeByName = new Map<string, string | undefined>();
  const lineByName = new Map<string, number | undefined>();
  const providers: ProviderConfig[] = [];
  for (const [index, table] of providerTables.entries()) {
    const name = table.name;
    if (typeof name === 'string' && name !== '') {
      if (typeByName.has(name)) {
        const firstLine = lineByName.get(name);
        problems.add(['provider', index, 'name'], `duplicate provider name ${quoted(name)}${firstLine === undefined ? '' : ` (first defined at line ${firstLine})`}`);
      } else {
        const type = typeof table.type === 'string' && PROVIDERS.has(table.type) ? table.type : undefined;
        typeByName.set(name, type);
        lineByName.set(name, nearestLine(lineOf, ['provider', index]));
      }
    }
    const provider = await loadProvider(table, index, context);
    if (provider !== undefined) providers.push(provider);
  }
  return { providers, typeByName };
}

async function loadProvider(table: Table, index: number, context: LoadContext): Promise<ProviderConfig | undefined> {
  const tablePath = ['provider', index];
  const { problems } = context;
  const base = validate(providerBaseSchema, pick(table, PROVIDER_BASE_KEYS), problems, tablePath);
  const type = table.type;
  const metadata: ProviderMetadata | undefined = typeof type === 'string' ? PROVIDERS.get(type) : undefined;
  if (typeof type === 'string' && type !== '' && metadata === undefined) {
    problems.add([...tablePath, 'type'], unknownProviderTypeMessage(type, providerTypes()));
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
  secrets.push(...secretTableValues(table, metadata.secretTables ?? [], context));

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
    traits: { writeOnly: metadata.writeOnly === true, updatesByStateId: metadata.updatesByStateId === true },
  };
}
