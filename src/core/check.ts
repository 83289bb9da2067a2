/**
 * One pass of `ddns check`, put together: the lock, the state, detection, then each record's pass
 * (plan.ts decides, apply.ts writes, state-update.ts remembers), the notifiers, the report.
 */
import type { Config } from '../config/types.js';
import { recordLabel } from '../domain.js';
import { detectAddress } from '../detect/detect.js';
import type { ProviderError } from '../http/errors.js';
import type { ProviderMetadata } from '../providers/types.js';
import { canonicalAddress } from '../providers/address.js';
import type { Logger } from '../log/logger.js';
import { redact } from '../log/redact.js';
import { acquireLock } from '../state/lock.js';
import type { StateStore } from '../state/store.js';
import { VERSION } from '../version.js';
import { crashPoint } from '../crash-point.js';
import { fsFailure } from '../messages.js';
import type { RunNotifications } from '../notify/run.js';
import { applyWrite, failedRecord } from './apply.js';
import { forEachBounded, OrderedLog } from './concurrency.js';
import { detectFamilies } from './detection.js';
import { EXIT } from './exit-codes.js';
import { planWrite, recordFacts, settledWithoutProvider, type CheckOptions, type RecordContext } from './plan.js';
import { ProviderPool } from './provider-pool.js';
import type { RecordReport, RunReport } from './report.js';
import type { RetryPolicy } from './retry.js';
import { emptySummary, exitCodeOf, failBeforeStart } from './run-report.js';
import { openState } from './state-update.js';

export type { FamilyReport, RecordAction, RecordReport, RunReport } from './report.js';
export type { CheckOptions } from './plan.js';

export interface CheckDependencies {
  logger: Logger;
  lockPath: string;
  now?: () => Date;
  detect?: typeof detectAddress;
  sleep?: (ms: number) => Promise<void>;
  /** The provider types available (default: every registered provider). */
  providers?: ReadonlyMap<string, ProviderMetadata>;
  /** Multiplies every provider's request rate (the DDNS_TEST_PACE_FACTOR test hook; default 1). */
  paceFactor?: number;
  /** Loads the full config (with credentials) for a run given a cached one (Config.secretsOmitted). */
  fullConfig?: () => Promise<Config>;
}

/** Records checked at once when `settings.concurrency` is absent. */
export const DEFAULT_CONCURRENCY = 4;

/** Retry-After beyond this fails the record now; the scheduler's next run retries. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * One pass of `ddns check`: lock, detect, compare with the state, update what differs, save.
 * The config is already validated. Never throws for provider or detection failures: they end
 * up in the report and its exit code.
 */
export async function runCheck(config: Config, options: CheckOptions, deps: CheckDependencies): Promise<RunReport> {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger;
  const startedAt = now();
  const report: RunReport = {
    version: VERSION,
    started: startedAt.toISOString(),
    durationMs: 0,
    exitCode: EXIT.OK,
    dryRun: options.dryRun,
    force: options.force,
    warnings: [],
    detection: [],
    records: [],
    summary: emptySummary(),
    providerRequests: 0,
  };
  const warn = (message: string) => {
    report.warnings.push(redact(message));
    logger.warn(message);
  };
  const finish = () => {
    report.durationMs = now().getTime() - startedAt.getTime();
    return report;
  };

  // A dry run writes nothing, so it neither needs the lock nor repairs the state.
  let release: (() => Promise<void>) | undefined;
  // Without a lock (dry run) there is nothing to lose.
  let lockHeld: () => Promise<boolean> = () => Promise.resolve(true);
  let lockLost = () => false;
  if (!options.dryRun) {
    let lock: Awaited<ReturnType<typeof acquireLock>>;
    try {
      lock = await acquireLock(config.settings.stateFile, deps.lockPath, {
        onCompromised: (error) => warn(`the run lock was taken over by another run (${error.message}); this run sends nothing more`),
      });
    } catch (error) {
      return failBeforeStart(report, logger, `cannot use the lock ${deps.lockPath}: ${fsFailure(error)}`, finish);
    }
    if (!lock.acquired) {
      report.exitCode = EXIT.LOCKED;
      report.lockedBy = lock.owner ?? null;
      const holder = lock.owner ? ` (pid ${lock.owner.pid}, started ${lock.owner.started})` : '';
      logger.warn(`another ddns check holds the lock ${deps.lockPath}${holder}; this run did nothing`);
      return finish();
    }
    const held = lock.lock;
    release = () => held.release();
    lockHeld = () => held.stillHeld();
    lockLost = () => held.lost;
    crashPoint('after-lock');
    if (lock.lock.tookOverFrom) {
      logger.info(`took over the lock left by a run that ended without releasing it (pid ${lock.lock.tookOverFrom.pid})`);
    }
  }

  try {
    let store: StateStore | undefined;
    try {
      store = await openState(config, options, warn);
    } catch (error) {
      return failBeforeStart(report, logger, `cannot read the state file ${config.settings.stateFile}: ${fsFailure(error)}`, finish);
    }
    crashPoint('after-state-read');
    // [[notify]] (src/notify/): a dry run sends nothing; healthchecks `start` pings go out now.
    // The notifier code loads only for a config that has [[notify]].
    const notifications: RunNotifications | undefined =
      options.dryRun || config.notify.length === 0
        ? undefined
        : (await import('../notify/run.js')).RunNotifications.begin(config, { logger, now, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
    // A state that cannot be saved loses nothing the providers do not hold: the next run re-reads
    // them. Warn once and go on updating records rather than abandon the run.
    let saveFailed = false;
    const save = async () => {
      // A run that lost its lock leaves the state to the run that took it over.
      if (!store || options.dryRun || saveFailed || lockLost()) return;
      try {
        await store.save();
      } catch (error) {
        saveFailed = true;
        warn(`cannot save the state file ${config.settings.stateFile}: ${fsFailure(error)}; the next run will re-read the providers`);
      }
    };
    // The registry (every type's metadata) loads only if some provider config lacks its traits or a
    // provider is called: a run from the config cache that finds everything current needs neither.
    const registry = deps.providers ?? (config.providers.every((provider) => provider.traits !== undefined) ? undefined : (await import('../providers/registry.js')).PROVIDERS);
    const pool = new ProviderPool(config, logger, registry, {
      now: () => now().getTime(),
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    }, deps.paceFactor, deps.fullConfig);
    const detected = await detectFamilies(config, store?.data, deps, now, report);
    crashPoint('after-detect');
    const providersByName = new Map(config.providers.map((provider) => [provider.name, provider]));

    // Up to `concurrency` records at once, whatever their provider; the records of one provider
    // share its instance and so its zone lookups. Their log lines are held back and written in
    // config order, so the log reads the same whatever order the records finish in.
    const results: (RecordReport | undefined)[] = [];
    const recordLog = new OrderedLog(logger, config.records.length);
    const recordSaves: Promise<void>[] = [];
    await forEachBounded(config.records, config.settings.concurrency ?? DEFAULT_CONCURRENCY, async (record, index) => {
      const providerConfig = providersByName.get(record.provider);
      try {
        if (!providerConfig) return; // validation guarantees it exists
        results[index] = await recordLog.run(index, (recordLogger) =>
          processRecord({ config, options, record, providerConfig, detected, store, pool, logger: recordLogger, now, sleep: deps.sleep, lockHeld }),
        );
      } finally {
        recordLog.finish(index);
      }
      // Saves are serialised by the store and each writes the whole current state, so records
      // finishing together cannot lose each other's results; they join one write rather than
      // each wait for their own (the run's last save below waits for all of them).
      recordSaves.push(save().then(() => crashPoint('after-record-saved')));
    });
    await Promise.all(recordSaves);
    report.records = results.filter((result): result is RecordReport => result !== undefined);
    for (const record of report.records) report.summary[record.action] += 1;
    report.providerRequests = pool.requests;
    report.exitCode = exitCodeOf(report);

    if (store && !options.dryRun) {
      // Streaks of notifiers all removed from the config: finish() below, which drops the others', does not run.
      if (!notifications) delete store.data.notify;
      store.appendRun({
        start: report.started,
        durationMs: now().getTime() - startedAt.getTime(),
        exitCode: report.exitCode,
        changes: report.summary.created + report.summary.updated,
        failures: report.summary.failed,
      });
      await save();
    }
    if (notifications) {
      // After the run is saved, so a slow receiver never costs the records' state; the streaks are saved after.
      report.notifications = await notifications.finish(report, store?.data);
      await save();
    }
    crashPoint('before-release');
    return finish();
  } finally {
    await release?.();
  }
}

/** One record's pass: settled without the provider, or read, planned, written; never throws. */
async function processRecord(context: RecordContext): Promise<RecordReport> {
  const { config, record, providerConfig, pool, logger, sleep } = context;
  const facts = recordFacts(context);
  const settled = settledWithoutProvider(context, facts);
  if ('report' in settled) return settled.report;
  const withIp = { ...facts, ip: settled.ip };

  const retryPolicy: RetryPolicy = {
    retries: config.settings.retries,
    minDelayMs: config.settings.retryDelayMs,
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    ...(sleep ? { sleep } : {}),
    onRetry: (error: ProviderError, attempt: number) =>
      logger.warn(`${recordLabel(record)}: attempt ${attempt} failed (${error.message}); retrying`),
  };

  let known: string | null = facts.state.ip === undefined ? null : canonicalAddress(facts.state.ip);
  try {
    // The provider instance is shared by the records of its provider: its lines go to this record's log.
    return await OrderedLog.attribute(logger, async () => {
      const provider = await pool.get(providerConfig);
      const planned = await planWrite(context, withIp, provider, retryPolicy);
      if ('report' in planned) return planned.report;
      known = planned.known;
      return await applyWrite(context, withIp, planned, retryPolicy);
    });
  } catch (error) {
    return failedRecord(context, facts, error, known);
  }
}
