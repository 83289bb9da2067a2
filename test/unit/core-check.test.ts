import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, type CheckDependencies } from '../../src/core/check.js';
import type { Config, DetectionConfig, RecordConfig } from '../../src/config/types.js';
import { DetectionError, type DetectionResult } from '../../src/detect/detect.js';
import { silentLogger } from '../../src/log/logger.js';
import { startFakeCloudflare, type FakeCloudflare } from '../../src/providers/cloudflare/fake.js';
import { cloudflareMetadata } from '../../src/providers/cloudflare/metadata.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { RequestPacer } from '../../src/core/pacer.js';

const TOKEN = 'core-test-token-0123456789';
const HOUR = 3_600_000;

/** The pass run in-process against the fake Cloudflare, with detection and the clock injected. */
describe('runCheck', () => {
  let fake: FakeCloudflare;
  let dir: string;
  let clock: Date;
  let addresses: Partial<Record<'ipv4' | 'ipv6', string>>;

  beforeEach(async () => {
    fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
    dir = await mkdtemp(join(tmpdir(), 'ddns-core-'));
    clock = new Date('2026-11-23T10:00:00.000Z');
    addresses = { ipv4: '81.2.69.160', ipv6: '2a02:1388:1000::160' };
  });
  afterEach(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  function record(name: string, overrides: Partial<RecordConfig> = {}): RecordConfig {
    return { provider: 'cf', name, type: 'A', zone: undefined, ttl: undefined, options: {}, line: undefined, ...overrides };
  }

  function config(records: RecordConfig[], overrides: { token?: string; recheckMs?: number } = {}): Config {
    const detection = (family: 'ipv4' | 'ipv6'): DetectionConfig => ({ family, sources: ['injected'], allowPrivate: false, quorum: 1, useProxy: false });
    return {
      path: join(dir, 'config.toml'),
      settings: {
        timeoutMs: 2000,
        retries: 1,
        retryDelayMs: 1,
        recheckMs: overrides.recheckMs ?? 24 * HOUR,
        detectWaitMs: 0,
        logLevel: 'info',
        logFile: join(dir, 'ddns.log'),
        stateFile: join(dir, 'state.json'),
        proxy: undefined,
      },
      detection: { ipv4: detection('ipv4'), ipv6: detection('ipv6') },
      providers: [{ name: 'cf', type: 'cloudflare', endpoint: fake.url, options: { api_token: overrides.token ?? TOKEN }, secrets: [TOKEN], line: undefined }],
      records,
      notify: [],
      secrets: [TOKEN],
      secretsInFile: false,
    };
  }

  const detect: CheckDependencies['detect'] = async (detection): Promise<DetectionResult> => {
    const ip = addresses[detection.family];
    if (!ip) throw new DetectionError(detection.family, `no ${detection.family} source answered`, [{ source: 'injected', error: 'down', ms: 1 }]);
    return { family: detection.family, ip, source: 'injected', agreeing: ['injected'], answers: [{ source: 'injected', ip, ms: 1 }], elapsedMs: 1 };
  };

  const run = (cfg: Config, options = { dryRun: false, force: false }) =>
    runCheck(cfg, options, { logger: silentLogger, lockPath: join(dir, 'state.json.lock'), now: () => clock, detect, sleep: async () => undefined });

  it('sends nothing until recheck has passed, then re-reads the provider once', async () => {
    const cfg = config([record('home.example.com')], { recheckMs: 24 * HOUR });
    await run(cfg);
    const afterCreate = fake.server.requests.length;
    clock = new Date(clock.getTime() + 23 * HOUR);
    expect((await run(cfg)).records[0]).toMatchObject({ action: 'unchanged', cached: true });
    expect(fake.server.requests.length).toBe(afterCreate);
    clock = new Date(clock.getTime() + 2 * HOUR);
    const report = await run(cfg);
    expect(report.records[0]).toMatchObject({ action: 'unchanged' });
    expect(report.records[0]?.cached).toBeUndefined();
    expect(fake.server.requests.length).toBeGreaterThan(afterCreate);
    expect(fake.server.writes()).toHaveLength(1);
  });

  it("spaces a rate-limited provider's requests: never more than its published rate, none when it has none", async () => {
    const cfg = config(['a', 'b', 'c', 'd', 'e'].map((name) => record(`${name}.example.com`)));
    const pauses: number[] = [];
    const sleep = async (ms: number) => {
      pauses.push(ms);
    };
    // The clock stands still, so every pause the pacer asks for is the whole spacing it needs.
    const limited = new Map(PROVIDERS).set('cloudflare', { ...cloudflareMetadata, maxRequestsPerSecond: 5 });
    const report = await runCheck(cfg, { dryRun: false, force: false }, { logger: silentLogger, lockPath: join(dir, 'state.json.lock'), now: () => clock, detect, sleep, providers: limited });
    expect(report.exitCode).toBe(0);
    const requests = fake.server.requests.length;
    expect(requests).toBe(11); // one zone listing, then a read and a create per record
    // The first request goes at once; each later one waits 200 ms more than the one before.
    expect([...pauses].sort((x, y) => x - y)).toEqual(Array.from({ length: requests - 1 }, (_, i) => (i + 1) * 200));

    pauses.length = 0;
    clock = new Date(clock.getTime() + 48 * HOUR);
    await runCheck(cfg, { dryRun: false, force: false }, { logger: silentLogger, lockPath: join(dir, 'state.json.lock'), now: () => clock, detect, sleep });
    expect(fake.server.requests.length).toBeGreaterThan(requests);
    expect(pauses).toEqual([]);
  });

  it('a pacer serves callers in order, and a quiet spell lets the next request go at once', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pacer = new RequestPacer(4, () => now, async (ms) => {
      waits.push(ms);
    });
    await Promise.all([pacer.turn(), pacer.turn(), pacer.turn()]);
    expect(waits).toEqual([250, 500]);
    now += 10_000;
    await pacer.turn();
    expect(waits).toEqual([250, 500]);
  });

  it('does not trust a confirmation dated in the future (clock set back)', async () => {
    const cfg = config([record('home.example.com')]);
    await run(cfg);
    const before = fake.server.requests.length;
    clock = new Date(clock.getTime() - 48 * HOUR);
    const report = await run(cfg);
    expect(report.exitCode).toBe(0);
    expect(report.records[0]?.cached).toBeUndefined();
    expect(fake.server.requests.length).toBeGreaterThan(before);
  });

  it('re-reads the provider when the record settings change, and applies a new ttl', async () => {
    await run(config([record('home.example.com')]));
    const report = await run(config([record('home.example.com', { ttl: 300 })]));
    expect(report.records[0]).toMatchObject({ action: 'updated', old: '81.2.69.160', new: '81.2.69.160' });
    expect(fake.server.writes()).toHaveLength(2);
    expect(fake.records()[0]).toMatchObject({ ttl: 300, content: '81.2.69.160' });
    const again = await run(config([record('home.example.com', { ttl: 300 })]));
    expect(again.records[0]).toMatchObject({ action: 'unchanged', cached: true });
  });

  it('keeps going after one record fails, and exits 4', async () => {
    const cfg = config([record('home.example.com'), record('nas.other-zone.org'), record('vpn.example.com')]);
    const report = await run(cfg);
    expect(report.exitCode).toBe(4);
    expect(report.records.map((entry) => entry.action)).toEqual(['created', 'failed', 'created']);
    expect(report.records[1]?.errorKind).toBe('not-found');
    expect(fake.records().map((entry) => entry.name).sort()).toEqual(['home.example.com', 'vpn.example.com']);
  });

  it('updates the A records and exits 3 when IPv6 detection fails', async () => {
    delete addresses.ipv6;
    const report = await run(config([record('home.example.com'), record('home.example.com', { type: 'AAAA' })]));
    expect(report.exitCode).toBe(3);
    expect(report.records.map((entry) => entry.action)).toEqual(['created', 'skipped']);
    expect(report.detection.find((family) => family.family === 'ipv6')?.error).toMatch(/no ipv6 source answered/);
  });

  it('records an error without replacing the confirmed IP, and clears it on success', async () => {
    await run(config([record('home.example.com')]));
    addresses.ipv4 = '81.2.69.192';
    fake.server.injectFault({ kind: 'reply', reply: { status: 503, body: 'Service Unavailable' } }, 10);
    clock = new Date(clock.getTime() + 60_000);
    const failed = await run(config([record('home.example.com')]));
    expect(failed.exitCode).toBe(4);
    let state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { records: Record<string, { ip: string; lastError: unknown; lastChange: string }> };
    expect(state.records['cf/home.example.com/A']).toMatchObject({ ip: '81.2.69.160', lastError: { kind: 'transient' }, lastChange: '2026-11-23T10:00:00.000Z' });
    fake.server.clearFaults();
    clock = new Date(clock.getTime() + 60_000);
    expect((await run(config([record('home.example.com')]))).exitCode).toBe(0);
    state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as typeof state;
    expect(state.records['cf/home.example.com/A']).toMatchObject({ ip: '81.2.69.192', lastError: null, lastChange: '2026-11-23T10:02:00.000Z' });
  });

  it('treats a provider that answers with another text form of the same IPv6 as current', async () => {
    addresses.ipv6 = '2a02:1388:1000:0:0:0:0:160';
    const cfg = config([record('home.example.com', { type: 'AAAA' })]);
    await run(cfg);
    const report = await run({ ...cfg, settings: { ...cfg.settings, recheckMs: 0 } });
    expect(report.records[0]).toMatchObject({ action: 'unchanged', new: '2a02:1388:1000::160' });
    expect(fake.server.writes()).toHaveLength(1);
  });

  it('dry run: no lock, no state file, no writes', async () => {
    const report = await run(config([record('home.example.com')]), { dryRun: true, force: false });
    expect(report.records[0]).toMatchObject({ action: 'created', planned: true });
    expect(fake.server.writes()).toHaveLength(0);
    await expect(readFile(join(dir, 'state.json'))).rejects.toThrow();
  });

  it('keeps the last runs in the state with their exit codes', async () => {
    const cfg = config([record('home.example.com')]);
    await run(cfg);
    const rejected = config([record('home.example.com')], { token: 'bad-token-xyz-000', recheckMs: 0 });
    await run(rejected);
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { runs: { exitCode: number; changes: number; failures: number }[] };
    expect(state.runs).toEqual([
      expect.objectContaining({ exitCode: 0, changes: 1, failures: 0 }),
      expect.objectContaining({ exitCode: 4, changes: 0, failures: 1 }),
    ]);
  });

  describe('records checked concurrently', () => {
    function twelveRecords(): RecordConfig[] {
      return Array.from({ length: 12 }, (_, index) => record(`host${index}.${index % 2 === 0 ? 'example.com' : 'example.net'}`));
    }

    async function restartWithTwoZones(): Promise<void> {
      await fake.close();
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com', 'example.net'] });
    }

    it('keeps at most `concurrency` provider requests in flight, and really overlaps them', async () => {
      await restartWithTwoZones();
      const cfg = config(twelveRecords());
      cfg.settings.concurrency = 3;
      // Answers wait until 4 requests are in flight, else 100 ms: a pass within the bound never
      // gets there and stays at 3, a sequential one at 1, an unbounded one goes past 3.
      fake.server.gatherAnswers(4, 100);

      const report = await run(cfg);

      expect(report.summary.created).toBe(12);
      expect(fake.server.maxInFlight()).toBeGreaterThan(1);
      expect(fake.server.maxInFlight()).toBeLessThanOrEqual(3);
      // Records asking for their zone at the same moment shared one listing of the zones.
      expect(fake.server.requests.filter((request) => request.path === '/client/v4/zones')).toHaveLength(1);
    });

    it('concurrency = 1 checks one record at a time', async () => {
      await restartWithTwoZones();
      const cfg = config(twelveRecords().slice(0, 4));
      cfg.settings.concurrency = 1;
      fake.server.gatherAnswers(2, 20);

      const report = await run(cfg);

      expect(report.summary.created).toBe(4);
      expect(fake.server.maxInFlight()).toBe(1);
    });

    it('reports and logs the records in config order, whatever order they finish in', async () => {
      await restartWithTwoZones();
      const records = twelveRecords();
      const cfg = config(records);
      cfg.settings.concurrency = 4;
      const lines: string[] = [];
      const capture = { error() {}, warn() {}, debug() {}, info: (line: string) => lines.push(line) };
      // The first record is held at its read until every other record has been created.
      const firstRead = fake.server.holdAnswers((request) => request.query.get('name') === records[0]?.name);

      const running = runCheck(cfg, { dryRun: false, force: false }, {
        logger: capture,
        lockPath: join(dir, 'state.json.lock'),
        now: () => clock,
        detect,
        sleep: async () => undefined,
      });
      while (fake.records().length < records.length - 1) await new Promise((resolve) => setImmediate(resolve));
      expect(lines).toEqual([]);
      firstRead.release();
      const report = await running;

      expect(report.records.map((entry) => entry.name)).toEqual(records.map((entry) => entry.name));
      const created = lines.filter((line) => line.startsWith('created ')).map((line) => line.split(' ')[1]);
      expect(created).toEqual(records.map((entry) => entry.name));
      const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { records: Record<string, { ip?: string }> };
      expect(Object.values(state.records).filter((entry) => entry.ip === '81.2.69.160')).toHaveLength(12);
    });
  });
});
