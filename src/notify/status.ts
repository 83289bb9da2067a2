/**
 * What the state remembers of each configured `[[notify]]`, for `ddns status` and `ddns doctor`.
 * Read-only and sends nothing: it only looks up each notifier's streak by the key run.ts stores
 * it under. A notifier is named by its type and url origin, as in the run's log lines.
 */
import type { NotifyConfig } from '../config/types.js';
import type { StateData } from '../state/types.js';
import { notifierKeys } from './dispatch.js';
import { originOf } from './message.js';
import { notifierKind } from './registry.js';

export interface NotifierStatus {
  type: string;
  /** The url's origin: all of it that may be printed. */
  target: string;
  /** False until a run has sent to this notifier (or it was edited since, which starts afresh). */
  used: boolean;
  /** When the current streak of failed runs began; null while runs succeed. */
  failingSince: string | null;
  failedRuns: number;
  /** Whether the streak's failure alert reached the receiver; null when this notifier sends no alert or no streak is on. */
  alertDelivered: boolean | null;
  /** The last message that could not be delivered; null once a later one was. */
  lastError: { message: string; at: string } | null;
}

/** Whether this notifier announces a failed run at all (webhook `on = ["change"]` does not). */
function sendsAlerts(notifier: NotifyConfig): boolean {
  return notifierKind(notifier.type)?.everyRun === true || notifier.on.includes('failure') || notifier.on.includes('always');
}

export function notifierStatuses(notifiers: readonly NotifyConfig[], state: StateData | undefined): NotifierStatus[] {
  const keys = notifierKeys(notifiers);
  return notifiers.map((notifier, index) => {
    const entry = state?.notify?.[keys[index] ?? ''];
    const failingSince = entry?.failingSince ?? null;
    return {
      type: notifier.type,
      target: originOf(notifier.url),
      used: entry !== undefined,
      failingSince,
      failedRuns: entry?.failedRuns ?? 0,
      alertDelivered: failingSince !== null && sendsAlerts(notifier) ? entry?.alerted === true : null,
      lastError: entry?.lastError ?? null,
    };
  });
}
