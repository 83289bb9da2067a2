import type { Family, RecordType } from '../domain.js';

export interface RecordError {
  message: string;
  kind: string;
  at: string;
}

/** A record the core must not send for (see ProviderHold), until `until` or a config change. */
export interface RecordHold {
  reason: string;
  kind: string;
  since: string;
  /** Absent: held until the record's settings (fingerprint) change. */
  until?: string;
  fingerprint: string;
}

/** What the state knows of one record, keyed by `provider/name/type`. */
export interface RecordState {
  provider: string;
  name: string;
  type: RecordType;
  /** Last address the provider confirmed holding. Never set from an unconfirmed write. */
  ip?: string;
  recordId?: string;
  /** When the provider's value last changed (by us). */
  lastChange?: string;
  /** When the provider last confirmed holding `ip` (read or write). */
  lastConfirmed?: string;
  /** When a run last looked at this record, from cache or from the provider. */
  lastCheck?: string;
  lastError?: RecordError | null;
  hold?: RecordHold | null;
  /**
   * Hash of the provider and record settings the confirmation was made with: a config change
   * (another ttl, zone, token …) makes the cached confirmation worthless.
   */
  fingerprint?: string;
}

export interface DetectedState {
  ip: string;
  source: string;
  at: string;
}

export interface RunEntry {
  start: string;
  durationMs: number;
  exitCode: number;
  changes: number;
  failures: number;
  dryRun?: boolean;
}

/** What a `[[notify]]` entry remembers between runs, keyed by its fingerprint (src/notify/dispatch.ts). */
export interface NotifierState {
  type: string;
  /** When the current failure streak began; absent while runs succeed. */
  failingSince?: string;
  /** Failed runs in the current streak. */
  failedRuns?: number;
  /** A failure alert was delivered and no recovery message yet: the next good run owes one. */
  alerted?: boolean;
  /** The last message that could not be delivered (for `status` and debugging). */
  lastError?: { message: string; at: string } | null;
}

export interface StateData {
  version: 1;
  records: Record<string, RecordState>;
  detected: Partial<Record<Family, DetectedState>>;
  runs: RunEntry[];
  /** Absent in state files written before notifications were sent. */
  notify?: Record<string, NotifierState>;
}

export const MAX_RUNS = 200;

export function emptyState(): StateData {
  return { version: 1, records: {}, detected: {}, runs: [] };
}
