/**
 * Reading the tables of a parsed config: picking keys, validating them with human messages, and
 * what every section's loader shares while it reads (problems, warnings, secrets seen so far).
 */
import * as z from 'zod/mini';
// Imported by name: `z.core.…` would pull all of zod's core and every locale into the bundle.
import { $ZodObject } from 'zod/v4/core';
import type { KeyPath, LineLocator } from './lines.js';
import { humanIssueMessage } from './messages.js';
import type { ProblemList } from './problems.js';

export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

export function pick(table: Table, keys: readonly string[]): Table {
  const picked: Table = {};
  for (const key of keys) if (key in table) picked[key] = table[key];
  return picked;
}

export function omit(table: Table, keys: ReadonlySet<string>): Table {
  const rest: Table = {};
  for (const [key, value] of Object.entries(table)) if (!keys.has(key)) rest[key] = value;
  return rest;
}

/** Top-level keys of a zod object schema, for "did you mean" hints; empty for other schemas. */
export function schemaKeys(schema: z.core.$ZodType): string[] {
  return schema instanceof $ZodObject ? Object.keys(schema._zod.def.shape) : [];
}

/** Runs a schema with human messages; on failure records the issues and returns undefined. */
export function validate<Schema extends z.core.$ZodType>(
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
export function tablesOf(document: Table, key: string, problems: ProblemList): Table[] {
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

export interface LoadContext {
  file: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  problems: ProblemList;
  /** Valid keys that have no effect: reported with their line, the config still loads. */
  warnings: ProblemList;
  lineOf: LineLocator;
  /** Every value that is or might be a secret, to scrub from messages as a last line of defence. */
  sensitive: Set<string>;
  /** The secret values written in the file itself (not read from `_env` or `_file`): what makes its permissions matter. */
  inFile: Set<string>;
  /** The `_file` secrets read, as absolute paths: inputs of the config besides its own text (config/cache.ts). */
  secretFiles: Set<string>;
}
