/** The exit codes of DESIGN.md: Task Scheduler shows them as "Last Run Result". */
export const EXIT = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  DETECTION_FAILED: 3,
  UPDATE_FAILED: 4,
  LOCKED: 5,
} as const;

export const EXIT_MEANING: Record<number, string> = {
  0: 'every record is current',
  1: 'unexpected internal error (a bug)',
  2: 'usage or configuration error; nothing was sent',
  3: 'public IP detection failed',
  4: 'at least one record update failed',
  5: 'another ddns check held the lock; this run did nothing',
};
