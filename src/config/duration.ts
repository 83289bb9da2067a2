const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

/**
 * Parses "10s", "5m", "1h30m", "250ms" or a bare number of seconds into milliseconds.
 * Returns undefined for anything else so the caller can name the bad key.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  const text = value.trim();
  if (text === '') return undefined;
  // 400 nines parse to Infinity: not a duration (an endless detect_wait would never end the run).
  if (/^\d+(\.\d+)?$/.test(text)) return finiteOrUndefined(Number(text) * 1000);
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    const [whole, amount, unit] = match;
    total += Number(amount) * (UNIT_MS[unit as string] ?? 0);
    consumed += whole.length;
  }
  return consumed === text.length ? finiteOrUndefined(total) : undefined;
}

function finiteOrUndefined(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

/** How long before `now` the time `iso` was, for people: `5m ago`; `-` when unknown. */
export function ago(iso: string | undefined, now: Date): string {
  if (!iso) return '-';
  const ms = now.getTime() - Date.parse(iso);
  if (Number.isNaN(ms)) return '-';
  if (ms < 0) return `${iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} (in the future)`;
  return `${formatDuration(ms)} ago`;
}
