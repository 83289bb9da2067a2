/**
 * What one pass of `ddns check` reports: `--json` prints it, the CLI formats it for people, the
 * notifiers and the Windows event log read it. Types only, so that every reader can import it
 * without importing the check pass itself.
 */
import type { RecordConfig } from '../config/types.js';
import type { Family } from '../domain.js';
import type { SourceAnswer } from '../detect/detect.js';
import type { NotificationReport } from '../notify/message.js';
import type { LockOwner } from '../state/lock.js';

export type RecordAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface RecordReport {
  provider: string;
  name: string;
  type: RecordConfig['type'];
  action: RecordAction;
  /** The provider's value before this run (null: no record, or unknown). */
  old: string | null;
  /** The value the record holds (or would hold, in a dry run) after this run. */
  new: string | null;
  /** Dry run: the change that would be made. */
  planned?: boolean;
  /** Unchanged because the state says the provider holds it: no request was sent. */
  cached?: boolean;
  error?: string;
  errorKind?: string;
}

export interface FamilyReport {
  family: Family;
  ip?: string;
  source?: string;
  agreeing?: string[];
  answers: SourceAnswer[];
  error?: string;
  elapsedMs: number;
}

export interface RunReport {
  version: string;
  started: string;
  durationMs: number;
  exitCode: number;
  dryRun: boolean;
  force: boolean;
  /** Set when another run held the lock (exit 5). */
  lockedBy?: LockOwner | null;
  /** Why the run stopped before checking any record (state or lock unusable: exit 2). */
  error?: string;
  warnings: string[];
  detection: FamilyReport[];
  records: RecordReport[];
  summary: Record<RecordAction, number>;
  /** Requests sent to providers: HTTP requests and DNS messages (detection excluded). */
  providerRequests: number;
  /** `[[notify]]` messages of this run and whether each was delivered (absent without [[notify]] or in a dry run). */
  notifications?: NotificationReport[];
}
