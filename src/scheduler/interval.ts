import { parseDuration } from '../config/duration.js';
import { SchedulerError } from './runner.js';

/** How often the scheduled `ddns check` runs, in whole seconds. */
export interface TaskInterval {
  seconds: number;
  /** For people: "5m", "90s", "2h". */
  text: string;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
/** Task Scheduler's Repetition Interval allows PT1M to P31D; the other schedulers get the same range. */
const MIN_SECONDS = MINUTE;
const MAX_SECONDS = 31 * DAY;

/** Parses `--interval` ("5m", "1h", "90s", "1h30m") and checks every scheduler can run it. */
export function parseTaskInterval(value: string): TaskInterval {
  const ms = parseDuration(value);
  if (ms === undefined) throw new SchedulerError(`--interval "${value}" is not a duration: write it like "5m", "90s" or "1h"`);
  if (ms % 1000 !== 0) throw new SchedulerError(`--interval "${value}" must be a whole number of seconds`);
  const seconds = ms / 1000;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new SchedulerError(`--interval "${value}" must be between 1m and 31d (Task Scheduler's limits; a check more often than every minute is pointless)`);
  }
  return intervalOf(seconds);
}

/** An interval from seconds, with its short text: 300 → "5m", 5400 → "1h30m", 90 → "1m30s". */
export function intervalOf(seconds: number): TaskInterval {
  const { days, hours, minutes, rest } = split(seconds);
  const text = [days ? `${days}d` : '', hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', rest ? `${rest}s` : ''].join('');
  return { seconds, text: text || '0s' };
}

function split(seconds: number): { days: number; hours: number; minutes: number; rest: number } {
  return {
    days: Math.floor(seconds / DAY),
    hours: Math.floor((seconds % DAY) / HOUR),
    minutes: Math.floor((seconds % HOUR) / MINUTE),
    rest: seconds % MINUTE,
  };
}

/** ISO 8601 duration for Task Scheduler: 300 → "PT5M", 5400 → "PT1H30M", 90000 → "P1DT1H". */
export function isoDuration(seconds: number): string {
  const { days, hours, minutes, rest } = split(seconds);
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest ? `${rest}S` : ''}`;
  const text = `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  return text === 'P' ? 'PT0S' : text;
}

/** Reads the ISO 8601 durations Task Scheduler writes back (days and smaller; no years or months). */
export function parseIsoDuration(value: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * DAY + Number(hours ?? 0) * HOUR + Number(minutes ?? 0) * MINUTE + Number(seconds ?? 0);
}

/** systemd time span: 300 → "5min", 5400 → "1h 30min", 90 → "1min 30s". */
export function systemdTimespan(seconds: number): string {
  const { days, hours, minutes, rest } = split(seconds);
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', minutes ? `${minutes}min` : '', rest ? `${rest}s` : ''];
  return parts.filter(Boolean).join(' ') || '0';
}

const SYSTEMD_UNIT_SECONDS: Record<string, number> = {
  us: 1e-6, usec: 1e-6, μs: 1e-6, ms: 1e-3, msec: 1e-3,
  s: 1, sec: 1, second: 1, seconds: 1,
  m: 60, min: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hour: 3600, hours: 3600,
  d: DAY, day: DAY, days: DAY,
  w: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY,
  M: 30.44 * DAY, month: 30.44 * DAY, months: 30.44 * DAY,
  y: 365.25 * DAY, year: 365.25 * DAY, years: 365.25 * DAY,
};

/** Reads a systemd time span as `systemctl show` and unit files write it ("1h 2min 3.5s"). */
export function parseSystemdTimespan(value: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let consumed = 0;
  const part = /\s*(\d+(?:\.\d+)?)\s*([a-zA-Zμ]+)/gy;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    const unit = SYSTEMD_UNIT_SECONDS[match[2] as string];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    consumed = part.lastIndex;
  }
  return consumed === text.length ? total : undefined;
}

const CRON_MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const CRON_HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12];

/**
 * The five cron time fields for an interval cron can keep evenly: a divisor of an hour in
 * minutes, or of a day in hours. Anything else (7m, 90s, 5h) is refused rather than run unevenly.
 */
export function cronSchedule(interval: TaskInterval): string {
  const { seconds } = interval;
  if (seconds % MINUTE === 0) {
    const minutes = seconds / MINUTE;
    if (CRON_MINUTE_STEPS.includes(minutes)) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
    if (minutes % 60 === 0) {
      const hours = minutes / 60;
      if (CRON_HOUR_STEPS.includes(hours)) return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
      if (hours === 24) return '0 0 * * *';
    }
  }
  throw new SchedulerError(
    `cron cannot run every ${interval.text} at even spacing: use --interval with a divisor of an hour ` +
      `(${CRON_MINUTE_STEPS.map((step) => `${step}m`).join(', ')}) or of a day (${CRON_HOUR_STEPS.map((step) => `${step}h`).join(', ')}, 24h), ` +
      'or use --platform systemd',
  );
}

/** The interval a cron schedule written by `cronSchedule` stands for, to read an installed entry back. */
export function cronScheduleSeconds(schedule: string): number | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [minute, hour, day, month, weekday] = fields;
  if (day !== '*' || month !== '*' || weekday !== '*') return undefined;
  if (minute === '*' && hour === '*') return MINUTE;
  const minuteStep = /^\*\/(\d+)$/.exec(minute ?? '');
  if (minuteStep && hour === '*') return Number(minuteStep[1]) * MINUTE;
  if (minute === '0' && hour === '*') return HOUR;
  const hourStep = /^\*\/(\d+)$/.exec(hour ?? '');
  if (minute === '0' && hourStep) return Number(hourStep[1]) * HOUR;
  if (minute === '0' && hour === '0') return DAY;
  return undefined;
}

/**
 * Every platform stops a run after this long: well above a slow run (detection may wait a minute
 * after boot, then providers retry with backoff), short enough that a hung run cannot stall the schedule.
 */
export const RUN_TIME_LIMIT_SECONDS = 10 * MINUTE;
/** How long after boot the first run waits for the network. */
export const BOOT_DELAY_SECONDS = MINUTE;
