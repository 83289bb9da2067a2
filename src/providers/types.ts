import type { z } from 'zod';
import type { RecordType } from '../config/types.js';
import type { HttpClient } from './http.js';

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
 * Static facts about a provider: loaded eagerly for config validation and docs, while the
 * implementation (`load`) is imported only when a record uses the provider.
 */
export interface ProviderMetadata {
  type: string;
  title: string;
  /** Keys holding secrets; each also accepts `<key>_env` and `<key>_file`. */
  secretKeys: readonly string[];
  /** Schema of the `[[provider]]` table's own keys (secrets resolved; name/type/endpoint removed). */
  configSchema: z.ZodType<Record<string, unknown>>;
  /** Schema of the provider-specific keys allowed in a `[[record]]`. */
  recordSchema: z.ZodType<Record<string, unknown>>;
  load(): Promise<ProviderFactory>;
}

export type ProviderFactory = (options: Record<string, unknown>, context: ProviderContext) => Provider;
