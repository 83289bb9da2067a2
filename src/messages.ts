/**
 * Operator-facing wording that several concerns share (favonia/cloudflare-ddns keeps its hints
 * in one place too): why a file could not be used, how to keep a config's secrets private, and
 * how text from outside (a provider's error, a receiver's answer, a body) is quoted. One wording
 * per situation, whichever command meets it.
 */
import { redact } from './log/redact.js';
import { bodyExcerpt, plural, printableExcerpt } from './text.js';

// ---- files

/** Node's error code (`ENOENT` …). Checked by shape: errors may come from another realm (e.g. jest's VM). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a file could not be read, without repeating the path (the message names it already). */
export function fileReadFailure(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return errorCode(error) ?? 'unknown error';
  }
}

const FS_ERROR_HINTS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'a parent exists but is not a directory (a dangling symlink?)',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
};

/** A failed file operation as `EACCES (permission denied)`: the code to search for, and what it means. */
export function fsFailure(error: unknown): string {
  const { message } = error as { message?: unknown };
  const reason = errorCode(error) ?? (typeof message === 'string' ? (message.split('\n')[0] ?? message) : String(error));
  const hint = FS_ERROR_HINTS[reason];
  return hint ? `${reason} (${hint})` : reason;
}

/** The command that leaves a config's secrets to its owner alone. */
export function ownerOnlyCommand(path: string): string {
  return `chmod 600 "${path}"`;
}

/** A config holding secrets that is readable by others (`mode` as stat gives it). */
export function configReadableByOthers(path: string, mode: number): string {
  const who = mode & 0o007 ? 'every user on this machine' : 'its group';
  return `the config file ${path} holds secrets and is readable by ${who} (mode ${mode.toString(8).padStart(4, '0')}): run ${ownerOnlyCommand(path)}`;
}

// ---- privileges and clocks

/** What a scheduler command refused for want of privileges needs. */
export const RUN_AS_ROOT = 'run it as root (sudo ddns …)';

/** A scheduler tool (`launchctl bootstrap`, `systemctl enable …`) that refused to act for this user. */
export function refusedWithoutRoot(command: string): string {
  return `\`${command}\` was refused: ${RUN_AS_ROOT}`;
}

/** How to set the clock right on each OS, for whatever finds it wrong. */
export const SYNC_CLOCK_HINT =
  'sync the clock: Windows `w32tm /resync` (as Administrator; check the Windows Time service is running), ' +
  'Linux `timedatectl set-ntp true` or `chronyc makestep`, macOS `sntp -sS time.apple.com`';

/**
 * "the system clock is 12 minutes off (ahead of Tencent Cloud's 2026-…)", for every signed API
 * that refuses a request dated outside its window. `offsetMs` is this machine's time minus the
 * server's; the server's time is named when the answer gave it exactly.
 */
export function clockOffBy(offsetMs: number, server: string, serverTime?: Date): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.round(seconds / 60);
  const amount = minutes >= 1 ? plural(minutes, 'minute') : plural(seconds, 'second');
  const direction = offsetMs > 0 ? 'ahead of' : 'behind';
  return `the system clock is ${amount} off (${direction} ${server}'s ${serverTime === undefined ? 'clock' : serverTime.toISOString()})`;
}

/** The same when the answer carried no usable Date header to compare with. */
export function clockProbablyOff(toleranceMinutes: number): string {
  return `the system clock is probably more than ${plural(toleranceMinutes, 'minute')} off (the answer had no usable Date header to compare with)`;
}

// ---- text from outside

/** Longest reason from outside kept in a record's error, a run's report and a notifier's message. */
export const MAX_REASON_LENGTH = 500;
/** Longest reason from outside in a one-line detail (a notifier's warning, a doctor check). */
export const MAX_DETAIL_LENGTH = 300;

/**
 * A reason that came from the network or a command, for a message: redacted first (a cut could
 * split a secret), then one printable line of bounded length.
 */
export function foreignReason(text: string, maxLength = MAX_REASON_LENGTH): string {
  return printableExcerpt(redact(text), maxLength);
}

/** A short, single-line description of an unexpected body for error messages: `body "…"`, `body starts "…"` or `empty body`. */
export function describeBody(text: string): string {
  const body = bodyExcerpt(text, 80);
  if (body === undefined) return 'empty body';
  return body.cut ? `body starts ${body.quoted}` : `body ${body.quoted}`;
}
