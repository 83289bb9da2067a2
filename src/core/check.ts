import { type Config, type ProviderConfig, type RecordConfig } from '../config/types.js';
import { FAMILY_OF, familyName, recordKey, recordLabel, type Family } from '../domain.js';
import { detectAddress, DetectionError, type DetectionResult } from '../detect/detect.js';
import { isProviderError, ProviderError } from '../http/errors.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import { PROVIDERS } from '../providers/registry.js';
import { isWriteOnly, type Provider, type ProviderMetadata, type ProviderRecord, type RecordSpec, type WriteOnlyProvider } from '../providers/types.js';
import type { Logger } from '../log/logger.js';
import { redact } from '../log/redact.js';
import { acquireLock } from '../state/lock.js';
import { StateStore } from '../state/store.js';
import type { RecordHold, RecordState, StateData } from '../state/types.js';
import { VERSION } from '../version.js';
import { canonicalAddress, sameAddress } from '../providers/address.js';
import { EXIT } from './exit-codes.js';
import { fingerprint } from './fingerprint.js';
import { withRetry } from './retry.js';
import { crashPoint } from '../crash-point.js';
import { foreignReason, fsFailure } from '../messages.js';
import { forEachBounded, OrderedLog } from './concurrency.js';
import { RequestPacer } from './pacer.js';
import { RunNotifications } from '../notify/run.js';
import type { FamilyReport, RecordAction, RecordReport, RunReport } from './report.js';

export type { FamilyReport, RecordAction, RecordReport, RunReport } from './report.js';

export interface CheckOptions {
  dryRun: boolean;
  force: boolean;
}

export interface CheckDependencies {
  logger: Logger;
  lockPath: string;
  now?: () => Date;
  detect?: typeof detectAddress;
  sleep?: (ms: number) => Promise<void>;
  /** The provider types available (default: every registered provider). */
  providers?: ReadonlyMap<string, ProviderMetadata>;
}

/** Records checked at once when `settings.concurrency` is absent. */
export const DEFAULT_CONCURRENCY = 4;

/** Retry-After beyond this fails the record now; the scheduler's next run retries. */
const MAX_RETRY_AFTER_MS = 60_000;

function emptySummary(): Record<RecordAction, number> {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** One provider instance per `[[provider]]` per run, loaded on first use, counting its requests. */
class ProviderPool {
  private readonly instances = new Map<string, Promise<Provider | WriteOnlyProvider>>();
  requests = 0;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    readonly registry: ReadonlyMap<string, ProviderMetadata>,
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> },
  ) {}

  get(providerConfig: ProviderConfig): Promise<Provider | WriteOnlyProvider> {
    let instance = this.instances.get(providerConfig.name);
    if (!instance) {
      instance = this.create(providerConfig);
      this.instances.set(providerConfig.name, instance);
    }
    return instance;
  }

  private async create(providerConfig: ProviderConfig): Promise<Provider | WriteOnlyProvider> {
    const metadata = this.registry.get(providerConfig.type);
    if (!metadata) throw new ProviderError('config', `unknown provider type "${providerConfig.type}"`);
    const factory = await metadata.load();
    const prefix = `[${providerConfig.name}] `;
    // One instance serves many records at once: its lines go to the log of the record it works for.
    const logger = () => OrderedLog.current() ?? this.logger;
    const client = createHttpClient({
      timeoutMs: this.config.settings.timeoutMs,
      proxy: this.config.settings.proxy,
      debug: (message) => logger().debug(prefix + message),
    });
    const pacer = metadata.maxRequestsPerSecond === undefined ? undefined : new RequestPacer(metadata.maxRequestsPerSecond, this.clock.now, this.clock.sleep);
    const counted: HttpClient = {
      request: async (request) => {
        await pacer?.turn();
        this.requests += 1;
        return client.request(request);
      },
    };
    return factory(providerConfig.options, {
      http: counted,
      endpoint: providerConfig.endpoint,
      timeoutMs: this.config.settings.timeoutMs,
      countRequest: () => {
        this.requests += 1;
      },
      log: { debug: (m) => logger().debug(prefix + m), warn: (m) => logger().warn(prefix + m) },
    });
  }
}

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
    const notifications = options.dryRun ? undefined : RunNotifications.begin(config, { logger, now, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
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
    const pool = new ProviderPool(config, logger, deps.providers ?? PROVIDERS, {
      now: () => now().getTime(),
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    });
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
          processRecord({ config, options, record, providerConfig, detected, store, pool, logger: recordLogger, now, deps, lockHeld }),
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

/** Ends the run before anything was sent: the state or lock location is unusable (exit 2). */
function failBeforeStart(report: RunReport, logger: Logger, message: string, finish: () => RunReport): RunReport {
  report.exitCode = EXIT.USAGE;
  report.error = redact(message);
  logger.error(`${message}; check state_file in the config (\`ddns config path\` shows where it is)`);
  return finish();
}

async function openState(config: Config, options: CheckOptions, warn: (message: string) => void): Promise<StateStore | undefined> {
  const path = config.settings.stateFile;
  if (options.dryRun) {
    const data = await StateStore.peek(path).catch(() => undefined);
    return data ? StateStore.fromData(path, data) : undefined;
  }
  const opened = await StateStore.open(path);
  if (opened.recovered) {
    warn(`the state file was unreadable (${opened.recovered.reason}); moved it to ${opened.recovered.movedTo} and rebuilding it from the providers`);
  }
  return opened.store;
}

async function detectFamilies(
  config: Config,
  state: StateData | undefined,
  deps: CheckDependencies,
  now: () => Date,
  report: RunReport,
): Promise<Map<Family, string>> {
  const needed = [...new Set(config.records.map((record) => FAMILY_OF[record.type]))].sort();
  const detect = deps.detect ?? detectAddress;
  const detected = new Map<Family, string>();
  const families = await Promise.all(
    needed.map(async (family): Promise<FamilyReport> => {
      const detection = config.detection[family];
      if (!detection) {
        return { family, answers: [], error: `no [ip.${family}] sources configured`, elapsedMs: 0 };
      }
      const started = Date.now();
      try {
        const result: DetectionResult = await detect(detection, {
          timeoutMs: config.settings.timeoutMs,
          ...(config.settings.proxy ? { proxy: config.settings.proxy } : {}),
          waitMs: config.settings.detectWaitMs,
          debug: (message) => deps.logger.debug(message),
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
        });
        return {
          family,
          ip: canonicalAddress(result.ip),
          source: result.source,
          agreeing: result.agreeing,
          answers: result.answers,
          elapsedMs: result.elapsedMs,
        };
      } catch (error) {
        const answers = error instanceof DetectionError ? error.answers : [];
        return { family, answers, error: redact((error as Error).message), elapsedMs: Date.now() - started };
      }
    }),
  );
  for (const family of families) {
    report.detection.push(family);
    if (family.ip) {
      detected.set(family.family, family.ip);
      const previous = state?.detected[family.family];
      if (previous && previous.ip !== family.ip) {
        deps.logger.info(`${familyName(family.family)} address changed: ${previous.ip} → ${family.ip} (from ${family.source})`);
      } else {
        deps.logger.debug(`${familyName(family.family)} address ${family.ip} from ${family.source} in ${family.elapsedMs}ms`);
      }
      if (state && family.source) {
        state.detected[family.family] = { ip: family.ip, source: family.source, at: now().toISOString() };
      }
    } else {
      deps.logger.error(`${familyName(family.family)} detection failed: ${family.error ?? 'no address'}`);
    }
  }
  return detected;
}

interface RecordContext {
  config: Config;
  options: CheckOptions;
  record: RecordConfig;
  providerConfig: ProviderConfig;
  detected: Map<Family, string>;
  store: StateStore | undefined;
  pool: ProviderPool;
  logger: Logger;
  now: () => Date;
  deps: CheckDependencies;
  /** False once another run took the lock over (this one was paused past the stale threshold). */
  lockHeld: () => Promise<boolean>;
}

/** A record not sent because another run took the lock over while this one was paused. */
const LOCK_LOST_KIND = 'lock';

async function processRecord(context: RecordContext): Promise<RecordReport> {
  const { config, options, record, providerConfig, detected, store, pool, logger, now, deps, lockHeld } = context;
  const key = recordKey(record);
  const base = { provider: record.provider, name: record.name, type: record.type };
  const family = FAMILY_OF[record.type];
  const ip = detected.get(family);
  const state: RecordState = store?.data.records[key] ?? { ...base };
  const print = fingerprint(providerConfig, record);
  const checkedAt = now().toISOString();
  const writeOnly = pool.registry.get(providerConfig.type)?.writeOnly === true;

  if (ip === undefined) {
    logger.error(`${recordLabel(record)}: skipped, no ${familyName(family)} address was detected`);
    return { ...base, action: 'skipped', old: state.ip ?? null, new: state.ip ?? null, error: `no ${familyName(family)} address detected`, errorKind: 'detection' };
  }

  const hold = activeHold(state, print, now());
  if (hold && !options.force) {
    const until = hold.until ? `until ${hold.until}` : 'until the record or provider settings change';
    const message = `not sent: ${hold.reason} (held since ${hold.since} ${until}; run with --force to try now)`;
    logger.error(`${recordLabel(record)}: ${message}`);
    return { ...base, action: 'skipped', old: state.ip ?? null, new: state.ip ?? null, error: message, errorKind: 'held' };
  }

  // A write-only provider cannot be re-read, so its confirmation never expires: resending an
  // unchanged address on a timer is exactly what dyndns2 servers punish as abuse.
  const recheckMs = writeOnly ? Number.POSITIVE_INFINITY : config.settings.recheckMs;
  const confirmedAge = state.lastConfirmed ? now().getTime() - Date.parse(state.lastConfirmed) : Number.NaN;
  // A confirmation from the future (the clock was set back) proves nothing: re-read.
  const cacheValid = sameAddress(state.ip, ip) && state.fingerprint === print && confirmedAge >= 0 && confirmedAge < recheckMs;
  if (cacheValid && !options.force && (!options.dryRun || writeOnly)) {
    if (!options.dryRun) remember(store, key, { ...state, lastCheck: checkedAt });
    logger.debug(`${recordLabel(record)}: ${ip} is current (confirmed ${Math.round(confirmedAge / 60_000)} min ago), nothing sent`);
    return { ...base, action: 'unchanged', old: ip, new: ip, cached: true };
  }

  const spec: RecordSpec = { name: record.name, type: record.type, zone: record.zone, ttl: record.ttl, options: record.options };
  const retryPolicy = {
    retries: config.settings.retries,
    minDelayMs: config.settings.retryDelayMs,
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    onRetry: (error: ProviderError, attempt: number) =>
      logger.warn(`${recordLabel(record)}: attempt ${attempt} failed (${error.message}); retrying`),
  };

  let known: string | null = state.ip === undefined ? null : canonicalAddress(state.ip);
  try {
    const provider = await pool.get(providerConfig);
    let action: RecordAction;
    let write: () => Promise<ProviderRecord>;
    if (isWriteOnly(provider)) {
      action = known === null ? 'created' : 'updated';
      const previous = state.ip;
      write = () => provider.set(spec, ip, previous);
    } else {
      const existing = await withRetry(() => provider.find(spec), retryPolicy);
      known = existing ? canonicalAddress(existing.content) : null;
      if (existing && isCurrent(existing, ip, spec)) {
        if (!options.dryRun) remember(store, key, { ...state, ...confirmed(existing, ip, print, checkedAt), lastChange: state.lastChange });
        logger.debug(`${recordLabel(record)}: the provider already holds ${ip}`);
        return { ...base, action: 'unchanged', old: known, new: ip };
      }
      action = existing ? 'updated' : 'created';
      write = () => (existing ? provider.update(spec, existing, ip) : provider.create(spec, ip));
    }
    if (options.dryRun) {
      logger.info(`would ${action === 'created' ? 'create' : 'update'} ${recordLabel(record)}: ${known ?? '(none)'} → ${ip}`);
      return { ...base, action, old: known, new: ip, planned: true };
    }
    if (!(await lockHeld())) {
      const message = 'not sent: another ddns check took over the run lock while this one was paused; that run updates the record';
      logger.warn(`${recordLabel(record)}: ${message}`);
      return { ...base, action: 'skipped', old: known, new: known, error: message, errorKind: LOCK_LOST_KIND };
    }
    crashPoint('before-provider-write');
    const written = await withRetry(write, retryPolicy);
    crashPoint('after-provider-write');
    if (!sameAddress(written.content, ip)) {
      throw new ProviderError('protocol', `the provider answered success but the record holds ${written.content}`);
    }
    remember(store, key, { ...state, ...confirmed(written, ip, print, checkedAt), lastChange: checkedAt });
    logger.info(`${action} ${recordLabel(record)}: ${known ?? '(none)'} → ${ip}`);
    return { ...base, action, old: known, new: ip };
  } catch (error) {
    const failure = isProviderError(error) ? error : new ProviderError('protocol', String(error));
    const message = foreignReason(failure.message);
    if (!options.dryRun) {
      // Only the error is recorded: the confirmed IP stays what the provider last confirmed.
      const newHold = failure.hold ? holdFrom(failure, message, print, now()) : state.hold;
      remember(store, key, { ...state, lastCheck: checkedAt, lastError: { message, kind: failure.kind, at: checkedAt }, hold: newHold });
    }
    logger.error(`${recordLabel(record)}: ${message}`);
    return { ...base, action: 'failed', old: known, new: known, error: message, errorKind: failure.kind };
  }
}

/** The hold that still applies to this record, if any: same settings, and not yet expired. */
function activeHold(state: RecordState, print: string, now: Date): RecordHold | undefined {
  const hold = state.hold;
  if (!hold || hold.fingerprint !== print) return undefined;
  if (hold.until !== undefined && now.getTime() >= Date.parse(hold.until)) return undefined;
  return hold;
}

function holdFrom(failure: ProviderError, message: string, print: string, now: Date): RecordHold {
  const since = now.toISOString();
  const hold = failure.hold;
  if (hold && 'forMs' in hold) {
    return { reason: message, kind: failure.kind, since, until: new Date(now.getTime() + hold.forMs).toISOString(), fingerprint: print };
  }
  return { reason: message, kind: failure.kind, since, fingerprint: print };
}

/** The record needs no write: it holds the IP, and the ttl the config asks for (when it asks). */
function isCurrent(existing: ProviderRecord, ip: string, spec: RecordSpec): boolean {
  const ttlDiffers = spec.ttl !== undefined && existing.ttl !== undefined && existing.ttl !== spec.ttl;
  return sameAddress(existing.content, ip) && !ttlDiffers;
}

function confirmed(record: ProviderRecord, ip: string, print: string, at: string): Partial<RecordState> {
  return { ip, recordId: record.id, lastConfirmed: at, lastCheck: at, lastError: null, hold: null, fingerprint: print };
}

function remember(store: StateStore | undefined, key: string, state: RecordState): void {
  if (!store) return;
  const cleaned = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as unknown as RecordState;
  store.data.records[key] = cleaned;
}

function exitCodeOf(report: RunReport): number {
  if (report.detection.some((family) => family.ip === undefined)) return EXIT.DETECTION_FAILED;
  // A held record is not current either: the scheduler's history must keep showing the problem.
  if (report.summary.failed > 0 || report.records.some((record) => record.errorKind === 'held')) return EXIT.UPDATE_FAILED;
  if (report.records.some((record) => record.errorKind === LOCK_LOST_KIND)) return EXIT.LOCKED;
  return EXIT.OK;
}
