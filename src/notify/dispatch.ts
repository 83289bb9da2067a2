/**
 * Which messages a run sends, and what each notifier remembers for the next run. Pure: given the
 * run's outcome and a notifier's previous streak it returns the messages; given what was
 * delivered it returns the next streak. Sending is run.ts's job.
 *
 * The streak rule: a failure is announced once per streak of failed runs, and the first good run
 * after an announced failure sends one "recovered". A scheduled run every 5 minutes therefore
 * never means an alert every 5 minutes. An alert that could not be delivered is tried again on the
 * next failed run, and a recovery that could not be delivered on the next good one.
 */
import { createHash } from 'node:crypto';
import type { NotifyConfig } from '../config/types.js';
import { recordLabel } from '../domain.js';
import type { NotifierState } from '../state/types.js';
import { notifierKind } from './registry.js';
import { originOf, type ChangeOutcome, type Delivery, type Message, type NotifyEvent, type RunEvent, type RunOutcome } from './message.js';
import type { NotifyValues } from './template.js';
import { plural } from '../text.js';

/** The event that describes the run as a whole for a notifier with this streak. */
export function runEventOf(outcome: RunOutcome, streak: NotifierState | undefined): RunEvent {
  if (outcome.failed) return 'failure';
  return streak?.alerted ? 'recovered' : 'success';
}

/**
 * The messages one notifier sends for this run, in order.
 * - a type that sends every run (healthchecks): one message, whatever `on` says;
 * - otherwise (webhook): `change` → one message per created or updated record; `failure` → the
 *   streak rule; `always` → one message about every run (failure, recovered or success).
 */
export function planMessages(notifier: Pick<NotifyConfig, 'type' | 'on'>, outcome: RunOutcome, streak: NotifierState | undefined): Message[] {
  const runEvent = runEventOf(outcome, streak);
  if (notifierKind(notifier.type)?.everyRun) return [runMessage(runEvent, outcome, streak)];
  const messages: Message[] = [];
  if (notifier.on.includes('change')) {
    for (const change of outcome.changes) messages.push(changeMessage(change, outcome));
  }
  const announcesStreak = notifier.on.includes('failure') && (runEvent === 'recovered' || (runEvent === 'failure' && !streak?.alerted));
  if (notifier.on.includes('always') || announcesStreak) messages.push(runMessage(runEvent, outcome, streak));
  return messages;
}

/** The notifier's state after this run, given which of its messages were delivered. */
export function nextStreak(type: string, previous: NotifierState | undefined, outcome: RunOutcome, deliveries: readonly Delivery[]): NotifierState {
  const delivered = (event: NotifyEvent) => deliveries.some((delivery) => delivery.event === event && delivery.ok);
  const next: NotifierState = { type };
  if (outcome.failed) {
    next.failingSince = previous?.failingSince ?? outcome.time;
    next.failedRuns = (previous?.failedRuns ?? 0) + 1;
    if (previous?.alerted || delivered('failure')) next.alerted = true;
  } else if (previous?.alerted && !delivered('recovered')) {
    next.alerted = true;
  }
  const failedDelivery = deliveries.find((delivery) => !delivery.ok);
  if (failedDelivery) next.lastError = { message: failedDelivery.error ?? 'not delivered', at: outcome.time };
  else if (previous?.lastError) next.lastError = deliveries.length > 0 ? null : previous.lastError;
  return next;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function baseValues(outcome: RunOutcome): Pick<NotifyValues, 'time' | 'host' | 'error'> {
  return { time: outcome.time, host: outcome.host, error: outcome.errors.join('; ') };
}

function changeMessage(change: ChangeOutcome, outcome: RunOutcome): Message {
  const message =
    change.action === 'created'
      ? `ddns on ${outcome.host}: created ${recordLabel(change)} → ${change.ip}`
      : `ddns on ${outcome.host}: updated ${recordLabel(change)}: ${change.oldIp ?? '(none)'} → ${change.ip}`;
  return {
    event: 'change',
    errors: [],
    values: {
      ...baseValues(outcome),
      event: 'change',
      name: change.name,
      type: change.type,
      provider: change.provider,
      ip: change.ip,
      old_ip: change.oldIp ?? '',
      error: '',
      message,
    },
  };
}

function runMessage(event: RunEvent, outcome: RunOutcome, streak: NotifierState | undefined): Message {
  // A run message is about the records that failed (failure) or changed (otherwise).
  const subjects = event === 'failure' ? outcome.problems : outcome.changes;
  return {
    event,
    errors: outcome.errors,
    values: {
      ...baseValues(outcome),
      event,
      name: unique(subjects.map((record) => record.name)).join(', '),
      type: unique(subjects.map((record) => record.type)).join(', '),
      provider: unique(subjects.map((record) => record.provider)).join(', '),
      ip: outcome.ips.join(', '),
      old_ip: event === 'failure' ? '' : unique(outcome.changes.map((change) => change.oldIp ?? '')).filter((ip) => ip !== '').join(', '),
      message: runSentence(event, outcome, streak),
    },
  };
}

function runSentence(event: RunEvent, outcome: RunOutcome, streak: NotifierState | undefined): string {
  const prefix = `ddns on ${outcome.host}`;
  if (event === 'failure') {
    const [first, ...rest] = outcome.errors;
    const more = rest.length > 0 ? ` (and ${plural(rest.length, 'more problem')})` : '';
    return `${prefix}: run failed (exit ${outcome.exitCode}): ${first ?? 'unknown error'}${more}`;
  }
  const changed = outcome.changes.length > 0 ? `, ${outcome.changes.length} changed` : '';
  if (event === 'recovered') {
    const runs = streak?.failedRuns ? ` after ${plural(streak.failedRuns, 'failed run')}` : '';
    const since = streak?.failingSince ? ` since ${streak.failingSince}` : '';
    return `${prefix}: recovered${runs}${since}; ${plural(outcome.records, 'record')} current${changed}`;
  }
  return `${prefix}: ${plural(outcome.records, 'record')} current${changed}`;
}

/**
 * A stable key for each notifier's state. Made of the notifier's settings without its secrets
 * (only the url's origin, header names but not values), hashed, so nothing can be read back
 * from the state file; editing the notifier (events, body, method …) starts a fresh streak.
 * Notifiers that differ only in secrets are told apart by their order.
 */
export function notifierKeys(notifiers: readonly NotifyConfig[]): string[] {
  const seen = new Map<string, number>();
  return notifiers.map((notifier) => {
    const key = fingerprintOf(notifier);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}-${count}`;
  });
}

function fingerprintOf(notifier: NotifyConfig): string {
  const secretTables = new Set<string>(notifierKind(notifier.type)?.secretTables ?? []);
  const options = Object.entries(notifier.options)
    .map(([key, value]): [string, unknown] => [key, secretTables.has(key) && value !== null && typeof value === 'object' ? Object.keys(value).sort() : value])
    .sort(([a], [b]) => a.localeCompare(b));
  const material = JSON.stringify([notifier.type, originOf(notifier.url), [...notifier.on].sort(), options]);
  return `${notifier.type}-${createHash('sha256').update(material).digest('hex').slice(0, 12)}`;
}
