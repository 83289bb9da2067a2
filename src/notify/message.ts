/**
 * What the notifiers are told and what they report back: a finished run's outcome, the messages
 * made of it, and each delivery. Types and the url's printable origin only, so the config-facing
 * and the sending modules can share them without importing each other.
 */
import type { NotifyValues } from './template.js';

/** `change`: a record was created or updated; `failure`, `recovered`, `success`: how the run went. */
export type RunEvent = 'failure' | 'recovered' | 'success';
export type NotifyEvent = 'change' | RunEvent;

export interface ChangeOutcome {
  provider: string;
  name: string;
  type: string;
  action: 'created' | 'updated';
  ip: string;
  oldIp: string | null;
}

export interface ProblemOutcome {
  provider: string;
  name: string;
  type: string;
}

/** What a finished run means to notifiers. Only runs that did their work have one (exit 0, 3, 4). */
export interface RunOutcome {
  /** Exit 3 (detection failed) or 4 (an update failed or is held). */
  failed: boolean;
  exitCode: number;
  time: string;
  host: string;
  records: number;
  changes: ChangeOutcome[];
  /** Records that failed, are held, or were skipped (no address detected). */
  problems: ProblemOutcome[];
  /** One line per problem, already redacted. */
  errors: string[];
  /** The addresses detected this run. */
  ips: string[];
}

export interface Message {
  event: NotifyEvent;
  values: NotifyValues;
  /** The run's problems, one line each (the `{error}` variable joins them with "; "). */
  errors: string[];
}

export interface Delivery {
  event: NotifyEvent | 'start';
  ok: boolean;
  error?: string;
}

/** One message as `ddns check --json` reports it. */
export interface NotificationReport extends Delivery {
  type: string;
  /** The notify url's origin (the rest of it is a secret). */
  target: string;
}

/** `https://hc-ping.com`: the part of a notify url that is safe to print. */
export function originOf(url: string): string {
  try {
    // A webhook url's variables are filled in with per-message values; its origin is printed as written.
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}
