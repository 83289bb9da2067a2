import { firstLine } from '../text.js';

/** What a finished (or unstartable) process left behind. */
export interface RunResult {
  /** null when the process could not be started, timed out or was killed by a signal. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program does not exist on this machine. */
  notFound?: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
}

/**
 * Every process the scheduler code starts (schtasks, icacls, eventcreate, fltmc, systemctl,
 * launchctl) goes through one of these, so tests can inject a recorder and assert exact argument lists.
 */
export type Runner = (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

const DEFAULT_TIMEOUT_MS = 60_000;

/** The real runner: execa with an argument array (no shell), so paths need no shell quoting. */
export const execaRunner: Runner = async (file, args, options = {}) => {
  // Loaded here rather than at start: only scheduler commands and Windows event logging run processes.
  const { execa } = await import('execa');
  const result = await execa(file, [...args], {
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    windowsHide: true,
    stdin: 'ignore',
  });
  // With `reject: false` a failed spawn comes back as the error object, which carries the errno code.
  const spawnCode = (result as { code?: unknown }).code;
  return {
    exitCode: typeof result.exitCode === 'number' ? result.exitCode : null,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    ...(spawnCode === 'ENOENT' ? { notFound: true } : {}),
  };
};

/** "`systemctl daemon-reload` failed (exit 1): Failed to connect to bus" */
export function describeFailure(file: string, args: readonly string[], result: RunResult): string {
  const command = [file, ...args.slice(0, 2)].join(' ');
  if (result.notFound) return `\`${file}\` was not found on this machine`;
  const how = result.exitCode === null ? 'did not finish' : `failed (exit ${result.exitCode})`;
  const said = firstLine(result.stderr) || firstLine(result.stdout);
  return `\`${command}\` ${how}${said ? `: ${said}` : ''}`;
}

/** A setup/remove/status step that cannot go on; the message is one line and says what to do. */
export class SchedulerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerError';
  }
}

export function isSchedulerError(error: unknown): error is SchedulerError {
  return error instanceof Error && error.name === 'SchedulerError';
}
