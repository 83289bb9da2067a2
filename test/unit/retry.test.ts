import { withRetry } from '../../src/core/retry.js';
import { ProviderError } from '../../src/http/errors.js';

describe('withRetry', () => {
  const policy = { retries: 3, minDelayMs: 1, maxRetryAfterMs: 5_000 };

  it('retries transient failures, then succeeds', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new ProviderError('transient', 'HTTP 502');
      return 'ok';
    }, policy);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after `retries` attempts with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new ProviderError('transient', `HTTP 500 #${calls}`);
      }, policy),
    ).rejects.toMatchObject({ kind: 'transient', message: 'HTTP 500 #4' });
    expect(calls).toBe(4);
  });

  it.each(['auth', 'config', 'not-found', 'protocol', 'clock-skew', 'conflict'] as const)('never retries %s errors', async (kind) => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new ProviderError(kind, 'no');
      }, policy),
    ).rejects.toMatchObject({ kind });
    expect(calls).toBe(1);
  });

  it('waits out a short Retry-After before retrying', async () => {
    const waits: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new ProviderError('rate-limit', 'HTTP 429', { retryAfterMs: 2_000 });
        return 'ok';
      },
      { ...policy, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([2_000]);
  });

  it('does not hold the run for a long Retry-After: fails now, says the next run retries', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new ProviderError('rate-limit', 'HTTP 429', { retryAfterMs: 600_000 });
      }, policy),
    ).rejects.toThrow(/asks to wait 10m, the next run will retry/);
    expect(calls).toBe(1);
  });

  it('turns an unexpected exception into a non-retried ProviderError', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new TypeError('cannot read properties of undefined');
      }, policy),
    ).rejects.toMatchObject({ name: 'ProviderError', kind: 'protocol' });
    expect(calls).toBe(1);
  });
});
