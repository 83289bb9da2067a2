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
