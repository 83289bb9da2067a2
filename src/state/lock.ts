import { hostname } from 'node:os';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * The run lock: a directory `<state>.lock` created atomically by proper-lockfile, which keeps
 * its mtime fresh while we run. proper-lockfile alone would treat a killed run's lock as held
 * until it goes stale; a scheduler that starts the next run a minute later must not be blocked,
 * so we also record the owner's PID and take the lock over at once when that process is gone.
 */
const STALE_MS = 30_000;
const UPDATE_MS = 5_000;
/**
 * A live run writes its owner file right after creating the lock directory, within milliseconds.
 * A directory still without one after this long was left by a run killed in between.
 */
const OWNERLESS_GRACE_MS = 1_000;
const OWNER_POLL_MS = 50;
const OWNER_FILE = 'owner.json';

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

export interface HeldLock {
  path: string;
  /** Set when the lock of a dead run was taken over. */
  tookOverFrom?: LockOwner;
  release(): Promise<void>;
}

export type LockResult = { acquired: true; lock: HeldLock } | { acquired: false; owner?: LockOwner };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(lockPath, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.started === 'string') {
      return { pid: owner.pid, host: owner.host, started: owner.started };
    }
  } catch {
    // missing or half-written: decided by the caller from the directory's age
  }
  return undefined;
}

async function tryLock(statePath: string, lockPath: string, onCompromised: (error: Error) => void) {
  try {
    return await lockfile.lock(statePath, {
      lockfilePath: lockPath,
      realpath: false,
      retries: 0,
      stale: STALE_MS,
      update: UPDATE_MS,
      onCompromised,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw error;
  }
}

/** Whether the lock at `lockPath` belongs to no live process (crashed or killed run). */
async function isAbandoned(lockPath: string): Promise<{ abandoned: boolean; owner?: LockOwner }> {
  let owner = await readOwner(lockPath);
  // Ownerless: either a run is between mkdir and writing its owner file, or one was killed there.
  // Wait for the owner file rather than block the next runs until the directory grows old.
  while (owner === undefined) {
    const info = await stat(lockPath).catch(() => undefined);
    if (info === undefined) return { abandoned: true };
    if (Date.now() - info.mtimeMs > OWNERLESS_GRACE_MS) return { abandoned: true };
    await new Promise((resolve) => setTimeout(resolve, OWNER_POLL_MS));
    owner = await readOwner(lockPath);
  }
  // A PID on another host (shared network state directory) cannot be checked: trust staleness.
  if (owner.host !== hostname()) return { abandoned: false, owner };
  return { abandoned: !isAlive(owner.pid) || owner.pid === process.pid, owner };
}

export async function acquireLock(
  statePath: string,
  lockPath: string,
  onCompromised: (error: Error) => void = () => undefined,
): Promise<LockResult> {
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  let tookOverFrom: LockOwner | undefined;
  let release = await tryLock(statePath, lockPath, onCompromised);
  if (release === undefined) {
    const { abandoned, owner } = await isAbandoned(lockPath);
    if (!abandoned) return { acquired: false, ...(owner ? { owner } : {}) };
    // Move the dead run's lock aside atomically rather than deleting it in place, so that two
    // runs taking over at the same moment cannot both succeed: only one rename finds it.
    const aside = `${lockPath}.abandoned-${process.pid}-${Date.now()}`;
    try {
      await rename(lockPath, aside);
    } catch {
      return { acquired: false, ...(owner ? { owner } : {}) };
    }
    const movedOwner = await readOwner(aside);
    if (movedOwner && (!owner || movedOwner.pid !== owner.pid || movedOwner.started !== owner.started)) {
      // We moved a lock that a concurrent run had just taken over: put it back, it is that run's turn.
      await rename(aside, lockPath).catch(() => undefined);
      return { acquired: false, owner: movedOwner };
    }
    await rm(aside, { recursive: true, force: true });
    tookOverFrom = owner;
    release = await tryLock(statePath, lockPath, onCompromised);
    if (release === undefined) {
      const current = await readOwner(lockPath);
      return { acquired: false, ...(current ? { owner: current } : {}) };
    }
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  await writeFile(join(lockPath, OWNER_FILE), JSON.stringify(me), { mode: 0o600 });
  const releaseLock = release;
  return {
    acquired: true,
    lock: {
      path: lockPath,
      ...(tookOverFrom ? { tookOverFrom } : {}),
      async release() {
        await rm(join(lockPath, OWNER_FILE), { force: true });
        await releaseLock().catch(() => undefined);
      },
    },
  };
}

/** What the lock looks like from outside, without touching it (`ddns doctor`). */
export type LockInspection =
  | { state: 'free' }
  /** Held by a running process; on another host, "running" means its lock is still kept fresh. */
  | { state: 'held'; owner?: LockOwner; otherHost: boolean }
  /** Left by a run that is gone: the next run takes it over. */
  | { state: 'stale'; owner?: LockOwner; ageMs: number };

/** Reads the lock the way `acquireLock` judges it, but only reads: no waiting, no takeover. */
export async function inspectLock(lockPath: string, now: number = Date.now()): Promise<LockInspection> {
  const info = await stat(lockPath).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return { state: 'free' };
  const ageMs = Math.max(0, now - info.mtimeMs);
  const owner = await readOwner(lockPath);
  if (owner === undefined) {
    return ageMs > OWNERLESS_GRACE_MS ? { state: 'stale', ageMs } : { state: 'held', otherHost: false };
  }
  if (owner.host !== hostname()) {
    // proper-lockfile refreshes the directory's mtime every UPDATE_MS while the run lives.
    return ageMs > STALE_MS ? { state: 'stale', owner, ageMs } : { state: 'held', owner, otherHost: true };
  }
  return isAlive(owner.pid) && owner.pid !== process.pid ? { state: 'held', owner, otherHost: false } : { state: 'stale', owner, ageMs };
}
