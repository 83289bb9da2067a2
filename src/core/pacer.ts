/**
 * Spaces the starts of one provider's requests so that they never exceed its published rate
 * (Route 53: 5 requests per second per account). Records run concurrently, and a burst over the
 * limit would be answered with throttling errors, retried, and could fail a run for nothing.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private nextStartMs = Number.NEGATIVE_INFINITY;

  constructor(
    requestsPerSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.intervalMs = 1000 / requestsPerSecond;
  }

  /** Resolves when the next request may start; callers are served in the order they asked. */
  async turn(): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.nextStartMs);
    this.nextStartMs = start + this.intervalMs;
    if (start > now) await this.sleep(start - now);
  }
}

/**
 * Test hook: `DDNS_TEST_PACE_FACTOR=N` (N ≥ 1) raises every provider's rate N times, so that the
 * registry-wide suites run each provider's pacing code without its real-time waits (deSEC's 0.5
 * requests a second would otherwise cost seconds per run). Unset in normal use.
 */
export const PACE_FACTOR_ENV = 'DDNS_TEST_PACE_FACTOR';

export function paceFactor(env: NodeJS.ProcessEnv = process.env): number {
  const requested = Number(env[PACE_FACTOR_ENV]);
  return Number.isFinite(requested) && requested >= 1 ? requested : 1;
}
