/**
 * `[[notify]]` tables: the base keys (type, url, on), then the type's own keys from the notifier
 * registry. The url is a secret like a provider's credentials, so it too may come from `_env`/`_file`.
 */
import { notifierKind } from '../notify/registry.js';
import { secretPartsOfUrl } from '../notify/schema.js';
import { nearestLine } from './lines.js';
import { notifyBaseSchema, NOTIFY_BASE_KEYS } from './schema.js';
import { resolveSecret, secretTableValues } from './secrets.js';
import { omit, pick, schemaKeys, tablesOf, validate, type LoadContext, type Table } from './tables.js';
import type { NotifyConfig } from './types.js';

export async function loadNotifiers(document: Table, context: LoadContext): Promise<NotifyConfig[]> {
  const notify: NotifyConfig[] = [];
  for (const [index, table] of tablesOf(document, 'notify', context.problems).entries()) {
    const entry = await loadNotify(table, index, context);
    if (entry !== undefined) notify.push(entry);
  }
  return notify;
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

  const kind = typeof table.type === 'string' ? notifierKind(table.type) : undefined;
  const ownKeys = new Set<string>([...NOTIFY_BASE_KEYS, 'url_env', 'url_file']);
  const secrets = url.status === 'resolved' ? secretPartsOfUrl(url.value) : [];
  for (const part of secrets) context.sensitive.add(part);
  if (kind === undefined) {
    for (const value of Object.values(omit(table, ownKeys))) if (typeof value === 'string') context.sensitive.add(value);
    return undefined;
  }
  secrets.push(...secretTableValues(table, kind.secretTables, context));
  const schema = kind.optionsSchema;
  const allowedKeys = [...ownKeys, ...schemaKeys(schema)];
  const options = validate(schema, omit(table, ownKeys), problems, tablePath, allowedKeys);
  let urlValid = true;
  const urlProblem = base === undefined ? undefined : kind.urlProblem?.(base.url);
  if (urlProblem !== undefined) {
    problems.add([...tablePath, keyAlias.get('url') ?? 'url'], urlProblem);
    urlValid = false;
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
