/**
 * Secrets in a config: a key `K` given inline, as `K_env` (an environment variable's name) or as
 * `K_file` (a file holding it), tables whose every value is a secret, and a proxy's password.
 * Every value seen is remembered in the load context, so no problem message can quote it.
 */
// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileReadFailure } from '../messages.js';
import { shown } from '../text.js';
import type { KeyPath } from './lines.js';
import { isTable, type LoadContext, type Table } from './tables.js';

/** Longest file path quoted in a message about a secret file. */
const MAX_PATH_SHOWN = 120;

/**
 * `absent`: no usable inline value and no `_env`/`_file` (the provider's schema decides whether that
 * is allowed, and reports a wrong-typed inline value); `failed`: already reported.
 */
export type SecretResolution = { status: 'resolved'; value: string; writtenAs: string } | { status: 'failed' } | { status: 'absent' };

/** Resolves one secret key from exactly one of `K`, `K_env`, `K_file`. */
export async function resolveSecret(table: Table, secretKey: string, tablePath: KeyPath, context: LoadContext): Promise<SecretResolution> {
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
    if (typeof inline === 'string') {
      context.inFile.add(inline);
      return { status: 'resolved', value: inline, writtenAs: secretKey };
    }
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
  context.secretFiles.add(secretPath);
  let contents: string;
  try {
    contents = await fsp.readFile(secretPath, 'utf8');
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

/** The string values of the secret tables `tableKeys` (a webhook's headers), each remembered as sensitive. */
export function secretTableValues(table: Table, tableKeys: readonly string[], context: LoadContext): string[] {
  const values: string[] = [];
  for (const tableKey of tableKeys) {
    const secretTable = table[tableKey];
    if (!isTable(secretTable)) continue; // a wrong type is reported by the table's schema
    for (const value of Object.values(secretTable)) {
      if (typeof value !== 'string') continue;
      context.sensitive.add(value);
      context.inFile.add(value);
      values.push(value);
    }
  }
  return values;
}

/** A proxy URL may carry a password (`http://user:pass@proxy:8080`); it must be redacted like any secret. */
export function proxyPasswordOf(proxy: string | undefined): string[] {
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
