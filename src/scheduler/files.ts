import { chmod, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SchedulerError } from './runner.js';
import { errorCode, RUN_AS_ROOT } from '../messages.js';

function fileError(what: string, path: string, error: unknown): SchedulerError {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return new SchedulerError(`permission denied to ${what} ${path}: ${RUN_AS_ROOT}`);
  if (code === 'ENOENT') return new SchedulerError(`cannot ${what} ${path}: its directory does not exist`);
  return new SchedulerError(`cannot ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Writes a scheduler file with an exact mode (cron and launchd ignore files others can write). */
export async function writeSchedulerFile(path: string, content: string, mode = 0o644): Promise<void> {
  try {
    await writeFile(path, content, { mode });
    await chmod(path, mode);
  } catch (error) {
    throw fileError('write', path, error);
  }
}

/**
 * Writes `content` to `path` through a temporary file beside it, flushed and then renamed over
 * `path`: whatever was there before stays whole until the new file is complete, and a failed
 * write leaves no half file behind.
 */
export async function writeFileAtomically(path: string, content: string | Buffer): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileError('write', path, error);
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fileError('read', path, error);
  }
}

/** Deletes a file; false when there was none. */
export async function removeIfExists(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw fileError('remove', path, error);
  }
}

/** The config holds API secrets: owner read/write only (the scheduled run is root, which can read it anyway). */
export async function hardenConfigOnPosix(configPath: string): Promise<string> {
  try {
    await chmod(configPath, 0o600);
  } catch (error) {
    throw fileError('change the mode of', configPath, error);
  }
  return `config ${configPath}: mode 0600 (owner read/write only)`;
}

/**
 * The first lines where an installed file differs from what setup would write now, as
 * "ddns.timer line 8: installed "OnUnitActiveSec=10min", setup writes "OnUnitActiveSec=5min"".
 */
export function textDifferences(label: string, installed: string, expected: string, limit = 5): string[] {
  const have = installed.replace(/\r\n/g, '\n').trimEnd().split('\n').map((line) => line.trimEnd());
  const want = expected.replace(/\r\n/g, '\n').trimEnd().split('\n').map((line) => line.trimEnd());
  const differences: string[] = [];
  for (let index = 0; index < Math.max(have.length, want.length) && differences.length < limit; index += 1) {
    const installedLine = have[index];
    const expectedLine = want[index];
    if (installedLine === expectedLine) continue;
    if (installedLine === undefined) differences.push(`${label} line ${index + 1}: missing, setup writes ${JSON.stringify(expectedLine)}`);
    else if (expectedLine === undefined) differences.push(`${label} line ${index + 1}: installed ${JSON.stringify(installedLine)}, setup writes nothing there`);
    else differences.push(`${label} line ${index + 1}: installed ${JSON.stringify(installedLine)}, setup writes ${JSON.stringify(expectedLine)}`);
  }
  return differences;
}
