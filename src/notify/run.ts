/**
 * Sends a run's `[[notify]]` messages. A notifier that cannot be reached costs one warning line
 * and nothing else: the exit code, the report's records and the records' state never depend on
 * it. Notifiers run side by side; each request has the config's timeout and at most one retry.
 */
import { hostname } from 'node:os';
import type { Config, NotifyConfig } from '../config/types.js';
import { familyName, recordLabel } from '../domain.js';
import type { RunReport } from '../core/report.js';
import { EXIT } from '../core/exit-codes.js';
import type { Logger } from '../log/logger.js';
import { redact } from '../log/redact.js';
import { foreignReason, MAX_DETAIL_LENGTH } from '../messages.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import type { NotifierState, StateData } from '../state/types.js';
import { nextStreak, notifierKeys, planMessages } from './dispatch.js';
import type { Delivery, NotificationReport, RunOutcome } from './message.js';
import { isNotifyError, type Notifier } from './notifier.js';
import { notifierKind } from './registry.js';

export interface NotifyDependencies {
  logger: Logger;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Replaces the HTTP client built from the settings (timeout, proxy). */
  http?: HttpClient;
  /** The machine's name in messages (default: os.hostname()). */
  host?: string;
}

/** A receiver asking to wait longer than this is not retried within the run. */
const MAX_RETRY_AFTER_MS = 5_000;
/** Only these runs did their work: a lock-held run (5) or an unusable state (2) says nothing about the records. */
const NOTIFIED_EXIT_CODES: ReadonlySet<number> = new Set([EXIT.OK, EXIT.DETECTION_FAILED, EXIT.UPDATE_FAILED]);

interface Entry {
  config: NotifyConfig;
  key: string;
  notifier: Notifier;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RunNotifications {
  private readonly entries: Promise<Entry[]>;
  private readonly started: Promise<NotificationReport[]>;

  /** Starts the run's notifications (healthchecks `start` pings go out now), or undefined without `[[notify]]`. */
  static begin(config: Config, deps: NotifyDependencies): RunNotifications | undefined {
    return config.notify.length === 0 ? undefined : new RunNotifications(config, deps);
  }

  private constructor(
    private readonly config: Config,
    private readonly deps: NotifyDependencies,
  ) {
    const http =
      deps.http ??
      createHttpClient({
        timeoutMs: config.settings.timeoutMs,
        proxy: config.settings.proxy,
        debug: (message) => deps.logger.debug(`[notify] ${message}`),
      });
    const keys = notifierKeys(config.notify);
    this.entries = Promise.all(
      config.notify.map(async (notifyConfig, index) => {
        const kind = notifierKind(notifyConfig.type);
        if (kind === undefined) throw new Error(`unknown notify type "${notifyConfig.type}"`); // the config loader accepts none
        return { config: notifyConfig, key: keys[index] ?? '', notifier: (await kind.load())(notifyConfig, http) };
      }),
    );
    // Not awaited here: a slow receiver must not delay detection and updates.
    this.started = this.entries
      .then((entries) =>
        Promise.all(
          entries.map(async ({ notifier }) => {
            const start = notifier.start?.bind(notifier);
            return start ? [this.report(notifier, await this.deliver(notifier, 'start', start))] : [];
          }),
        ),
      )
      .then((reports) => reports.flat());
  }

  /**
   * Sends what the finished run calls for and records each notifier's streak in `state` (entries
   * of notifiers no longer in the config are dropped). Never throws.
   */
  async finish(report: RunReport, state: StateData | undefined): Promise<NotificationReport[]> {
    const reports = await this.started;
    if (!NOTIFIED_EXIT_CODES.has(report.exitCode)) return reports;
    const outcome = outcomeOf(report, this.deps.host ?? hostname(), this.deps.now().toISOString());
    const previous = state?.notify ?? {};
    const next: Record<string, NotifierState> = {};
    const sent = await Promise.all(
      (await this.entries).map(async ({ config, key, notifier }) => {
        const streak = previous[key];
        const deliveries: Delivery[] = [];
        // One notifier's messages go in order: a change before the run's summary.
        for (const message of planMessages(config, outcome, streak)) {
          deliveries.push(await this.deliver(notifier, message.event, () => notifier.send(message)));
        }
        next[key] = nextStreak(config.type, streak, outcome, deliveries);
        return deliveries.map((delivery) => this.report(notifier, delivery));
      }),
    );
    if (state) state.notify = next;
    return [...reports, ...sent.flat()];
  }

  private report(notifier: Notifier, delivery: Delivery): NotificationReport {
    return { type: notifier.type, target: notifier.target, ...delivery };
  }

  private async deliver(notifier: Notifier, event: Delivery['event'], send: () => Promise<void>): Promise<Delivery> {
    const { logger } = this.deps;
    const label = `notify ${notifier.type} ${notifier.target}`;
    let failure: unknown;
    try {
      await send();
      logger.info(`${label}: sent ${event}`);
      return { event, ok: true };
    } catch (error) {
      failure = error;
    }
    if (isNotifyError(failure) && failure.retryable && (failure.retryAfterMs ?? 0) <= MAX_RETRY_AFTER_MS) {
      logger.debug(`${label}: ${event}: ${redact(failure.message)}; trying once more`);
      await (this.deps.sleep ?? defaultSleep)(Math.max(this.config.settings.retryDelayMs, failure.retryAfterMs ?? 0));
      try {
        await send();
        logger.info(`${label}: sent ${event} (second try)`);
        return { event, ok: true };
      } catch (error) {
        failure = error;
      }
    }
    const reason = foreignReason(isNotifyError(failure) ? failure.message : String(failure), MAX_DETAIL_LENGTH);
    logger.warn(`${label}: ${event} message not delivered: ${reason} (the run's result is not affected)`);
    return { event, ok: false, error: reason };
  }
}

/** The finished run as notifiers see it. */
export function outcomeOf(report: RunReport, host: string, time: string): RunOutcome {
  const errors = [
    ...report.detection.filter((family) => family.ip === undefined).map((family) => `${familyName(family.family)} detection failed: ${family.error ?? 'no address'}`),
    ...report.records
      .filter((record) => record.action === 'failed' || record.errorKind === 'held')
      .map((record) => `${recordLabel(record)}: ${record.error ?? 'failed'}`),
  ].map((line) => foreignReason(line));
  return {
    failed: report.exitCode === EXIT.DETECTION_FAILED || report.exitCode === EXIT.UPDATE_FAILED,
    exitCode: report.exitCode,
    time,
    host,
    records: report.records.length,
    changes: report.records.flatMap((record) =>
      (record.action === 'created' || record.action === 'updated') && !record.planned
        ? [{ provider: record.provider, name: record.name, type: record.type, action: record.action, ip: record.new ?? '', oldIp: record.old }]
        : [],
    ),
    // Records skipped for want of an address count too: their names say what the outage affects.
    problems: report.records
      .filter((record) => record.action === 'failed' || record.action === 'skipped')
      .map((record) => ({ provider: record.provider, name: record.name, type: record.type })),
    errors,
    ips: report.detection.flatMap((family) => (family.ip === undefined ? [] : [family.ip])),
  };
}
