/**
 * Every failure a provider reports is a ProviderError: the core decides from `kind` whether to
 * retry, and prints `message` as the one-line reason. Messages must never contain a secret.
 */
export type ProviderErrorKind =
  | 'auth' // credentials rejected or lacking permission: retrying cannot help
  | 'config' // the request is invalid for this provider (bad zone, bad name, bad ttl …)
  | 'not-found' // the zone or record the config names does not exist
  | 'conflict' // the provider refused because of an existing record
  | 'rate-limit' // 429 or a provider throttling code: retry after a delay
  | 'transient' // network error, timeout, 5xx: retry with backoff
  | 'clock-skew' // the provider says our clock is off: retrying cannot help
  | 'protocol'; // the answer did not match the provider's documented format

/**
 * Tells the core to stop sending for this record for a while, because sending again would be
 * wrong, not merely useless: a dyndns2 server answering `badauth`, `nohost` or `abuse` must not
 * hear from the client again until the user changes something (`until-config-change`); `dnserr`
 * or `911` ask for a pause of at least 30 minutes (`forMs`). The hold is kept in the state.
 */
export type ProviderHold = { until: 'config-change' } | { forMs: number };

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(['rate-limit', 'transient']);

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  /** Provider-specific error code (e.g. Cloudflare 9109), for logs and --json. */
  readonly code: string | undefined;
  readonly hold: ProviderHold | undefined;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: { retryAfterMs?: number; status?: number; code?: string | number; hold?: ProviderHold; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.code = options.code === undefined ? undefined : String(options.code);
    this.hold = options.hold;
  }

  /** A hold means "do not send again for a while", which rules out retrying within the run. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind) && this.hold === undefined;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

export interface ErrorDetails {
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  code?: string | number | undefined;
}

/**
 * A ProviderError whose message cannot carry any of `secrets`: servers sometimes echo what they
 * were sent (an unknown access key, a token in a URL) into the error text that ddns prints.
 */
export function providerErrorWithout(
  secrets: readonly (string | undefined)[],
  kind: ProviderErrorKind,
  message: string,
  details: ErrorDetails = {},
): ProviderError {
  let safe = message;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length > 0) safe = safe.split(secret).join('***');
  }
  return new ProviderError(kind, safe, {
    ...(details.status === undefined ? {} : { status: details.status }),
    ...(details.retryAfterMs === undefined ? {} : { retryAfterMs: details.retryAfterMs }),
    ...(details.code === undefined ? {} : { code: details.code }),
  });
}
