import * as z from 'zod/mini';
import type { RecordSpec } from './types.js';

/**
 * What the signed cloud APIs' providers (Volcengine, Baidu AI Cloud, …) share in their config and
 * records: an access key pair, and an ISP line (线路) per record, `default` unless set.
 */

/** Printable ASCII without spaces or quotes: anything else could only be sent as a wrong signature. */
export const accessKeyText = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21\x23-\x26\x28-\x7e]+$/, 'must not contain spaces, line breaks, quotes or non-ASCII characters'));

/** A record's `line` key, as the API names the line. */
export const lineText = z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters')));

/** The line every record is on unless the config names another (the APIs' own default). */
export const DEFAULT_LINE = 'default';

export function lineOf(spec: RecordSpec): string {
  const line = spec.options['line'];
  return typeof line === 'string' && line !== '' ? line : DEFAULT_LINE;
}

/** The host part of `name` in the zone `apex` (lower-case, no trailing dot): "@" for the apex. */
export function hostIn(name: string, apex: string): string {
  return name === apex ? '@' : name.slice(0, -(apex.length + 1));
}

/** The full name of `host` in `apex` ("@" or "" is the apex itself). */
export function nameOf(host: string, apex: string): string {
  return host === '@' || host === '' ? apex : `${host}.${apex}`;
}
