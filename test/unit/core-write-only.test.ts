import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCheck } from '../../src/core/check.js';
import type { Config, RecordConfig } from '../../src/config/types.js';
import type { DetectionResult } from '../../src/detect/detect.js';
import { ProviderError, type ProviderHold } from '../../src/http/errors.js';
import type { ProviderMetadata, RecordSpec, WriteOnlyProvider } from '../../src/providers/types.js';
import { silentLogger } from '../../src/log/logger.js';

const MINUTE = 60_000;

/**
 * The core's rules for write-only providers (no read API: dyndns2, DuckDNS, webhooks) and for
 * holds (a provider answer that forbids sending again for a while), with an in-memory provider.
 */
describe('runCheck with a write-only provider', () => {
  let dir: string;
  let clock: Date;
  let ip: string;
  let calls: { name: string; ip: string }[];
  let nextFailure: ProviderError | undefined;

  const provider: WriteOnlyProvider = {
    async set(spec: RecordSpec, address: string) {
      calls.push({ name: spec.name, ip: address });
      if (nextFailure) throw nextFailure;
      return { id: spec.name, name: spec.name, type: spec.type, content: address, ttl: undefined };
    },
  };
  const metadata: ProviderMetadata = {
    type: 'memory',
    title: 'in-memory write-only provider',
    credentialKeys: [],
    secretKeys: [],
    configSchema: z.strictObject({ account: z.string().optional() }),
    recordSchema: z.strictObject({}),
    writeOnly: true,
    load: async () => () => provider,
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-wo-'));
    clock = new Date('2026-11-23T10:00:00.000Z');
    ip = '81.2.69.160';
    calls = [];
    nextFailure = undefined;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function config(account = 'a'): Config {
    const record: RecordConfig = { provider: 'mem', name: 'home.example.com', type: 'A', zone: undefined, ttl: undefined, options: {}, line: undefined };
    return {
      path: join(dir, 'config.toml'),
      settings: { timeoutMs: 1000, retries: 2, retryDelayMs: 1, recheckMs: MINUTE, detectWaitMs: 0, logLevel: 'info', logFile: join(dir, 'log'), stateFile: join(dir, 'state.json'), proxy: undefined },
      detection: { ipv4: { family: 'ipv4', sources: ['injected'], allowPrivate: false, quorum: 1, useProxy: false } },
      providers: [{ name: 'mem', type: 'memory', endpoint: undefined, options: { account }, secrets: [], line: undefined }],
      records: [record],
      notify: [],
      secrets: [],
      secretsInFile: false,
    };
  }

  const run = (cfg: Config, options = { dryRun: false, force: false }) =>
    runCheck(cfg, options, {
      logger: silentLogger,
      lockPath: join(dir, 'state.json.lock'),
      now: () => clock,
      sleep: async () => undefined,
      providers: new Map([['memory', metadata]]),
      detect: async (detection): Promise<DetectionResult> => ({ family: detection.family, ip, source: 'injected', agreeing: ['injected'], answers: [], elapsedMs: 1 }),
    });

  it('sends once per address change and never resends on a timer, even long after recheck', async () => {
    expect((await run(config())).records[0]).toMatchObject({ action: 'created', new: ip });
    clock = new Date(clock.getTime() + 30 * 24 * 60 * MINUTE);
    expect((await run(config())).records[0]).toMatchObject({ action: 'unchanged', cached: true });
    ip = '81.2.69.192';
    expect((await run(config())).records[0]).toMatchObject({ action: 'updated', old: '81.2.69.160', new: '81.2.69.192' });
    expect(calls.map((call) => call.ip)).toEqual(['81.2.69.160', '81.2.69.192']);
  });

  it('--force sends even when the state says current; --dry-run never sends', async () => {
    await run(config());
    expect((await run(config(), { dryRun: true, force: false })).records[0]).toMatchObject({ action: 'unchanged', cached: true });
    ip = '81.2.69.192';
    expect((await run(config(), { dryRun: true, force: false })).records[0]).toMatchObject({ action: 'updated', planned: true });
    expect(calls).toHaveLength(1);
    ip = '81.2.69.160';
    await run(config(), { dryRun: false, force: true });
    expect(calls).toHaveLength(2);
  });

  it('holds a record after a permanent refusal until the settings change', async () => {
    const hold: ProviderHold = { until: 'config-change' };
    nextFailure = new ProviderError('auth', 'the server answered badauth', { hold });
    let report = await run(config());
    expect(report.exitCode).toBe(4);
    expect(report.records[0]).toMatchObject({ action: 'failed', errorKind: 'auth' });
    nextFailure = undefined;
    ip = '81.2.69.192';
    for (let attempt = 0; attempt < 3; attempt++) {
      clock = new Date(clock.getTime() + 5 * MINUTE);
      report = await run(config());
      expect(report.exitCode).toBe(4);
      expect(report.records[0]).toMatchObject({ action: 'skipped', errorKind: 'held' });
      expect(report.records[0]?.error).toMatch(/not sent: the server answered badauth .*until the record or provider settings change/);
    }
    expect(calls).toHaveLength(1);
    report = await run(config('b'));
    expect(report.records[0]).toMatchObject({ action: 'created' });
    expect(calls).toHaveLength(2);
  });

  it('holds a record for the time the provider asks, then tries again', async () => {
    nextFailure = new ProviderError('transient', 'the server answered dnserr', { hold: { forMs: 30 * MINUTE } });
    await run(config());
    // Retries are for network faults; a hold is not retried within the run.
    expect(calls).toHaveLength(1);
    nextFailure = undefined;
    clock = new Date(clock.getTime() + 29 * MINUTE);
    expect((await run(config())).records[0]).toMatchObject({ action: 'skipped', errorKind: 'held' });
    expect(calls).toHaveLength(1);
    clock = new Date(clock.getTime() + 2 * MINUTE);
    expect((await run(config())).records[0]).toMatchObject({ action: 'created' });
    expect(calls).toHaveLength(2);
  });
});
