import path from 'node:path';
import { isSchedulerError } from '../scheduler/runner.js';
import { SCHEDULERS } from '../scheduler/registry.js';
import { defaultTaskPlatform, taskStatus } from '../scheduler/setup.js';
import type { SchedulerContext, TaskStatus } from '../scheduler/types.js';
import { TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

/** Task Scheduler's "has not run yet" (SCHED_S_TASK_HAS_NOT_RUN), and the ddns exit codes that are no failure. */
const HAS_NOT_RUN = 0x41303;
const HARMLESS_EXIT_CODES = new Set([0, 5, HAS_NOT_RUN]);

export interface TaskCheckResult {
  check: DoctorCheck;
  /** The installed task's interval, for judging how old the last run may be. */
  intervalSeconds?: number;
}

/**
 * The scheduled task of this OS (as `ddns task-status` reads it): installed, enabled, made by
 * `setup-task` for this ddns (executable and script) and this config, and how its last run ended.
 * Never fails doctor: without a task, `ddns check` can still be run by hand.
 */
export async function checkScheduledTask(name: string, configPath: string, context: SchedulerContext): Promise<TaskCheckResult> {
  const platform = defaultTaskPlatform(context.hostPlatform, context.systemdRunning());
  const base = { id: 'task', area: 'task', title: TEXT.taskTitle(name, platform) } as const;
  let status: TaskStatus;
  try {
    status = await taskStatus({ platform: undefined, name }, context);
  } catch (error) {
    if (!isSchedulerError(error)) throw error;
    return { check: { ...base, status: 'warn', detail: TEXT.taskUnreadable(error.message), hint: TEXT.taskUnreadableHint } };
  }
  const check = { ...base, title: TEXT.taskTitle(status.name, status.platform) };
  const interval = status.intervalSeconds === undefined ? {} : { intervalSeconds: status.intervalSeconds };
  if (!status.installed) return { check: { ...check, status: 'warn', detail: TEXT.taskMissing, hint: TEXT.taskMissingHint(configPath) } };
  if (status.configPath !== undefined && !samePath(status.configPath, configPath, status.platform === 'windows')) {
    return { ...interval, check: { ...check, status: 'warn', detail: TEXT.taskOtherConfig(status.configPath), hint: TEXT.taskOtherConfigHint(configPath, status.configPath) } };
  }
  if (isDisabled(status)) {
    return { ...interval, check: { ...check, status: 'warn', detail: TEXT.taskDisabled(status.state ?? ''), hint: TEXT.taskDisabledHint(status.platform, status.name) } };
  }
  if (status.matchesSetup === false) {
    return {
      ...interval,
      check: { ...check, status: 'warn', detail: TEXT.taskDiffers(status.differences.length), lines: status.differences.slice(0, 5), hint: TEXT.taskDiffersHint(configPath) },
    };
  }
  const code = status.lastResult?.code;
  if (code !== undefined && !HARMLESS_EXIT_CODES.has(code)) {
    return {
      ...interval,
      check: { ...check, status: 'warn', detail: TEXT.taskLastRunFailed(status.lastResult?.text ?? `exit ${code}`, status.lastRun), hint: TEXT.taskLastRunFailedHint },
    };
  }
  return { ...interval, check: { ...check, status: 'ok', detail: TEXT.taskOk(status.state, status.lastRun, status.lastResult?.text) } };
}

function samePath(a: string, b: string, caseInsensitive: boolean): boolean {
  const normalize = (value: string) => {
    const resolved = caseInsensitive ? path.win32.normalize(value) : path.posix.normalize(value);
    return caseInsensitive ? resolved.toLowerCase() : resolved;
  };
  return normalize(a) === normalize(b);
}

function isDisabled(status: TaskStatus): boolean {
  return SCHEDULERS[status.platform].isDisabled(status.state ?? '');
}
