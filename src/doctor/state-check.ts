import { stat } from 'node:fs/promises';
import { ago, formatDuration } from '../config/duration.js';
import { type Config } from '../config/types.js';
import { recordKey } from '../domain.js';
import { inspectLock } from '../state/lock.js';
import { StateStore } from '../state/store.js';
import type { StateData } from '../state/types.js';
import { errorCode } from '../messages.js';
import { TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

/** A scheduled run is overdue after this many intervals (a missed run or two is normal at boot or sleep). */
const OVERDUE_INTERVALS = 3;
/** The interval `ddns setup-task` uses by default, when the installed task's cannot be read. */
export const DEFAULT_INTERVAL_SECONDS = 300;

export interface StateCheckResult {
  checks: DoctorCheck[];
  state: StateData | undefined;
}

/** The error code to search for, or the message of an error that has none. */
function codeOrMessage(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Reads the state file without repairing it (a corrupt file is the next run's to move aside) and
 * judges the last run and the records' last errors.
 */
export async function checkState(config: Config, now: Date, intervalSeconds: number): Promise<StateCheckResult> {
  const path = config.settings.stateFile;
  const base = { id: 'state', area: 'state', title: TEXT.stateTitle } as const;
  const unreadable = (error: unknown): StateCheckResult => ({
    state: undefined,
    checks: [{ ...base, status: 'fail', detail: TEXT.stateUnreadable(path, codeOrMessage(error)), hint: TEXT.stateUnreadableHint }],
  });
  try {
    await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { state: undefined, checks: [{ ...base, status: 'ok', detail: TEXT.stateAbsent(path) }] };
    return unreadable(error);
  }
  let state: StateData | undefined;
  try {
    state = await StateStore.peek(path);
  } catch (error) {
    return unreadable(error);
  }
  if (state === undefined) return { state, checks: [{ ...base, status: 'warn', detail: TEXT.stateCorrupt(path), hint: TEXT.stateCorruptHint }] };
  return { state, checks: [lastRunCheck(state, path, now, intervalSeconds), recordErrorsCheck(state, config, now)] };
}

function lastRunCheck(state: StateData, path: string, now: Date, intervalSeconds: number): DoctorCheck {
  const base = { id: 'state', area: 'state', title: TEXT.stateTitle } as const;
  const runs = state.runs.filter((run) => run.dryRun !== true);
  const last = runs.at(-1);
  if (last === undefined) return { ...base, status: 'ok', detail: TEXT.stateNoRuns(path) };
  const when = ago(last.start, now);
  const detail = TEXT.stateLastRun(when, last.exitCode, runs.length);
  if (last.exitCode !== 0 && last.exitCode !== 5) return { ...base, status: 'warn', detail, hint: TEXT.stateLastRunFailedHint };
  const age = now.getTime() - Date.parse(last.start);
  if (age > OVERDUE_INTERVALS * intervalSeconds * 1000) {
    return { ...base, status: 'warn', detail: TEXT.stateLastRunOld(when, formatDuration(intervalSeconds * 1000)), hint: TEXT.stateLastRunOldHint };
  }
  return { ...base, status: 'ok', detail };
}

/** Records of the config whose last attempt failed, as the state remembers them. */
function recordErrorsCheck(state: StateData, config: Config, now: Date): DoctorCheck {
  const base = { id: 'state.records', area: 'state', title: TEXT.recordsTitle } as const;
  const keys = config.records.map(recordKey);
  const failing = keys.flatMap((key) => {
    const error = state.records[key]?.lastError;
    return error ? [TEXT.recordErrorLine(key, ago(error.at, now), error.message)] : [];
  });
  if (failing.length === 0) return { ...base, status: 'ok', detail: TEXT.recordsClean(keys.length) };
  return { ...base, status: 'warn', detail: TEXT.recordsWithErrors(failing.length), lines: failing, hint: TEXT.recordsHint };
}

/** The run lock, read only: doctor never takes it, so it cannot block or be blocked by a run. */
export async function checkLock(lockPath: string, now: Date): Promise<DoctorCheck> {
  const base = { id: 'lock', area: 'state', title: TEXT.lockTitle } as const;
  try {
    const lock = await inspectLock(lockPath, now.getTime());
    switch (lock.state) {
      case 'free':
        return { ...base, status: 'ok', detail: TEXT.lockFree(lockPath) };
      case 'held':
        return { ...base, status: 'ok', detail: TEXT.lockHeld(lock.owner?.pid, lock.owner?.started, lock.otherHost ? lock.owner?.host : undefined) };
      case 'stale':
        return { ...base, status: 'warn', detail: TEXT.lockStale(lock.owner?.pid, formatDuration(lock.ageMs)), hint: TEXT.lockStaleHint };
    }
  } catch (error) {
    return { ...base, status: 'fail', detail: TEXT.lockUnreadable(lockPath, codeOrMessage(error)), hint: TEXT.lockUnreadableHint };
  }
}
