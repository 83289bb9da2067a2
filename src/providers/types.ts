import type * as z from 'zod/mini';
import type { RecordType } from '../domain.js';
import type { HttpClient } from '../http/client.js';

/** What a record in the config asks a provider for. */
export interface RecordSpec {
  /** Fully qualified name without the trailing dot, lower-case: "home.example.com". */
  name: string;
  type: RecordType;
  /** Zone given in the config; otherwise the provider finds it. */
  zone: string | undefined;
  ttl: number | undefined;
  /** Provider-specific record keys, already validated by the provider's `recordSchema`. */
  options: Record<string, unknown>;
}

/** A record as the provider holds it. */
export interface ProviderRecord {
  id: string;
  name: string;
  type: RecordType;
  content: string;
  ttl: number | undefined;
}

export interface ProviderLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface ProviderContext {
  /** HTTP with timeout, User-Agent, proxy and redacted debug logging already set up. */
  http: HttpClient;
  log: ProviderLogger;
  /** `endpoint` from the config, when set: the base URL to use instead of the provider's own. */
  endpoint: string | undefined;
  /** `settings.timeout`, for providers that talk to their server without the HTTP client (DNS); the core always sets it. */
  timeoutMs?: number;
  /** Counts one request to the provider, for providers that send without the HTTP client (DNS messages). */
  countRequest?: () => void;
}

/**
 * The small interface every provider implements. The core calls `find` first, then `create` when
 * nothing exists or `update` when the content differs. Each method throws ProviderError.
 * A provider instance lives for one run, so it may cache zone lookups between records.
 */
export interface Provider {
  find(spec: RecordSpec): Promise<ProviderRecord | undefined>;
  create(spec: RecordSpec, ip: string): Promise<ProviderRecord>;
  update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord>;
}

/**
 * A provider whose API can only write (dyndns2, DuckDNS, webhooks): there is no record to read,
 * so the state is the only memory of what the provider holds. The core sends `set` only when the
 * detected IP differs from the state's (never on a timer: repeated identical updates get dyndns2
 * accounts blocked for abuse), or with --force.
 */
export interface WriteOnlyProvider {
  /**
   * Sets the record to `ip`; resolves with what the provider confirmed, throws ProviderError.
   * `previous` is the address the state last saw confirmed, if any (a webhook's `{old_ip}`).
   */
  set(spec: RecordSpec, ip: string, previous?: string): Promise<ProviderRecord>;
}

/**
 * A zod schema of a table. Ours are zod/mini schemas: classic zod would add ~450 KB to the bundle
 * every run loads. Only the parse methods both kinds share are required, so a classic zod v4
 * schema (a test's stand-in provider) fits too.
 */
export type TableSchema = z.core.$ZodType<Record<string, unknown>> & Pick<z.ZodMiniType<Record<string, unknown>>, 'parse' | 'safeParse'>;

/** A service reached through another type with fixed settings (`type = "dyndns2"`, `preset = "noip"`). */
export interface ProviderPreset {
  /** The value of the parent type's `preset` key. */
  name: string;
  /** The service, as its users know it: "No-IP". */
  title: string;
  /** The keys a user of this preset must fill in (besides `preset`). */
  credentialKeys: readonly string[];
}

/**
 * Static facts about a provider: loaded eagerly for config validation and `ddns providers`, while
 * the implementation (`load`) is imported only when a record uses the provider. The long texts
 * (per-key docs, notes, the example) are in the folder's docs.ts, which a run never loads.
 */
export interface ProviderMetadata {
  type: string;
  title: string;
  /** The keys a user must fill in to authenticate (secret or not), in the order the docs list them. */
  credentialKeys: readonly string[];
  /** Services reached through this type with fixed settings. */
  presets?: readonly ProviderPreset[];
  /**
   * How far the machine's clock may be off before the service refuses a signed request (seconds),
   * where the service says; doctor's clock check and the docs name it.
   */
  clockToleranceSeconds?: number;
  /** Zones (or domains) per page of the account's zone listing, where the provider lists them. */
  zonePageSize?: number;
  /** Keys holding secrets; each also accepts `<key>_env` and `<key>_file`. */
  secretKeys: readonly string[];
  /** Keys holding a table whose every string value is a secret (a webhook's `headers`). */
  secretTables?: readonly string[];
  /** Schema of the `[[provider]]` table's own keys (secrets resolved; name/type/endpoint removed). */
  configSchema: TableSchema;
  /** Schema of the provider-specific keys allowed in a `[[record]]`. */
  recordSchema: TableSchema;
  /** True when the factory returns a WriteOnlyProvider. */
  writeOnly?: boolean;
  /**
   * The record types the service can set, where it cannot set both (Namecheap's Dynamic DNS: A
   * only): a `[[record]]` of another type is a config error at its file:line. Absent: A and AAAA.
   */
  recordTypes?: readonly RecordType[];
  /** A write-only service whose update carries the TTL (Dynadot): a record's `ttl` is sent, so it earns no "has no effect" warning. */
  sendsTtl?: boolean;
  /**
   * The domain every name of this service lives under (DuckDNS: "duckdns.org"): a record named
   * with a single label ("myhome", as the service's own pages write it) means `myhome.<domain>`.
   */
  domain?: string;
  /** The API's published request rate limit; the core spaces this provider's requests to stay under it. */
  maxRequestsPerSecond?: number;
  /**
   * `update(spec, existing, ip)` needs nothing of `existing` but its `id` (it neither resends the
   * old content nor the old TTL): when the state knows the record's id and the address changed, the
   * core updates by that id without reading the record first — one write per changed record. An
   * answer of kind not-found (deleted or recreated by hand) falls back to find → create/update.
   */
  updatesByStateId?: boolean;
  /**
   * The TTLs the service accepts, where it publishes them: a record's `ttl` outside the range is
   * held to it when the config loads, with a warning at its file:line, rather than sent to be refused.
   */
  ttlRange?: TtlRange;
  load(): Promise<ProviderFactory<Provider | WriteOnlyProvider>>;
}

export interface TtlRange {
  minimum: number;
  maximum?: number;
  /** Values outside the range the service gives a meaning (Cloudflare's 1 = automatic). */
  special?: readonly number[];
}

/** Builds a provider for one `[[provider]]` table; read/write by default, or write-only. */
export type ProviderFactory<P extends Provider | WriteOnlyProvider = Provider> = (options: Record<string, unknown>, context: ProviderContext) => P;

export function isWriteOnly(provider: Provider | WriteOnlyProvider): provider is WriteOnlyProvider {
  return 'set' in provider && typeof provider.set === 'function';
}
