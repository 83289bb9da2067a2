/**
 * Human wording for config problems. Zod's own messages ("Invalid input: expected string,
 * received number") are written for developers; users get these instead. No function here ever
 * puts a config *value* into a message, because the value might be a secret.
 */
import type * as z from 'zod/mini';
import type { KeyPath } from './lines.js';
import { MAX_QUOTED_LENGTH, plural, quoted } from '../text.js';

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([...])',
  object: 'a table',
  record: 'a table',
  date: 'a date',
};

/** What kind of value was written, in TOML terms; never the value itself. */
export function describeValueKind(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return 'a date';
  switch (typeof input) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(input) ? 'a whole number' : 'a fractional number';
    case 'bigint':
      return 'a whole number too large to use';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'a table';
    default:
      return typeof input;
  }
}

/** The per-parse zod error map: used for every issue whose schema did not bring its own message. */
export function humanIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValueKind(issue.input)}`;
    case 'too_small': {
      const { minimum, origin } = issue;
      if (origin === 'string') return minimum === 1 ? 'must not be empty' : `must be at least ${plural(minimum, 'character')} long`;
      if (origin === 'array' || origin === 'set') return minimum === 1 ? 'must not be empty' : `must list at least ${plural(minimum, 'item')}`;
      return issue.inclusive === false ? `must be greater than ${minimum}` : `must be at least ${minimum}`;
    }
    case 'too_big': {
      const { maximum, origin } = issue;
      if (origin === 'string') return `must be at most ${plural(maximum, 'character')} long`;
      if (origin === 'array' || origin === 'set') return `must list at most ${plural(maximum, 'item')}`;
      return issue.inclusive === false ? `must be less than ${maximum}` : `must be at most ${maximum}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'expected a URL';
      if (issue.format === 'regex') return 'is not in the expected format';
      return `expected a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `unknown key "${issue.keys[0]}"` : `unknown keys ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_union':
      return 'does not match any of the accepted forms';
    case 'invalid_key':
      return 'contains an invalid key';
    case 'invalid_element':
      return 'contains an invalid value';
    default:
      return 'is invalid';
  }
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * A key path as users read it: `settings.timeout`, `record[2].proxied`, `ip.ipv4.sources[1]`.
 * Indices count from 1, as a user counts the `[[record]]` tables in the file.
 */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment + 1}]`;
    else {
      const key = BARE_KEY.test(segment) && segment.length <= MAX_QUOTED_LENGTH ? segment : quoted(segment);
      text += text === '' ? key : `.${key}`;
    }
  }
  return text;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/** The allowed key a typo most likely meant, if one is close enough to be worth suggesting. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = key.length <= 4 ? 1 : 2;
  return bestDistance <= tolerance ? best : undefined;
}

/**
 * `unknown provider type "cloudflair" (did you mean "cloudflare"? \`ddns providers\` lists all 17)`:
 * the types no longer fit on one line, so the closest one is named and the catalogue points to the rest.
 */
export function unknownProviderTypeMessage(type: string, known: readonly string[]): string {
  const closest = closestKey(type, known);
  const list = `\`ddns providers\` lists all ${known.length}`;
  return `unknown provider type ${quoted(type)} (${closest === undefined ? list : `did you mean ${quoted(closest)}? ${list}`})`;
}

/** `unknown key "proxyed" (did you mean "proxied"?)`; typos must never be silently ignored. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const base = `unknown key ${quoted(key)}`;
  const suggestion = closestKey(key, allowed);
  if (suggestion !== undefined) return `${base} (did you mean "${suggestion}"?)`;
  if (allowed.length > 0) {
    // Secret keys come in threes (X, X_env, X_file): listing all three would crowd out the rest.
    const listed = allowed.filter((candidate) => {
      const secret = /^(.+)_(?:env|file)$/.exec(candidate)?.[1];
      return secret === undefined || !allowed.includes(secret);
    });
    const secretNote = listed.length < allowed.length ? '; a secret X also as X_env or X_file' : '';
    return `${base} (allowed here: ${listed.join(', ')}${secretNote})`;
  }
  return base;
}
