import { mkdtemp, mkdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { acquireLock } from '../../src/state/lock.js';

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
});
