import { isProviderError, ProviderError } from '../http/errors.js';
import { formatDuration } from '../config/duration.js';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First backoff delay; p-retry doubles it per attempt, with jitter. */
  minDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out within the run: the record fails now and
   * the next scheduled run tries again, instead of holding the lock for minutes.
   */
  maxRetryAfterMs: number;
  onRetry?: (error: ProviderError, attempt: number, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wraps anything thrown that is not a ProviderError: a bug, reported as such, never retried. */
function asProviderError(error: unknown): ProviderError {
  if (isProviderError(error)) return error;
  return new ProviderError('protocol', `unexpected error: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

/**
 * Runs one provider call with p-retry: network errors, timeouts, 5xx and 429 are retried with
 * exponential backoff (a 429's Retry-After is honoured when it is short), everything else fails
 * at once. Always rejects with a ProviderError.
 */
export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  // Loaded with the first provider call: a run that calls no provider never needs it.
  const { default: pRetry, AbortError } = await import('p-retry');
  const sleep = policy.sleep ?? defaultSleep;
  try {
    return await pRetry(
      async () => {
        try {
          return await operation();
        } catch (error) {
          const providerError = asProviderError(error);
          if (!providerError.retryable) throw new AbortError(providerError);
          if ((providerError.retryAfterMs ?? 0) > policy.maxRetryAfterMs) {
            const wait = formatDuration(providerError.retryAfterMs ?? 0);
            throw new AbortError(
              new ProviderError(providerError.kind, `${providerError.message}; the provider asks to wait ${wait}, the next run will retry`, {
                ...(providerError.status === undefined ? {} : { status: providerError.status }),
                ...(providerError.code === undefined ? {} : { code: providerError.code }),
              }),
            );
          }
          throw providerError;
        }
      },
      {
        retries: policy.retries,
        minTimeout: policy.minDelayMs,
        factor: 2,
        randomize: true,
        maxTimeout: Math.max(policy.minDelayMs, 30_000),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0 || !isProviderError(error)) return;
          const waitMs = error.retryAfterMs ?? 0;
          policy.onRetry?.(error, attemptNumber, waitMs);
          // Retry-After replaces nothing of the backoff: it is waited out first, then backoff adds jitter.
          if (waitMs > 0) await sleep(waitMs);
        },
      },
    );
  } catch (error) {
    if (error instanceof AbortError) return Promise.reject(asProviderError(error.originalError));
    throw asProviderError(error);
  }
}
