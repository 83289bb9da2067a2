import { mkdtemp, mkdir, rm, stat, utimes, writeFile, readFile, readdir } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { acquireLock, inspectLock, type LockTiming } from '../../src/state/lock.js';

/** The shortest timing proper-lockfile accepts: tests run past both in seconds. */
const SHORT: LockTiming = { staleMs: 2000, updateMs: 1000 };
const LOCK_MODULE = fileURLToPath(new URL('../../src/state/lock.js', import.meta.url));

/**
 * Another process that takes the lock with SHORT timing and holds it for `holdMs`, printing
 * "held" once it has it, "lost" if it is taken from it, "released" at the end.
 */
function holderProcess(statePath: string, lockPath: string, holdMs: number): { child: ResultPromise; held: Promise<void>; output: () => string } {
  const script = `
    import { acquireLock } from ${JSON.stringify(LOCK_MODULE)};
    const result = await acquireLock(${JSON.stringify(statePath)}, ${JSON.stringify(lockPath)}, {
      timing: ${JSON.stringify(SHORT)},
      onCompromised: (e) => console.log('lost ' + e.message),
    });
    if (!result.acquired) { console.log('not acquired ' + JSON.stringify(result)); process.exit(3); }
    console.log('held');
    await new Promise((resolve) => setTimeout(resolve, ${holdMs}));
    console.log((await result.lock.stillHeld()) ? 'still held' : 'not held');
    await result.lock.release();
    console.log('released');
  `;
  const child = execa(process.execPath, ['--input-type=module', '-e', script], { reject: false, buffer: true });
  let text = '';
  const held = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('held')) resolve();
      if (text.includes('not acquired')) reject(new Error(`holder did not get the lock: ${text.trim()}`));
    });
  });
  return { child, held, output: () => text };
}

async function makeOldOwnedLock(lockPath: string, pid: number, ageMs: number, host = hostname()): Promise<void> {
  await mkdir(lockPath);
  await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid, host, started: new Date(Date.now() - ageMs).toISOString() }));
  const old = new Date(Date.now() - ageMs);
  await utimes(lockPath, old, old);
}

async function deadPid(): Promise<number> {
  const gone = await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(gone.stdout);
}

describe('run lock', () => {
  let dir: string;
  let statePath: string;
  let lockPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-lock-'));
    statePath = join(dir, 'state.json');
    lockPath = `${statePath}.lock`;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records its owner and removes the lock directory on release', async () => {
    const first = await acquireLock(statePath, lockPath);
    expect(first.acquired).toBe(true);
    const owner = JSON.parse(await readFile(join(lockPath, 'owner.json'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    if (first.acquired) await first.lock.release();
    await expect(stat(lockPath)).rejects.toThrow(/ENOENT/);
    const again = await acquireLock(statePath, lockPath);
    expect(again.acquired).toBe(true);
    if (again.acquired) await again.lock.release();
  });

  it('refuses a lock held by another live process', async () => {
    const holder = execa(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await mkdir(lockPath);
      await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: holder.pid, host: hostname(), started: new Date().toISOString() }));
      const result = await acquireLock(statePath, lockPath);
      expect(result).toEqual({ acquired: false, owner: expect.objectContaining({ pid: holder.pid }) });
      expect(await inspectLock(lockPath)).toMatchObject({ state: 'held', owner: { pid: holder.pid } });
    } finally {
      holder.kill('SIGKILL');
      await holder.catch(() => undefined);
    }
  });

  it('takes over at once the lock of a process that no longer exists', async () => {
    const gone = await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await mkdir(lockPath);
    await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const result = await acquireLock(statePath, lockPath);
    expect(result.acquired).toBe(true);
    if (result.acquired) {
      expect(result.lock.tookOverFrom?.pid).toBe(Number(gone.stdout));
      await result.lock.release();
    }
  });

  it('waits for the owner file of a fresh ownerless lock, and takes over one that stays ownerless', async () => {
    await mkdir(lockPath);
    // A run that is between mkdir and writing its owner file: the owner shows up, and is alive.
    const holder = execa(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      setTimeout(() => void writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: holder.pid, host: hostname(), started: new Date().toISOString() })), 200);
      expect((await acquireLock(statePath, lockPath)).acquired).toBe(false);
    } finally {
      holder.kill('SIGKILL');
      await holder.catch(() => undefined);
    }
    await rm(lockPath, { recursive: true, force: true });
    // A run killed between mkdir and the owner file: taken over within about a second.
    await mkdir(lockPath);
    const started = Date.now();
    const takenOver = await acquireLock(statePath, lockPath);
    expect(takenOver.acquired).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    if (takenOver.acquired) await takenOver.lock.release();
    await mkdir(lockPath);
    const old = new Date(Date.now() - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(lockPath, old, old);
    const result = await acquireLock(statePath, lockPath);
    expect(result.acquired).toBe(true);
    if (result.acquired) await result.lock.release();
  });

  it('trusts a lock from another host (shared state directory) until it goes stale', async () => {
    await mkdir(lockPath);
    await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: 1, host: 'other-host.invalid', started: new Date().toISOString() }));
    expect((await acquireLock(statePath, lockPath)).acquired).toBe(false);
  });

  it('keeps a lock held past the refresh interval and the stale threshold: no loss, and others are refused', async () => {
    const holder = holderProcess(statePath, lockPath, 5_000);
    await holder.held;
    // 2.5 refresh intervals and past the stale threshold into the hold: still held, and fresh.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const meanwhile = await acquireLock(statePath, lockPath, { timing: SHORT });
    expect(meanwhile.acquired).toBe(false);
    const inspected = await inspectLock(lockPath, Date.now(), SHORT);
    expect(inspected.state).toBe('held');
    const result = await holder.child;
    expect(result.exitCode).toBe(0);
    expect(holder.output().split('\n').filter(Boolean)).toEqual(['held', 'still held', 'released']);
    await expect(stat(lockPath)).rejects.toThrow(/ENOENT/);
  }, 20_000);

  it('takes over at once the lock of a run killed after the stale threshold (owner file inside: no ENOTEMPTY)', async () => {
    await makeOldOwnedLock(lockPath, await deadPid(), 90_000);
    const result = await acquireLock(statePath, lockPath, { timing: SHORT });
    expect(result.acquired).toBe(true);
    if (result.acquired) {
      expect(result.lock.tookOverFrom).toBeDefined();
      await result.lock.release();
    }
    // Nothing left behind: no lock, no moved-aside copy.
    expect((await readdir(dir)).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  it('takes over a lock whose owner PID is alive but which nobody refreshed for the stale threshold (PID reused)', async () => {
    const unrelated = execa(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await makeOldOwnedLock(lockPath, unrelated.pid ?? 0, 60_000);
      expect(await inspectLock(lockPath)).toMatchObject({ state: 'stale' });
      const result = await acquireLock(statePath, lockPath);
      expect(result.acquired).toBe(true);
      if (result.acquired) await result.lock.release();
    } finally {
      unrelated.kill('SIGKILL');
      await unrelated.catch(() => undefined);
    }
  });

  it('takes over something that is not a lock directory at all (a stray file at the lock path)', async () => {
    await writeFile(lockPath, 'junk');
    const old = new Date(Date.now() - 5_000);
    await utimes(lockPath, old, old);
    const result = await acquireLock(statePath, lockPath, { timing: SHORT });
    expect(result.acquired).toBe(true);
    if (result.acquired) await result.lock.release();
  });

  it('a location that cannot hold a lock is an error, not a silent wait', async () => {
    await writeFile(join(dir, 'not-a-directory'), '');
    const blocked = join(dir, 'not-a-directory', 'state.json');
    await expect(acquireLock(blocked, `${blocked}.lock`)).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });
  });

  it('a run stopped past the stale threshold loses the lock to the next run, learns it, and leaves the new holder alone', async () => {
    const paused = holderProcess(statePath, lockPath, 6_000);
    await paused.held;
    // A suspended process (a sleeping laptop, SIGSTOP) cannot refresh its lock.
    paused.child.kill('SIGSTOP');
    let next: ReturnType<typeof holderProcess>;
    try {
      // Twice the threshold: on a loaded machine the holder's last refresh may land just before the stop.
      await new Promise((resolve) => setTimeout(resolve, SHORT.staleMs * 2));
      next = holderProcess(statePath, lockPath, 2_000);
      await next.held;
    } finally {
      // Never leave a stopped process behind, whatever failed.
      paused.child.kill('SIGCONT');
    }
    const [pausedResult, nextResult] = await Promise.all([paused.child, next.child]);
    const pausedLines = paused.output().split('\n').filter(Boolean);
    expect(pausedLines[0]).toBe('held');
    expect(pausedLines).toContain('not held');
    expect(pausedLines.some((line) => line.startsWith('lost'))).toBe(true);
    // The next run kept its lock to the end although the stopped one woke up meanwhile.
    expect(next.output().split('\n').filter(Boolean)).toEqual(['held', 'still held', 'released']);
    expect([pausedResult.exitCode, nextResult.exitCode]).toEqual([0, 0]);
  }, 20_000);
});
