import { appendFile, copyFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalPathFor, MAX_JOURNAL_LINES, StateStore } from '../../src/state/store.js';
import { MAX_RUNS } from '../../src/state/types.js';
import { clearSecrets, registerSecrets } from '../../src/log/redact.js';

describe('state store', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-state-'));
    path = join(dir, 'sub', 'state.json');
  });
  afterEach(async () => {
    clearSecrets();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty when the file is missing and creates it (and its directory) owner-only on save', async () => {
    const { store, recovered } = await StateStore.open(path);
    expect(recovered).toBeUndefined();
    expect(store.data).toEqual({ version: 1, records: {}, detected: {}, runs: [] });
    store.data.records['cf/a.example.com/A'] = { provider: 'cf', name: 'a.example.com', type: 'A', ip: '81.2.69.160' };
    await store.save();
    const saved = JSON.parse(await readFile(path, 'utf8')) as { records: Record<string, { ip: string }> };
    expect(saved.records['cf/a.example.com/A']?.ip).toBe('81.2.69.160');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(join(dir, 'sub'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version": 1, "rec'],
    ['the wrong shape', '{"version": 1, "records": [], "detected": {}, "runs": []}'],
    ['a future version', '{"version": 2, "records": {}, "detected": {}, "runs": []}'],
    ['an empty object', '{}'],
  ])('moves a state file holding %s aside and starts empty', async (_label, content) => {
    await StateStore.open(path).then(({ store }) => store.save());
    await writeFile(path, content);
    const { store, recovered } = await StateStore.open(path, () => new Date('2026-11-23T10:00:00.000Z'));
    expect(store.data.records).toEqual({});
    expect(recovered?.movedTo).toBe(`${path}.corrupt-2026-11-23T10-00-00-000Z`);
    expect(await readFile(recovered!.movedTo, 'utf8')).toBe(content);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });

  it('peek never moves a corrupt file', async () => {
    await StateStore.open(path).then(({ store }) => store.save());
    await writeFile(path, 'garbage');
    expect(await StateStore.peek(path)).toBeUndefined();
    expect(await readFile(path, 'utf8')).toBe('garbage');
  });

  it(`keeps only the last ${MAX_RUNS} runs`, async () => {
    const { store } = await StateStore.open(path);
    for (let index = 0; index < MAX_RUNS + 25; index++) {
      store.appendRun({ start: new Date(index * 1000).toISOString(), durationMs: index, exitCode: 0, changes: 0, failures: 0 });
    }
    await store.save();
    const reopened = await StateStore.open(path);
    expect(reopened.store.data.runs).toHaveLength(MAX_RUNS);
    expect(reopened.store.data.runs[0]?.durationMs).toBe(25);
  });

  it('redacts registered secrets from everything it saves', async () => {
    registerSecrets(['sekrit-token-value-123']);
    const { store } = await StateStore.open(path);
    store.data.records['cf/a.example.com/A'] = {
      provider: 'cf',
      name: 'a.example.com',
      type: 'A',
      lastError: { message: 'rejected sekrit-token-value-123', kind: 'auth', at: new Date().toISOString() },
    };
    await store.save();
    expect(await readFile(path, 'utf8')).not.toContain('sekrit-token-value-123');
  });

  it('records that finish while other saves are waiting or writing all reach the file', async () => {
    const { store } = await StateStore.open(path);
    const hop = () => new Promise<void>((resolve) => setImmediate(resolve));
    // 40 records finishing at staggered moments: some while a write is under way, some while
    // another save waits its turn, as concurrent records do in a run.
    const saves = Array.from({ length: 40 }, async (_, index) => {
      for (let i = 0; i < index % 7; i++) await hop();
      const name = `r${index}.example.com`;
      store.data.records[`cf/${name}/A`] = { provider: 'cf', name, type: 'A', ip: '81.2.69.160' };
      await store.save();
      // Once its own save has resolved, the record is on disk, whatever the others are doing.
      const onDisk = JSON.parse(await readFile(path, 'utf8')) as { records: Record<string, unknown> };
      expect(onDisk.records[`cf/${name}/A`]).toBeDefined();
    });
    await Promise.all(saves);
    const reopened = await StateStore.open(path);
    expect(Object.keys(reopened.store.data.records)).toHaveLength(40);
  });

  it('replaces the file atomically: a leftover temp file from a crash does not matter', async () => {
    const { store } = await StateStore.open(path);
    await store.save();
    await writeFile(join(dir, 'sub', `.state.json.${process.pid}.tmp`), '{"half":');
    store.data.detected.ipv4 = { ip: '81.2.69.160', source: 'test', at: new Date().toISOString() };
    await store.save();
    const reopened = await StateStore.open(path);
    expect(reopened.recovered).toBeUndefined();
    expect(reopened.store.data.detected.ipv4?.ip).toBe('81.2.69.160');
  });
  describe('a run that changes nothing but its run line, lastCheck and the detection time', () => {
    const key = 'cf/a.example.com/A';
    const run = (start: string) => ({ start, durationMs: 40, exitCode: 0, changes: 0, failures: 0 });
    /** A state file holding a confirmed record and a detection, as a first run leaves it. */
    async function confirmedState(): Promise<string> {
      const { store } = await StateStore.open(path);
      store.data.records[key] = { provider: 'cf', name: 'a.example.com', type: 'A', ip: '81.2.69.160', lastConfirmed: '2026-12-01T10:00:00.000Z', lastCheck: '2026-12-01T10:00:00.000Z' };
      store.data.detected.ipv4 = { ip: '81.2.69.160', source: 'http://echo/v4', at: '2026-12-01T10:00:00.000Z' };
      store.appendRun(run('2026-12-01T10:00:00.000Z'));
      await store.save();
      return readFile(path, 'utf8');
    }
    /** One no-change run: the record checked from the state, the detection renewed, the run line. */
    async function unchangedRun(at: string): Promise<void> {
      const { store } = await StateStore.open(path);
      store.data.records[key] = { ...store.data.records[key]!, lastCheck: at };
      await store.save();
      store.data.detected.ipv4 = { ...store.data.detected.ipv4!, at };
      store.appendRun(run(at));
      await store.save();
      await store.save();
    }

    it('appends one journal line and leaves the state file alone; the next open folds it in', async () => {
      const before = await confirmedState();
      await unchangedRun('2026-12-01T10:05:00.000Z');
      await unchangedRun('2026-12-01T10:10:00.000Z');
      expect(await readFile(path, 'utf8')).toBe(before);
      expect((await readFile(journalPathFor(path), 'utf8')).trim().split('\n')).toHaveLength(2);
      if (process.platform !== 'win32') expect((await stat(journalPathFor(path))).mode & 0o777).toBe(0o600);
      const { store } = await StateStore.open(path);
      expect(store.data.runs.map((entry) => entry.start)).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-01T10:05:00.000Z', '2026-12-01T10:10:00.000Z']);
      expect(store.data.records[key]?.lastCheck).toBe('2026-12-01T10:10:00.000Z');
      expect(store.data.detected.ipv4?.at).toBe('2026-12-01T10:10:00.000Z');
      expect((await StateStore.peek(path))?.runs).toHaveLength(3);
    });

    it('skips a torn last line (a crash while appending)', async () => {
      await confirmedState();
      await unchangedRun('2026-12-01T10:05:00.000Z');
      await appendFile(journalPathFor(path), '{"runs":[{"start":"2026-12-01T10:1');
      const { store, recovered } = await StateStore.open(path);
      expect(recovered).toBeUndefined();
      expect(store.data.runs).toHaveLength(2);
    });

    it('a change rewrites the file with every journaled line and removes the journal; a journal a crash left behind adds nothing twice', async () => {
      await confirmedState();
      await unchangedRun('2026-12-01T10:05:00.000Z');
      await copyFile(journalPathFor(path), join(dir, 'journal-copy'));
      const { store } = await StateStore.open(path);
      store.data.records[key] = { ...store.data.records[key]!, ip: '81.2.69.192', lastConfirmed: '2026-12-01T10:10:00.000Z', lastCheck: '2026-12-01T10:10:00.000Z' };
      await store.save();
      store.appendRun(run('2026-12-01T10:10:00.000Z'));
      await store.save();
      await expect(stat(journalPathFor(path))).rejects.toThrow(/ENOENT/);
      const onDisk = JSON.parse(await readFile(path, 'utf8')) as { runs: unknown[]; records: Record<string, { ip: string }> };
      expect(onDisk.runs).toHaveLength(3);
      expect(onDisk.records[key]?.ip).toBe('81.2.69.192');
      await copyFile(join(dir, 'journal-copy'), journalPathFor(path));
      const reopened = await StateStore.open(path);
      expect(reopened.store.data.runs).toHaveLength(3);
      expect(reopened.store.data.records[key]?.lastCheck).toBe('2026-12-01T10:10:00.000Z');
    });

    describe('with many records', () => {
      const keyOf = (index: number) => `cf/host${String(index).padStart(3, '0')}.example.com/A`;
      /** A state of `count` confirmed records, as a first run leaves it. */
      async function manyRecords(count: number): Promise<void> {
        const { store } = await StateStore.open(path);
        for (let index = 0; index < count; index++) {
          const name = `host${String(index).padStart(3, '0')}.example.com`;
          store.data.records[keyOf(index)] = { provider: 'cf', name, type: 'A', ip: '81.2.69.160', lastConfirmed: '2026-12-01T10:00:00.000Z', lastCheck: '2026-12-01T10:00:00.000Z' };
        }
        store.appendRun(run('2026-12-01T10:00:00.000Z'));
        await store.save();
      }
      /** A no-change run that checks the records `checked` picks, each at its own millisecond after `at`. */
      async function runChecking(at: string, checked: (index: number) => boolean): Promise<void> {
        const { store } = await StateStore.open(path);
        Object.keys(store.data.records).forEach((recordKey, index) => {
          if (checked(index)) store.data.records[recordKey] = { ...store.data.records[recordKey]!, lastCheck: new Date(Date.parse(at) + index).toISOString() };
        });
        store.appendRun(run(at));
        await store.save();
      }
      const journalLines = async () => (await readFile(journalPathFor(path), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

      it('a run that checked them all journals one time for all of them (the earliest), not one entry each', async () => {
        await manyRecords(200);
        await runChecking('2026-12-01T10:05:00.000Z', () => true);
        const [line] = await journalLines();
        expect(line).toMatchObject({ lastCheck: {}, checked: { at: '2026-12-01T10:05:00.000Z', except: [] } });
        expect(JSON.stringify(line).length).toBeLessThan(400);
        const { store } = await StateStore.open(path);
        expect(new Set(Object.values(store.data.records).map((record) => record.lastCheck))).toEqual(new Set(['2026-12-01T10:05:00.000Z']));
      });

      it('names the records it did not check, which keep their time (records dropped from the config stay in the state)', async () => {
        await manyRecords(20);
        await runChecking('2026-12-01T10:05:00.000Z', (index) => index !== 3 && index !== 17);
        const [line] = await journalLines();
        expect(line?.['checked']).toEqual({ at: '2026-12-01T10:05:00.000Z', except: [keyOf(3), keyOf(17)] });
        const { store } = await StateStore.open(path);
        expect(store.data.records[keyOf(3)]?.lastCheck).toBe('2026-12-01T10:00:00.000Z');
        expect(store.data.records[keyOf(17)]?.lastCheck).toBe('2026-12-01T10:00:00.000Z');
        expect(store.data.records[keyOf(4)]?.lastCheck).toBe('2026-12-01T10:05:00.000Z');
      });

      it('keeps one exact entry per record when the run checked fewer than half of them', async () => {
        await manyRecords(20);
        await runChecking('2026-12-01T10:05:00.000Z', (index) => index < 9);
        const [line] = await journalLines();
        expect(line?.['checked']).toBeUndefined();
        expect(Object.keys(line?.['lastCheck'] as object)).toHaveLength(9);
        const { store } = await StateStore.open(path);
        expect(store.data.records[keyOf(8)]?.lastCheck).toBe('2026-12-01T10:05:00.008Z');
        expect(store.data.records[keyOf(9)]?.lastCheck).toBe('2026-12-01T10:00:00.000Z');
      });

      it('a later line with its own times wins over an earlier compact one, and a full write keeps the folded times', async () => {
        await manyRecords(10);
        await runChecking('2026-12-01T10:05:00.000Z', () => true);
        await runChecking('2026-12-01T10:10:00.000Z', (index) => index === 0);
        const { store } = await StateStore.open(path);
        expect(store.data.records[keyOf(0)]?.lastCheck).toBe('2026-12-01T10:10:00.000Z');
        expect(store.data.records[keyOf(1)]?.lastCheck).toBe('2026-12-01T10:05:00.000Z');
        store.data.records[keyOf(1)] = { ...store.data.records[keyOf(1)]!, ip: '81.2.69.192' };
        await store.save();
        await expect(stat(journalPathFor(path))).rejects.toThrow(/ENOENT/);
        const onDisk = JSON.parse(await readFile(path, 'utf8')) as { records: Record<string, { lastCheck: string }> };
        expect(onDisk.records[keyOf(2)]?.lastCheck).toBe('2026-12-01T10:05:00.000Z');
        expect(onDisk.records[keyOf(0)]?.lastCheck).toBe('2026-12-01T10:10:00.000Z');
      });
    });

    it(`rewrites the file in full once the journal holds ${MAX_JOURNAL_LINES} lines`, async () => {
      const before = await confirmedState();
      for (let index = 0; index < MAX_JOURNAL_LINES; index++) await unchangedRun(new Date(Date.UTC(2026, 11, 2, 0, index)).toISOString());
      expect(await readFile(path, 'utf8')).toBe(before);
      await unchangedRun('2026-12-03T00:00:00.000Z');
      await expect(stat(journalPathFor(path))).rejects.toThrow(/ENOENT/);
      const onDisk = JSON.parse(await readFile(path, 'utf8')) as { runs: unknown[] };
      expect(onDisk.runs).toHaveLength(MAX_JOURNAL_LINES + 2);
    });
  });
});
