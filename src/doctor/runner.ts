import { lockPathFor } from '../config/paths.js';
import { EXIT } from '../core/exit-codes.js';
import type { SystemAccess } from '../detect/sources.js';
import { redactValue } from '../log/redact.js';
import { PROVIDERS } from '../providers/registry.js';
import type { ProviderMetadata } from '../providers/types.js';
import type { SchedulerContext } from '../scheduler/types.js';
import { VERSION } from '../version.js';
import { ClockObserver } from './clock-check.js';
import { checkConfig, checkConfigPermissions, type ConfigLoader } from './config-check.js';
import { checkIpSources } from './ip-check.js';
import { checkNotifiers } from './notify-check.js';
import { checkProviders } from './provider-check.js';
import { checkLock, checkState, DEFAULT_INTERVAL_SECONDS } from './state-check.js';
import { checkScheduledTask } from './task-check.js';
import type { CheckArea, CheckStatus, DoctorCheck, DoctorReport } from './types.js';

export interface DoctorDependencies {
  /** Loads the config and registers its secrets for redaction (the CLI's one way to load it). */
  loadConfig: ConfigLoader;
  scheduler: () => Promise<SchedulerContext>;
  taskName: string;
  now?: () => Date;
  platform?: NodeJS.Platform;
  providers?: ReadonlyMap<string, ProviderMetadata>;
  system?: Partial<SystemAccess>;
  /** Hears the method of every request sent to a provider (tests prove doctor only reads). */
  onProviderRequest?: (method: string) => void;
}

/**
 * Doctor's exit code: 0 when nothing failed (warnings and skips allowed); otherwise the code
 * `ddns check` would most likely end with for the failing area, in the order check meets them:
 * config 2, IP detection 3, provider/credentials/zone 4; a failure anywhere else (clock, task,
 * state, lock) 1.
 */
export function exitCodeFor(checks: readonly DoctorCheck[]): number {
  const failed = new Set<CheckArea>(checks.filter((check) => check.status === 'fail').map((check) => check.area));
  if (failed.has('config')) return EXIT.USAGE;
  if (failed.has('ip')) return EXIT.DETECTION_FAILED;
  if (failed.has('provider')) return EXIT.UPDATE_FAILED;
  if (failed.size > 0) return EXIT.INTERNAL;
  return EXIT.OK;
}

function summarize(checks: readonly DoctorCheck[]): Record<CheckStatus, number> {
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) summary[check.status] += 1;
  return summary;
}

/**
 * Every check of `ddns doctor`. Read-only throughout: providers only get `find` (zone lookups and
 * record listings), write-only providers get nothing, the state is read without repair and the
 * lock is only looked at. Without a valid config, only the scheduled task is checked besides it.
 */
export async function runDoctor(configPath: string, deps: DoctorDependencies): Promise<DoctorReport> {
  const now = deps.now ?? (() => new Date());
  const checks: DoctorCheck[] = [];
  const loaded = await checkConfig(configPath, deps.loadConfig);
  checks.push(loaded.check);
  const config = loaded.config;
  const task = await checkScheduledTask(deps.taskName, config?.path ?? configPath, await deps.scheduler());

  if (config) {
    checks.push(await checkConfigPermissions(config, deps.platform ?? process.platform));
    const clock = new ClockObserver();
    const state = await checkState(config, now(), task.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS);
    const ip = await checkIpSources(config, { onResponse: clock.observe, ...(deps.system ? { system: deps.system } : {}) });
    const providers = await checkProviders(config, {
      registry: deps.providers ?? PROVIDERS,
      detected: ip.detected,
      state: state.state,
      now: now(),
      onResponse: clock.observe,
      ...(deps.onProviderRequest ? { onRequest: deps.onProviderRequest } : {}),
    });
    checks.push(...ip.checks, ...providers, clock.check(), task.check, ...state.checks, await checkLock(lockPathFor(config.settings.stateFile), now()), ...checkNotifiers(config, state.state, now()));
  } else {
    checks.push(task.check);
  }
  return redactValue({ version: VERSION, exitCode: exitCodeFor(checks), configPath: config?.path ?? configPath, checks, summary: summarize(checks) });
}
