/**
 * Zod schemas of the config sections ddns itself defines. Provider-specific keys are validated
 * by each provider's own `configSchema` / `recordSchema`; see load.ts for how they are combined.
 * Cross-references (record → provider, quorum ≤ sources, duplicates) are checked in load.ts,
 * where every table is in view.
 */
import * as z from 'zod/mini';
import { parseDuration } from './duration.js';
import { checkDnsName } from './dns-name.js';
import type { Family } from '../domain.js';
import { NOTIFY_TYPES } from '../notify/registry.js';

export const DURATION_HINT = 'expected a duration like "10s" or "5m"';

function durationOrThrow(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`bad built-in duration ${text}`);
  return ms;
}

/** A duration string ("10s", "1h30m") or a bare number of seconds, parsed to milliseconds. */
const durationMs = z.pipe(
  z.unknown(),
  z.transform((value, context): number => {
    const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
    if (ms === undefined) {
      context.issues.push({ code: 'custom', message: DURATION_HINT, input: value });
      return z.NEVER;
    }
    return ms;
  }),
);

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

export const httpUrl = z.string().check(z.refine(isHttpUrl, 'expected an http:// or https:// URL'));

export type IpSource =
  | { kind: 'http'; url: string }
  | { kind: 'cloudflare-trace' }
  | { kind: 'interface'; name: string }
  | { kind: 'cmd'; command: string };

/** What an `[ip.*] sources` entry means, or undefined when it is not one of the accepted forms. */
export function classifySource(source: string): IpSource | undefined {
  if (source === 'cloudflare-trace') return { kind: 'cloudflare-trace' };
  if (source.startsWith('interface:')) {
    const name = source.slice('interface:'.length).trim();
    return name === '' ? undefined : { kind: 'interface', name };
  }
  if (source.startsWith('cmd:')) {
    const command = source.slice('cmd:'.length).trim();
    return command === '' ? undefined : { kind: 'cmd', command };
  }
  return isHttpUrl(source) ? { kind: 'http', url: source } : undefined;
}

const ipSource = z
  .string()
  .check(
    z.refine(
      (source) => classifySource(source) !== undefined,
      'expected an http(s):// URL, "cloudflare-trace", "interface:NAME" or "cmd:COMMAND"',
    ),
  );

export const DEFAULT_SOURCES: Record<Family, readonly string[]> = {
  ipv4: ['https://api.ipify.org', 'https://checkip.amazonaws.com', 'cloudflare-trace'],
  ipv6: ['https://api6.ipify.org', 'cloudflare-trace'],
};

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/**
 * Durations that become timers must fit Node's timer limit (2^31-1 ms, about 24.8 days): a longer
 * one fires after 1 ms, so `timeout = "30d"` would fail every request at once.
 */
const MAX_TIMER_MS = durationOrThrow('24d');
const TIMER_TOO_LONG = 'must be at most 24d';

export const settingsSchema = z.strictObject({
  timeout: z._default(
    durationMs.check(
      z.refine((ms) => ms > 0, 'must be longer than 0s'),
      z.refine((ms) => ms <= MAX_TIMER_MS, TIMER_TOO_LONG),
    ),
    durationOrThrow('10s'),
  ),
  retries: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(10)), 3),
  retry_delay: z._default(durationMs.check(z.refine((ms) => ms <= MAX_TIMER_MS, TIMER_TOO_LONG)), durationOrThrow('1s')),
  recheck: z._default(durationMs, durationOrThrow('24h')),
  detect_wait: z._default(durationMs, durationOrThrow('60s')),
  concurrency: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(32)), 4),
  log_level: z._default(z.enum(LOG_LEVELS), 'info'),
  log_file: z.optional(z.string().check(z.minLength(1))),
  state_file: z.optional(z.string().check(z.minLength(1))),
  proxy: z.optional(httpUrl),
});

/** `[ip.ipv4]` / `[ip.ipv6]`. Absent `sources` means the family's default list. */
export const familySchema = z.strictObject({
  sources: z.optional(z.array(ipSource).check(z.minLength(1, 'must list at least one source'))),
  allow_private: z._default(z.boolean(), false),
  quorum: z._default(z.number().check(z.int(), z.minimum(1)), 1),
  use_proxy: z._default(z.boolean(), false),
});

function dnsName(minLabels: number) {
  return z.pipe(
    z.string(),
    z.transform((value, context): string => {
      const check = checkDnsName(value, minLabels);
      if (!check.ok) {
        context.issues.push({ code: 'custom', message: check.reason, input: value });
        return z.NEVER;
      }
      return check.name;
    }),
  );
}

/** Names are used in state keys (`provider/name/type`) and messages, so keep them plain. */
export const providerBaseSchema = z.object({
  name: z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, ".", "_" and "-"')),
  type: z.string().check(z.minLength(1)),
  endpoint: z.optional(httpUrl),
});
export const PROVIDER_BASE_KEYS = ['name', 'type', 'endpoint'] as const;

export const RECORD_TYPES = ['A', 'AAAA'] as const;

export const recordBaseSchema = z.object({
  provider: z.string().check(z.minLength(1)),
  name: dnsName(2),
  type: z._default(z.enum(RECORD_TYPES), 'A'),
  zone: z.optional(dnsName(1)),
  ttl: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(604_800))),
});
export const RECORD_BASE_KEYS = ['provider', 'name', 'type', 'zone', 'ttl'] as const;

export const NOTIFY_EVENTS = ['change', 'failure', 'always'] as const;

export const notifyBaseSchema = z.object({
  type: z.enum(NOTIFY_TYPES),
  url: httpUrl,
  on: z.pipe(
    z._default(z.array(z.enum(NOTIFY_EVENTS)).check(z.minLength(1)), ['failure']),
    z.transform((events) => [...new Set(events)]),
  ),
});
export const NOTIFY_BASE_KEYS = ['type', 'url', 'on'] as const;
