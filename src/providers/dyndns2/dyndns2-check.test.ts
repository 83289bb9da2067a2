import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, type RunReport } from '../../core/check.js';
import type { Config, RecordConfig } from '../../config/types.js';
import type { DetectionResult } from '../../detect/detect.js';
import { silentLogger } from '../../log/logger.js';
import { startFakeDyndns2, type Dyndns2Code, type FakeDyndns2 } from './fake.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PASSWORD = 'dyn-pass-4d1f7a';

/**
 * The dyndns2 rules through the real core pass (runCheck with an injected clock): never resend an
 * unchanged address, stop for good after a permanent refusal until the config changes, and wait
 * 30 minutes after dnserr/911.
 */
describe('ddns check with dyndns2 (core pass, injected clock)', () => {
  let dir: string;
  let fake: FakeDyndns2;
  let clock: Date;
  let ip: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-dyndns2-'));
    fake = await startFakeDyndns2({ accounts: { user: PASSWORD, user2: 'second-pass-91' }, hosts: { 'home.example.com': 'user' } });
    clock = new Date('2026-11-23T10:00:00.000Z');
    ip = '81.2.69.160';
  });
  afterEach(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  function config(providerOptions: Record<string, unknown> = {}): Config {
    const record: RecordConfig = { provider: 'dyn', name: 'home.example.com', type: 'A', zone: undefined, ttl: undefined, options: {}, line: undefined };
    const options = { preset: 'dyn', username: 'user', password: PASSWORD, ...providerOptions };
    return {
      path: join(dir, 'config.toml'),
      settings: { timeoutMs: 2000, retries: 2, retryDelayMs: 1, recheckMs: MINUTE, detectWaitMs: 0, logLevel: 'info', logFile: join(dir, 'log'), stateFile: join(dir, 'state.json'), proxy: undefined },
      detection: { ipv4: { family: 'ipv4', sources: ['injected'], allowPrivate: false, quorum: 1, useProxy: false } },
      providers: [{ name: 'dyn', type: 'dyndns2', endpoint: fake.url, options, secrets: [options.password as string], line: undefined }],
      records: [record],
      notify: [],
      secrets: [options.password as string],
      secretsInFile: true,
    };
  }

  const run = (cfg: Config = config(), options = { dryRun: false, force: false }): Promise<RunReport> =>
    runCheck(cfg, options, {
      logger: silentLogger,
      lockPath: join(dir, 'state.json.lock'),
      now: () => clock,
      sleep: async () => undefined,
      detect: async (detection): Promise<DetectionResult> => ({ family: detection.family, ip, source: 'injected', agreeing: ['injected'], answers: [], elapsedMs: 1 }),
    });

  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  it('sends once, then nothing for an unchanged address over many runs and weeks, then once per change', async () => {
    expect((await run()).records[0]).toMatchObject({ action: 'created', new: ip });
    for (let runIndex = 0; runIndex < 20; runIndex++) {
      later(DAY);
      const report = await run();
      expect(report).toMatchObject({ exitCode: 0, providerRequests: 0 });
      expect(report.records[0]).toMatchObject({ action: 'unchanged', cached: true });
    }
    expect(fake.updates()).toHaveLength(1);
    ip = '81.2.69.192';
    const report = await run();
    expect(report.records[0]).toMatchObject({ action: 'updated', old: '81.2.69.160', new: ip });
    expect(report.providerRequests).toBe(1);
    expect(fake.updates()).toHaveLength(2);
    expect(fake.host('home.example.com')?.ipv4).toBe(ip);
    // The server never had to say nochg: the state alone prevented the repeats.
    expect(fake.updates().length).toBe(2);
  });

  it('--force sends even an unchanged address (the server answers nochg, which is success)', async () => {
    await run();
    const report = await run(config(), { dryRun: false, force: true });
    expect(report.records[0]).toMatchObject({ action: 'updated' });
    expect(fake.updates()).toHaveLength(2);
  });

  it.each(['badauth', '!donator', 'notfqdn', 'nohost', 'numhost', 'abuse', 'badagent', '!yours', '!active', 'badsys'] as Dyndns2Code[])(
    '%s: exactly one request across many runs and address changes, until the config changes',
    async (code) => {
      fake.answer('home.example.com', code);
      let report = await run();
      expect(report.exitCode).toBe(4);
      expect(report.records[0]).toMatchObject({ action: 'failed' });
      expect(report.records[0]?.error).toContain(`answered ${code}`);
      for (let runIndex = 0; runIndex < 10; runIndex++) {
        later(6 * 60 * MINUTE);
        if (runIndex % 3 === 0) ip = `81.2.69.${170 + runIndex}`;
        report = await run();
        expect(report.exitCode).toBe(4);
        expect(report.providerRequests).toBe(0);
        expect(report.records[0]).toMatchObject({ action: 'skipped', errorKind: 'held' });
        expect(report.records[0]?.error).toMatch(new RegExp(`not sent: .*answered ${code.replace('!', '\\!')}.*until the record or provider settings change`));
      }
      expect(fake.updates()).toHaveLength(1);

      // The user fixes the account (here: another login); the changed settings release the hold.
      fake.answer('home.example.com', undefined);
      report = await run(config({ username: 'user', password: PASSWORD, user_agent: 'Acme ddns/1.0 ops@example.com' }));
      expect(report.exitCode).toBe(0);
      expect(report.records[0]).toMatchObject({ action: 'created', new: ip });
      expect(fake.updates()).toHaveLength(2);
    },
  );

  it('a held record is sent again with --force', async () => {
    fake.answer('home.example.com', 'abuse');
    await run();
    await run();
    expect(fake.updates()).toHaveLength(1);
    fake.answer('home.example.com', undefined);
    const report = await run(config(), { dryRun: false, force: true });
    expect(report.records[0]).toMatchObject({ action: 'created' });
    expect(fake.updates()).toHaveLength(2);
  });

  it.each(['dnserr', '911'] as Dyndns2Code[])('%s: no request for 30 minutes, then one', async (code) => {
    fake.answer('home.example.com', code);
    let report = await run();
    // A hold is not retried within the run, although the kind is transient.
    expect(fake.updates()).toHaveLength(1);
    expect(report.records[0]).toMatchObject({ action: 'failed', errorKind: 'transient' });
    fake.answer('home.example.com', undefined);
    for (const minutes of [5, 10, 10, 4]) {
      later(minutes * MINUTE);
      report = await run();
      expect(report.records[0]).toMatchObject({ action: 'skipped', errorKind: 'held' });
    }
    expect(fake.updates()).toHaveLength(1);
    later(2 * MINUTE);
    report = await run();
    expect(report.records[0]).toMatchObject({ action: 'created' });
    expect(fake.updates()).toHaveLength(2);
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { records: Record<string, { hold?: unknown; ip?: string }> };
    expect(state.records['dyn/home.example.com/A']).toMatchObject({ ip, hold: null });
  });

  it('retries a 5xx within the run (no hold), and fails without caching the address', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 503, body: 'Service Unavailable' } }, 10);
    const report = await run();
    expect(fake.updates()).toHaveLength(3);
    expect(report.records[0]).toMatchObject({ action: 'failed', errorKind: 'transient' });
    fake.server.clearFaults();
    expect((await run()).records[0]).toMatchObject({ action: 'created' });
  });
});
