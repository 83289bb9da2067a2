/** `cmd:COMMAND` sources: a command whose output names the address. */
import { firstLineExcerpt } from '../../text.js';
import { addressIn, type AnswerWording } from './answer.js';
import type { SourceFunction } from './types.js';

const OUTPUT: AnswerWording = { what: 'the output', empty: 'empty output' };

/**
 * Ends a command and everything it started. Killing only the shell is not enough: in
 * `sleep 5; echo …` the shell's child keeps stdout open and the result would wait for it.
 * POSIX: the command runs in its own process group, which is killed whole (SIGKILL: an IP
 * lookup has nothing to clean up, and a command ignoring SIGTERM must not hang the pass).
 * Windows: `taskkill /T` ends the process tree.
 */
function killProcessTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    import('execa')
      .then(({ execa }) => execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, stdin: 'ignore' }))
      .catch(() => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * `cmd:COMMAND`: runs COMMAND through the system shell (sh / cmd.exe) and takes the first
 * address of the family in its stdout. Errors name the exit code and at most one line of
 * stderr: the command or its output may contain secrets, and detect.ts redacts what it prints.
 */
export const fromCommand: SourceFunction = async (source, family, context) => {
  const command = source.slice('cmd:'.length).trim();
  if (command === '') throw new Error('empty command');
  if (context.signal?.aborted) throw new Error('command canceled');
  // execa is loaded only by configs with a cmd: source; most runs never need it.
  const { execa } = await import('execa');
  const subprocess = execa(command, {
    shell: true,
    // Own process group on POSIX so that killProcessTree reaches the command's children.
    detached: process.platform !== 'win32',
    reject: false,
    stdin: 'ignore',
    maxBuffer: 1024 * 1024,
  });
  let stoppedBecause: 'timeout' | 'canceled' | undefined;
  const stop = (reason: 'timeout' | 'canceled'): void => {
    if (stoppedBecause !== undefined) return;
    stoppedBecause = reason;
    killProcessTree(subprocess.pid);
  };
  const timer = setTimeout(() => stop('timeout'), context.timeoutMs);
  const onAbort = (): void => stop('canceled');
  context.signal?.addEventListener('abort', onAbort, { once: true });
  let result;
  try {
    result = await subprocess;
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener('abort', onAbort);
  }
  if (stoppedBecause === 'timeout') {
    throw new Error(`command did not finish within ${Math.round(context.timeoutMs / 100) / 10}s`);
  }
  if (stoppedBecause === 'canceled') throw new Error('command canceled');
  if (result.exitCode !== 0) {
    const detail = firstLineExcerpt(result.stderr);
    const how =
      result.exitCode === undefined
        ? `was ended by ${result.signal ?? 'an error'}${result.isMaxBuffer ? ' (output too large)' : ''}`
        : `exited with code ${result.exitCode}`;
    throw new Error(`command ${how}${detail ? `: ${detail}` : ''}`);
  }
  return addressIn(result.stdout, family, OUTPUT);
};
