/**
 * Test hook for the crash-consistency suite: `DDNS_TEST_CRASH_AT=<name>` makes the process kill
 * itself with SIGKILL (no cleanup, no exit handlers, like a power cut or `taskkill /F`) when it
 * reaches the point of that name. Unset, this is one string comparison per point.
 */
const target = process.env.DDNS_TEST_CRASH_AT;

export const CRASH_POINTS = [
  'after-lock',
  'after-state-read',
  'after-detect',
  'before-provider-write',
  'after-provider-write',
  'state-temp-written',
  'after-record-saved',
  'before-release',
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(name: CrashPoint): void {
  if (target === name) process.kill(process.pid, 'SIGKILL');
}
