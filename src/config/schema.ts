/**
 * Zod schemas of the config sections ddns itself defines. Provider-specific keys are validated
 * by each provider's own `configSchema` / `recordSchema`; see load.ts for how they are combined.
 * Cross-references (record → provider, quorum ≤ sources, duplicates) are checked in load.ts,
 * where every table is in view.
 */
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { checkDnsName } from './dns-name.js';
import type { Family } from './types.js';

export const DURATION_HINT = 'expected a duration like "10s" or "5m"';

function durationOrThrow(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`bad built-in duration ${text}`);
  return ms;
}

/** A duration string ("10s", "1h30m") or a bare number of seconds, parsed to milliseconds. */
const durationMs = z.unknown().transform((value, context): number => {
  const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: DURATION_HINT });
    return z.NEVER;
  }
  return ms;
});

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

export const httpUrl = z.string().refine(isHttpUrl, 'expected an http:// or https:// URL');

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
  .refine(
    (source) => classifySource(source) !== undefined,
    'expected an http(s):// URL, "cloudflare-trace", "interface:NAME" or "cmd:COMMAND"',
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
  timeout: durationMs
    .refine((ms) => ms > 0, 'must be longer than 0s')
    .refine((ms) => ms <= MAX_TIMER_MS, TIMER_TOO_LONG)
    .default(durationOrThrow('10s')),
  retries: z.number().int().min(0).max(10).default(3),
  retry_delay: durationMs.refine((ms) => ms <= MAX_TIMER_MS, TIMER_TOO_LONG).default(durationOrThrow('1s')),
  recheck: durationMs.default(durationOrThrow('24h')),
  detect_wait: durationMs.default(durationOrThrow('60s')),
  concurrency: z.number().int().min(1).max(32).default(4),
  log_level: z.enum(LOG_LEVELS).default('info'),
  log_file: z.string().min(1).optional(),
  state_file: z.string().min(1).optional(),
  proxy: httpUrl.optional(),
});

/** `[ip.ipv4]` / `[ip.ipv6]`. Absent `sources` means the family's default list. */
export const familySchema = z.strictObject({
  sources: z.array(ipSource).min(1, 'must list at least one source').optional(),
  allow_private: z.boolean().default(false),
  quorum: z.number().int().min(1).default(1),
  use_proxy: z.boolean().default(false),
});

function dnsName(minLabels: number) {
  return z.string().transform((value, context): string => {
    const check = checkDnsName(value, minLabels);
    if (!check.ok) {
      context.addIssue({ code: 'custom', message: check.reason });
      return z.NEVER;
    }
    return check.name;
  });
}

/** Names are used in state keys (`provider/name/type`) and messages, so keep them plain. */
export const providerBaseSchema = z.object({
  name: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, ".", "_" and "-"'),
  type: z.string().min(1),
  endpoint: httpUrl.optional(),
});
export const PROVIDER_BASE_KEYS = ['name', 'type', 'endpoint'] as const;

export const RECORD_TYPES = ['A', 'AAAA'] as const;

export const recordBaseSchema = z.object({
  provider: z.string().min(1),
  name: dnsName(2),
  type: z.enum(RECORD_TYPES).default('A'),
  zone: dnsName(1).optional(),
  ttl: z.number().int().min(1).max(604_800).optional(),
});
export const RECORD_BASE_KEYS = ['provider', 'name', 'type', 'zone', 'ttl'] as const;

export const NOTIFY_TYPES = ['webhook', 'healthchecks'] as const;
export const NOTIFY_EVENTS = ['change', 'failure', 'always'] as const;

export const notifyBaseSchema = z.object({
  type: z.enum(NOTIFY_TYPES),
  url: httpUrl,
  on: z
    .array(z.enum(NOTIFY_EVENTS))
    .min(1)
    .default(['failure'])
    .transform((events) => [...new Set(events)]),
});
export const NOTIFY_BASE_KEYS = ['type', 'url', 'on'] as const;
