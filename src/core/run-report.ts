/** The run's report as the record passes fill it: the counts, the exit code, an early end. */
import type { Logger } from '../log/logger.js';
import { redact } from '../log/redact.js';
import { EXIT } from './exit-codes.js';
import type { RecordAction, RunReport } from './report.js';

export function emptySummary(): Record<RecordAction, number> {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** A record not sent because another run took the lock over while this one was paused. */
export const LOCK_LOST_KIND = 'lock';

export /** Ends the run before anything was sent: the state or lock location is unusable (exit 2). */
function failBeforeStart(report: RunReport, logger: Logger, message: string, finish: () => RunReport): RunReport {
  report.exitCode = EXIT.USAGE;
  report.error = redact(message);
  logger.error(`${message}; check state_file in the config (\`ddns config path\` shows where it is)`);
  return finish();
}

export function exitCodeOf(report: RunReport): number {
  if (report.detection.some((family) => family.ip === undefined)) return EXIT.DETECTION_FAILED;
  // A held record is not current either: the scheduler's history must keep showing the problem.
  if (report.summary.failed > 0 || report.records.some((record) => record.errorKind === 'held')) return EXIT.UPDATE_FAILED;
  if (report.records.some((record) => record.errorKind === LOCK_LOST_KIND)) return EXIT.LOCKED;
  return EXIT.OK;
}
