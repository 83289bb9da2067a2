/** The validated, resolved configuration that the rest of the program works from. */
import type { ConfigProblem } from './problems.js';
import type { Family, RecordType } from '../domain.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Settings {
  timeoutMs: number;
  retries: number;
  /** First backoff delay of p-retry; later ones grow exponentially with jitter. */
  retryDelayMs: number;
  recheckMs: number;
  /** How long detection keeps retrying when no source answers (network not up yet). */
  detectWaitMs: number;
  /** How many records are checked at once (`settings.concurrency`); 4 when absent. */
  concurrency?: number;
  logLevel: LogLevel;
  logFile: string;
  stateFile: string;
  proxy: string | undefined;
}

export interface DetectionConfig {
  family: Family;
  sources: string[];
  allowPrivate: boolean;
  quorum: number;
  useProxy: boolean;
}

/** A `[[provider]]` table after secret resolution (`X_env` / `X_file` replaced by `X`). */
/** What the check pass needs to know of a provider type before it loads the type's code. */
export interface ProviderTraits {
  /** ProviderMetadata.writeOnly */
  writeOnly: boolean;
  /** ProviderMetadata.updatesByStateId */
  updatesByStateId: boolean;
}

export interface ProviderConfig {
  name: string;
  type: string;
  endpoint: string | undefined;
  /** Every key of the table except name/type/endpoint, validated by the provider's own schema. */
  options: Record<string, unknown>;
  /** Resolved secret values, so that logs and output can redact them. */
  secrets: string[];
  /** Where the table starts, for messages. */
  line: number | undefined;
  /** Set by the loader from the type's metadata, so that a run from the config cache needs no metadata. */
  traits?: ProviderTraits;
}

export interface RecordConfig {
  provider: string;
  name: string;
  type: RecordType;
  zone: string | undefined;
  ttl: number | undefined;
  /** Provider-specific keys (e.g. Cloudflare `proxied`), validated by the provider's record schema. */
  options: Record<string, unknown>;
  line: number | undefined;
  /** Only in a cached config: core/fingerprint.ts's value for this record under the full config. */
  fingerprint?: string;
}

export interface NotifyConfig {
  type: string;
  /** May hold `{variable}`s (webhook). A secret: print only its origin. */
  url: string;
  on: string[];
  /** The type's own keys, validated by its schema in src/notify/schema.ts. */
  options: Record<string, unknown>;
  /** The url's secret parts and every header value, so that logs and output can redact them. */
  secrets: string[];
  line: number | undefined;
}

/** What a config's meaning depends on besides its text (config/cache.ts). */
export interface ConfigSources {
  /** SHA-256 of the text as read. */
  textSha256: string;
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** Environment variables read while loading it (default paths, `_env` secrets). */
  env: string[];
  /** Secret files read (`_file`), absolute. */
  files: string[];
}

export interface Config {
  /** Absolute path of the config file this came from. */
  path: string;
  settings: Settings;
  detection: Partial<Record<Family, DetectionConfig>>;
  providers: ProviderConfig[];
  records: RecordConfig[];
  notify: NotifyConfig[];
  /** Every secret value found in the config, for redaction. */
  secrets: string[];
  /**
   * Whether a secret is written in the file itself: only then can other users read it there
   * (a config that names only `_env` variables and `_file`s may stay world-readable).
   */
  secretsInFile: boolean;
  /** Keys that are valid but have no effect (a ttl for DuckDNS): said with file:line, never fatal. */
  warnings?: ConfigProblem[];
  sources?: ConfigSources;
  /**
   * Set on a config read back from the config cache (config/cache.ts): no credential, notifier or
   * proxy password is in it, and each record carries the fingerprint the full config gives it.
   * The provider pool loads the full config before it creates a provider.
   */
  secretsOmitted?: true;
}
