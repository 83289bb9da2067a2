import { ago } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { notifierStatuses, type NotifierStatus } from '../notify/status.js';
import type { StateData } from '../state/types.js';
import { TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

function streakOf(notifier: NotifierStatus, now: Date): string | undefined {
  return notifier.failingSince === null ? undefined : TEXT.notifyStreak(ago(notifier.failingSince, now), notifier.failedRuns, notifier.alertDelivered);
}

/**
 * One check per `[[notify]]`, from what the state remembers of it: sending a test message would
 * page someone or mark a healthchecks.io check as up, so doctor only reads. At worst a warning:
 * an unreachable receiver never changes a run's exit code, so it must not change doctor's.
 */
export function checkNotifiers(config: Config, state: StateData | undefined, now: Date): DoctorCheck[] {
  return notifierStatuses(config.notify, state).map((notifier, index): DoctorCheck => {
    const base = { id: `notify.${index + 1}`, area: 'notify', title: TEXT.notifyTitle(notifier.type, notifier.target) } as const;
    if (!notifier.used) return { ...base, status: 'skip', detail: TEXT.notifyUnused };
    const streak = streakOf(notifier, now);
    if (notifier.lastError) {
      return { ...base, status: 'warn', detail: TEXT.notifyUndelivered(ago(notifier.lastError.at, now), notifier.lastError.message, streak), hint: TEXT.notifyUndeliveredHint };
    }
    return { ...base, status: 'ok', detail: TEXT.notifyOk(streak) };
  });
}
