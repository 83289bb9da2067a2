// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { errorCode } from '../messages.js';

/**
 * The run lock: a directory `<state>.lock` created atomically by proper-lockfile, which keeps its
 * mtime fresh while we run, plus an owner file inside naming the process that holds it.
 *
 * A lock is taken over at once when it was left by a run that is gone: its owner process no longer
 * exists, it never got an owner file, or nobody has refreshed it for the stale threshold (a PID
 * reused after a reboot, a run on another host of a shared directory). proper-lockfile alone would
 * wait for staleness, and then fail to remove a directory that holds an owner file (ENOTEMPTY), so
 * abandoned locks are judged and moved aside here, never by proper-lockfile.
 */
export interface LockTiming {
  /** A lock not refreshed for this long belongs to nobody. */
  staleMs: number;
  /** How often a held lock is refreshed. */
  updateMs: number;
}

const DEFAULT_STALE_MS = 30_000;
/** proper-lockfile's floors: it refuses a shorter stale threshold or refresh interval. */
const MIN_STALE_MS = 2_000;
const MIN_UPDATE_MS = 1_000;
/**
 * Test hook: a shorter stale threshold (milliseconds, at least 2000) so that the suites can run
 * past it and past the refresh interval in seconds rather than minutes. Unset in normal use.
 */
export const LOCK_STALE_ENV = 'DDNS_TEST_LOCK_STALE_MS';

export function lockTiming(env: NodeJS.ProcessEnv = process.env): LockTiming {
  const requested = Number(env[LOCK_STALE_ENV]);
  const staleMs = Number.isFinite(requested) && requested > 0 ? Math.max(MIN_STALE_MS, requested) : DEFAULT_STALE_MS;
  return { staleMs, updateMs: Math.max(MIN_UPDATE_MS, Math.floor(staleMs / 6)) };
}

/**
 * A live run writes its owner file right after creating the lock directory, within milliseconds.
 * A directory still without one after this long was left by a run killed in between.
 */
const OWNERLESS_GRACE_MS = 1_000;
const OWNER_POLL_MS = 50;
const OWNER_FILE = 'owner.json';
/** Abandoned locks moved aside by concurrent runs can collide or vanish under us: a few more tries. */
const TAKEOVER_ATTEMPTS = 3;

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

export interface HeldLock {
  path: string;
  /** Set when the lock of a dead run was taken over. */
  tookOverFrom?: LockOwner;
  /** True once another run took the lock from us (it found it unrefreshed for the stale threshold). */
  readonly lost: boolean;
  /**
   * Whether the lock is still ours, read from its owner file now: a run paused past the stale
   * threshold (a sleeping laptop, a stopped process) learns here that another run took over,
   * before its refresh timer gets the chance to tell it.
   */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export type LockResult = { acquired: true; lock: HeldLock } | { acquired: false; owner?: LockOwner };

export interface AcquireOptions {
  /** Called once if the lock is taken from us while we run. */
  onCompromised?: (error: Error) => void;
  timing?: LockTiming;
  now?: () => number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The lock's own file operations are synchronous, like those of proper-lockfile below: a run takes
// and releases its lock with a dozen syscalls on tiny files, and sending each one through libuv's
// thread pool started four threads and cost a round trip per call (docs/design/startup.md).

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(join(lockPath, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.started === 'string') {
      return { pid: owner.pid, host: owner.host, started: owner.started };
    }
  } catch {
    // missing, half-written or not a directory at all: judged by the caller from the lock's age
  }
  return undefined;
}

type Attempt = { kind: 'acquired'; release: () => Promise<void> } | { kind: 'exists' };

/** Runs a synchronous file operation for a callback API: the callback still comes on a later tick. */
function answerLater<Result>(callback: (error: NodeJS.ErrnoException | null, result?: Result) => void, operation: () => Result): void {
  let result: Result;
  try {
    result = operation();
  } catch (error) {
    process.nextTick(callback, error as NodeJS.ErrnoException);
    return;
  }
  process.nextTick(callback, null, result);
}

/** The calls proper-lockfile makes (lib/lockfile.js, lib/mtime-precision.js). */
type LockFileSystem = Pick<typeof fs, 'mkdir' | 'stat' | 'utimes' | 'rmdir' | 'rmdirSync' | 'realpath'>;

/**
 * The file system proper-lockfile works through: its calls answered synchronously (see above).
 * Only those calls: a copy of all of node:fs would run its lazy getters (fs.promises, the streams),
 * loading modules no run needs. Once the lock is another run's, its directory must not be removed
 * by us: proper-lockfile would, from its exit handler.
 */
function lockFileSystem(isLost: () => boolean): LockFileSystem {
  return {
    realpath: ((path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null, resolved?: string) => void) =>
      answerLater(callback, () => fs.realpathSync(path))) as typeof fs.realpath,
    mkdir: ((path: fs.PathLike, callback: fs.NoParamCallback) => answerLater(callback, () => fs.mkdirSync(path))) as typeof fs.mkdir,
    stat: ((path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null, stats?: fs.Stats) => void) =>
      answerLater(callback, () => fs.statSync(path))) as typeof fs.stat,
    utimes: ((path: fs.PathLike, atime: fs.TimeLike, mtime: fs.TimeLike, callback: fs.NoParamCallback) =>
      answerLater(callback, () => fs.utimesSync(path, atime, mtime))) as typeof fs.utimes,
    rmdir: ((path: fs.PathLike, callback: fs.NoParamCallback) =>
      answerLater(callback, () => {
        if (!isLost()) fs.rmdirSync(path);
      })) as typeof fs.rmdir,
    rmdirSync: (path: fs.PathLike) => {
      if (!isLost()) fs.rmdirSync(path);
    },
  };
}

async function tryLock(
  statePath: string,
  lockPath: string,
  timing: LockTiming,
  onCompromised: (error: Error) => void,
  isLost: () => boolean,
): Promise<Attempt> {
  try {
    const release = await lockfile.lock(statePath, {
      lockfilePath: lockPath,
      realpath: false,
      retries: 0,
      stale: timing.staleMs,
      update: timing.updateMs,
      onCompromised,
      fs: lockFileSystem(isLost),
    });
    return { kind: 'acquired', release };
  } catch (error) {
    // ELOCKED: held and fresh. ENOTEMPTY/EEXIST/ENOTDIR: proper-lockfile found it stale and could
    // not rmdir it (our owner file is inside, or something else sits at the path). Both are for
    // judgeLock to decide; any other code is a real problem with the location.
    const code = errorCode(error);
    if (code === 'ELOCKED' || code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') return { kind: 'exists' };
    throw error;
  }
}

type Verdict = { abandoned: boolean; owner?: LockOwner; ageMs?: number } | { gone: true };

/**
 * Whether the lock at `lockPath` belongs to no live run. `wait` lets a fresh ownerless lock get
 * its owner file (a run between mkdir and writing it); doctor only reads, so it does not wait.
 */
async function judgeLock(lockPath: string, timing: LockTiming, now: () => number, wait: boolean): Promise<Verdict> {
  for (;;) {
    const info = fs.statSync(lockPath, { throwIfNoEntry: false });
    if (info === undefined) return { gone: true };
    const ageMs = Math.max(0, now() - info.mtimeMs);
    const owner = readOwner(lockPath);
    if (owner === undefined) {
      if (ageMs > OWNERLESS_GRACE_MS || !info.isDirectory()) return { abandoned: true, ageMs };
      if (!wait) return { abandoned: false, ageMs };
      await new Promise((resolve) => setTimeout(resolve, OWNER_POLL_MS));
      continue;
    }
    // A live run refreshes its lock every `updateMs`; one not refreshed for `staleMs` is dead or
    // hung, whatever its PID says (after a reboot that PID may belong to another process now).
    if (ageMs > timing.staleMs) return { abandoned: true, owner, ageMs };
    // A PID on another host (shared network state directory) cannot be checked: only staleness counts.
    if (owner.host !== hostname()) return { abandoned: false, owner, ageMs };
    return { abandoned: !isAlive(owner.pid) || owner.pid === process.pid, owner, ageMs };
  }
}

function sameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  return a?.pid === b?.pid && a?.started === b?.started && a?.host === b?.host;
}

/**
 * Moves an abandoned lock aside atomically rather than deleting it in place, so that two runs
 * taking over at the same moment cannot both succeed: only one rename finds it. Returns false when
 * what was moved turned out to be a lock another run had just taken: it is put back.
 */
async function moveAside(lockPath: string, judgedOwner: LockOwner | undefined): Promise<boolean> {
  const aside = `${lockPath}.abandoned-${process.pid}-${Date.now()}`;
  try {
    await fs.promises.rename(lockPath, aside);
  } catch (error) {
    // ENOENT: another run moved it first; the caller tries again from the start.
    if (errorCode(error) === 'ENOENT') return true;
    throw error;
  }
  const movedOwner = readOwner(aside);
  if (movedOwner !== undefined && !sameOwner(movedOwner, judgedOwner)) {
    await fs.promises.rename(aside, lockPath).catch(() => undefined);
    return false;
  }
  await fs.promises.rm(aside, { recursive: true, force: true }).catch(() => undefined);
  return true;
}

/**
 * Writes the owner file without disturbing proper-lockfile: it checks at every refresh that the
 * directory's mtime is the one it last set, and creating a file inside a directory changes it.
 */
function writeOwner(lockPath: string, owner: LockOwner): void {
  const { mtime } = fs.statSync(lockPath);
  fs.writeFileSync(join(lockPath, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
  fs.utimesSync(lockPath, mtime, mtime);
}

export async function acquireLock(statePath: string, lockPath: string, options: AcquireOptions = {}): Promise<LockResult> {
  const timing = options.timing ?? lockTiming();
  const now = options.now ?? Date.now;
  fs.mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
  let lost = false;
  let releasing = false;
  const onCompromised = (error: Error) => {
    // Releasing changes the directory (the owner file goes first): a refresh already under way
    // would take that for another run's hand.
    if (releasing) return;
    lost = true;
    options.onCompromised?.(error);
  };
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 1; ; attempt++) {
    const result = await tryLock(statePath, lockPath, timing, onCompromised, () => lost);
    if (result.kind === 'acquired') {
      const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date(now()).toISOString() };
      writeOwner(lockPath, me);
      const lock = heldLock(lockPath, me, result.release, tookOverFrom, {
        isLost: () => lost,
        markLost: () => {
          lost = true;
        },
        markReleasing: () => {
          releasing = true;
        },
      });
      return { acquired: true, lock };
    }
    const verdict = await judgeLock(lockPath, timing, now, true);
    if ('gone' in verdict) {
      // Released between our mkdir and our look: try again, unless other runs keep winning it.
      if (attempt >= TAKEOVER_ATTEMPTS) return { acquired: false };
      continue;
    }
    if (!verdict.abandoned || attempt >= TAKEOVER_ATTEMPTS) return { acquired: false, ...(verdict.owner ? { owner: verdict.owner } : {}) };
    if (!(await moveAside(lockPath, verdict.owner))) {
      const current = readOwner(lockPath);
      return { acquired: false, ...(current ? { owner: current } : {}) };
    }
    tookOverFrom = verdict.owner ?? tookOverFrom;
  }
}

function heldLock(
  lockPath: string,
  me: LockOwner,
  release: () => Promise<void>,
  tookOverFrom: LockOwner | undefined,
  { isLost, markLost, markReleasing }: { isLost: () => boolean; markLost: () => void; markReleasing: () => void },
): HeldLock {
  return {
    path: lockPath,
    ...(tookOverFrom ? { tookOverFrom } : {}),
    get lost() {
      return isLost();
    },
    async stillHeld() {
      if (isLost()) return false;
      if (sameOwner(readOwner(lockPath), me)) return true;
      markLost();
      return false;
    },
    async release() {
      // A lost lock is another run's now: its owner file and directory are not ours to remove.
      if (isLost()) return;
      markReleasing();
      try {
        fs.unlinkSync(join(lockPath, OWNER_FILE));
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
      // proper-lockfile refuses when a refresh saw the owner file go first; the directory is
      // still ours, and an empty one left behind would cost the next run a second's wait.
      await release().catch(() => {
        try {
          fs.rmdirSync(lockPath);
        } catch {
          // gone already, or not ours to empty
        }
      });
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
export async function inspectLock(lockPath: string, now: number = Date.now(), timing: LockTiming = lockTiming()): Promise<LockInspection> {
  const verdict = await judgeLock(lockPath, timing, () => now, false);
  if ('gone' in verdict) return { state: 'free' };
  if (verdict.abandoned) return { state: 'stale', ...(verdict.owner ? { owner: verdict.owner } : {}), ageMs: verdict.ageMs ?? 0 };
  return { state: 'held', ...(verdict.owner ? { owner: verdict.owner } : {}), otherHost: verdict.owner !== undefined && verdict.owner.host !== hostname() };
}
