import type { ObservedResponse } from '../http/client.js';
import { formatDuration, TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

/** Signed APIs (Alibaba, Tencent TC3, Huawei, AWS SigV4) refuse requests this far off; below it, warn from a minute. */
export const CLOCK_WARN_MS = 60_000;
export const CLOCK_FAIL_MS = 5 * 60_000;
/** A Date header has whole seconds and the answer took a moment to arrive: differences below this are noise. */
const DATE_RESOLUTION_MS = 2_000;

/**
 * Collects the Date header of every HTTP answer doctor receives (IP sources and providers) and
 * compares each server's clock with this machine's. Give `observe` to the HTTP clients' `onResponse`.
 */
export class ClockObserver {
  /** Server clock minus local clock, per host, in ms. */
  private readonly skews = new Map<string, number[]>();

  readonly observe = (response: ObservedResponse): void => {
    const header = response.headers.get('date');
    if (header === null) return;
    const serverTime = Date.parse(header);
    if (Number.isNaN(serverTime)) return;
    let host: string;
    try {
      host = new URL(response.url).host;
    } catch {
      return;
    }
    this.skews.set(host, [...(this.skews.get(host) ?? []), serverTime - response.receivedAt]);
  };

  /**
   * The verdict goes by the server whose clock differs most: a signed API refuses requests by its
   * own clock, so one provider that disagrees is enough to break updates.
   */
  check(): DoctorCheck {
    const base = { id: 'clock', area: 'clock', title: TEXT.clockTitle } as const;
    const perHost = [...this.skews.entries()].map(([host, values]) => ({ host, skew: median(values) }));
    if (perHost.length === 0) return { ...base, status: 'skip', detail: TEXT.clockNoDate };
    const worst = perHost.reduce((a, b) => (Math.abs(b.skew) > Math.abs(a.skew) ? b : a));
    const size = Math.abs(worst.skew);
    if (size < CLOCK_WARN_MS) {
      return { ...base, status: 'ok', detail: TEXT.clockOk(formatDuration(Math.max(size, DATE_RESOLUTION_MS)), perHost.length) };
    }
    // Server ahead of us: our clock is behind.
    const direction = worst.skew > 0 ? 'behind' : 'ahead of';
    return {
      ...base,
      status: size >= CLOCK_FAIL_MS ? 'fail' : 'warn',
      detail: TEXT.clockSkewed(formatDuration(size), direction, worst.host, perHost.length),
      hint: TEXT.clockHint,
    };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
