import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Headers } from 'node-fetch';
import { z } from 'zod';
import type { Config, NotifyConfig, RecordConfig } from '../../src/config/types.js';
import { ClockObserver } from '../../src/doctor/clock-check.js';
import { checkConfig, checkConfigPermissions } from '../../src/doctor/config-check.js';
import { checkIpSources } from '../../src/doctor/ip-check.js';
import { formatDoctorReport } from '../../src/doctor/messages.js';
import { checkProviders } from '../../src/doctor/provider-check.js';
import { exitCodeFor, runDoctor } from '../../src/doctor/runner.js';
import { checkLock, checkState } from '../../src/doctor/state-check.js';
import { checkNotifiers } from '../../src/doctor/notify-check.js';
import { notifierKeys } from '../../src/notify/dispatch.js';
import { checkScheduledTask } from '../../src/doctor/task-check.js';
import type { CheckArea, CheckStatus, DoctorCheck } from '../../src/doctor/types.js';
import { loadConfig } from '../../src/config/load.js';
import { ProviderError, type ProviderErrorKind } from '../../src/http/errors.js';
import type { Provider, ProviderMetadata, ProviderRecord, RecordSpec } from '../../src/providers/types.js';
import { renderCronFile } from '../../src/scheduler/cron.js';
import { parseTaskInterval } from '../../src/scheduler/interval.js';
import type { Runner } from '../../src/scheduler/runner.js';
import type { SchedulerContext } from '../../src/scheduler/types.js';
import { renderWindowsTaskXml } from '../../src/scheduler/windows.js';
import { emptyState, type StateData } from '../../src/state/types.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const INVOCATION = { executable: '/opt/node/bin/node', script: '/opt/ddns/bin/ddns.js' };

function check(area: CheckArea, status: CheckStatus): DoctorCheck {
  return { id: `${area}.${status}`, area, title: area, status, detail: '' };
}

function record(overrides: Partial<RecordConfig> = {}): RecordConfig {
  return { provider: 'p', name: 'home.example.com', type: 'A', zone: undefined, ttl: undefined, options: {}, line: 7, ...overrides };
}

function configWith(overrides: Partial<Config> = {}): Config {
  return {
    path: '/etc/ddns/config.toml',
    settings: {
      timeoutMs: 2000,
      retries: 0,
      retryDelayMs: 10,
      recheckMs: 86_400_000,
      detectWaitMs: 0,
      logLevel: 'info',
      logFile: '/tmp/unused.log',
      stateFile: '/tmp/unused-state.json',
      proxy: undefined,
    },
    detection: {},
    providers: [{ name: 'p', type: 'memory', endpoint: undefined, options: {}, secrets: [], line: 3 }],
    records: [record()],
    notify: [],
    secrets: [],
    secretsInFile: false,
    ...overrides,
  };
}

describe('doctor exit code', () => {
  it('is 0 with warnings and skips only', () => {
    expect(exitCodeFor([check('config', 'ok'), check('task', 'warn'), check('provider', 'skip')])).toBe(0);
  });

  it('takes the code of the worst failing area: config 2, then IP 3, then provider 4, anything else 1', () => {
    expect(exitCodeFor([check('provider', 'fail'), check('ip', 'fail'), check('config', 'fail')])).toBe(2);
    expect(exitCodeFor([check('provider', 'fail'), check('ip', 'fail'), check('clock', 'fail')])).toBe(3);
    expect(exitCodeFor([check('provider', 'fail'), check('state', 'fail')])).toBe(4);
    expect(exitCodeFor([check('clock', 'fail'), check('ip', 'warn')])).toBe(1);
  });

  it('a notifier warning leaves it as it is', () => {
    expect(exitCodeFor([check('config', 'ok'), check('notify', 'warn')])).toBe(0);
    expect(exitCodeFor([check('provider', 'fail'), check('notify', 'warn')])).toBe(4);
  });
});

describe('doctor notifier checks', () => {
  const hook = (url: string): NotifyConfig => ({ type: 'webhook', url, on: ['failure'], options: { method: 'POST', headers: { Authorization: 'Bearer hdr-secret-1234' } }, secrets: [], line: 20 });
  const notify = [hook('https://hooks.example/path-token-0123456789abcdef'), hook('https://other.example/x'), hook('https://third.example/y')];
  const keys = notifierKeys(notify);

  it('from the state only: a failed delivery warns with the reason and a hint, a delivered one is ok, an unused one is skipped', () => {
    const state: StateData = {
      ...emptyState(),
      notify: {
        [keys[0] ?? '']: { type: 'webhook', failingSince: '2026-11-23T09:00:00Z', failedRuns: 4, lastError: { message: 'ECONNREFUSED', at: '2026-11-23T09:50:00Z' } },
        [keys[1] ?? '']: { type: 'webhook', failingSince: '2026-11-23T09:00:00Z', failedRuns: 4, alerted: true, lastError: null },
      },
    };
    const checks = checkNotifiers(configWith({ notify }), state, NOW);
    expect(checks.map(({ id, area, title, status }) => [id, area, title, status])).toEqual([
      ['notify.1', 'notify', 'notify webhook https://hooks.example', 'warn'],
      ['notify.2', 'notify', 'notify webhook https://other.example', 'ok'],
      ['notify.3', 'notify', 'notify webhook https://third.example', 'skip'],
    ]);
    expect(checks[0]?.detail).toBe('the last message (10m ago) was not delivered: ECONNREFUSED; runs failing since 60m ago (4 failed runs), alert not delivered');
    expect(checks[0]?.hint).toMatch(/url.*receiver/);
    expect(checks[1]?.detail).toBe('last messages delivered; runs failing since 60m ago (4 failed runs), alert delivered');
    expect(checks[1]?.hint).toBeUndefined();
    expect(checks[2]?.detail).toMatch(/^not used yet/);
    expect(JSON.stringify(checks)).not.toMatch(/path-token|hdr-secret/);
    expect(exitCodeFor(checks)).toBe(0);
    expect(checkNotifiers(configWith(), state, NOW)).toEqual([]);
    expect(checkNotifiers(configWith({ notify }), undefined, NOW).map((item) => item.status)).toEqual(['skip', 'skip', 'skip']);
  });
});

describe('doctor clock check', () => {
  const answer = (url: string, serverTime: number, receivedAt: number) => ({
    url,
    status: 200,
    headers: new Headers({ date: new Date(serverTime).toUTCString() }),
    receivedAt,
  });

  it('skips without any Date header', () => {
    const clock = new ClockObserver();
    clock.observe({ url: 'http://127.0.0.1:1/', status: 200, headers: new Headers(), receivedAt: NOW.getTime() });
    expect(clock.check()).toMatchObject({ status: 'skip' });
  });

  it('is ok within a minute, warns beyond, fails beyond 5 minutes, naming the server and the direction', () => {
    const base = NOW.getTime();
    const near = new ClockObserver();
    near.observe(answer('http://a.test/', base + 20_000, base));
    expect(near.check()).toMatchObject({ status: 'ok' });

    const warned = new ClockObserver();
    warned.observe(answer('http://a.test/', base + 2 * 60_000, base));
    expect(warned.check()).toMatchObject({ status: 'warn', detail: expect.stringContaining("2m behind a.test's") });

    const failed = new ClockObserver();
    failed.observe(answer('http://echo.test/', base, base));
    failed.observe(answer('http://api.test/x', base - 10 * 60_000, base));
    failed.observe(answer('http://api.test/y', base - 10 * 60_000, base + 100));
    const verdict = failed.check();
    expect(verdict).toMatchObject({ status: 'fail', area: 'clock', detail: expect.stringContaining("10m ahead of api.test's (largest of 2 servers asked)") });
    expect(verdict.hint).toMatch(/w32tm \/resync/);
    expect(verdict.hint).toMatch(/timedatectl|chrony/);
  });
});

describe('doctor IP source checks', () => {
  const servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const echo = async (body: string, status = 200) => {
    const server = await startFakeServer(() => ({ status, body }));
    servers.push(server);
    return server;
  };
  const ipv4 = (sources: string[], quorum = 1): Config['detection'] => ({ ipv4: { family: 'ipv4', sources, allowPrivate: false, quorum, useProxy: false } });

  it('asks every source, reports each answer or error, and still detects with one source down', async () => {
    const up = await echo('81.2.69.160\n');
    const down = await echo('oops', 503);
    const alsoUp = await echo('81.2.69.160');
    const result = await checkIpSources(configWith({ detection: ipv4([`${up.url}/`, `${down.url}/`, `${alsoUp.url}/`]) }));
    expect(result.detected.get('ipv4')).toBe('81.2.69.160');
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([
      ['ip.ipv4.source.1', 'ok'],
      ['ip.ipv4.source.2', 'warn'],
      ['ip.ipv4.source.3', 'ok'],
      ['ip.ipv4', 'ok'],
    ]);
    expect(result.checks[1]?.detail).toMatch(/HTTP 503/);
    expect(result.checks[3]?.detail).toBe('81.2.69.160: 2 of 3 sources agree (2 answered, quorum 1)');
    // Unlike a check pass, doctor waits for every source: each one was asked exactly once.
    expect([up, down, alsoUp].map((server) => server.requests.length)).toEqual([1, 1, 1]);
  });

  it('fails the family when no source gives a usable address (private answers included)', async () => {
    const privateAnswer = await echo('192.168.1.20');
    const result = await checkIpSources(configWith({ detection: ipv4([`${privateAnswer.url}/`, 'http://127.0.0.1:9/']) }));
    expect(result.detected.size).toBe(0);
    expect(result.checks.at(-1)).toMatchObject({ id: 'ip.ipv4', status: 'fail', detail: 'no usable address from any of the 2 sources' });
    expect(result.checks[0]?.detail).toMatch(/private/);
  });

  it('fails when sources disagree and the quorum is not reached, warns when it is', async () => {
    const a = await echo('81.2.69.160');
    const b = await echo('81.2.69.192');
    const strict = await checkIpSources(configWith({ detection: ipv4([`${a.url}/`, `${b.url}/`], 2) }));
    expect(strict.checks.at(-1)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^quorum 2 not reached: 81\.2\.69\.160 \(127\.0\.0\.1:\d+\), 81\.2\.69\.192/) });
    const lenient = await checkIpSources(configWith({ detection: ipv4([`${a.url}/`, `${b.url}/`]) }));
    expect(lenient.checks.at(-1)).toMatchObject({ status: 'warn', detail: expect.stringContaining('but other sources say') });
  });

  it('hands every answer to the clock, failed ones included: a source answering 503 still shows its clock', async () => {
    const skewed = await echo('maintenance', 503);
    skewed.replyHeaders['Date'] = new Date(Date.now() - 7 * 60_000).toUTCString();
    const clock = new ClockObserver();
    const result = await checkIpSources(configWith({ detection: ipv4([`${skewed.url}/`]) }), { onResponse: clock.observe });
    expect(result.checks[0]).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^HTTP 503/) });
    expect(clock.check()).toMatchObject({ status: 'fail', detail: expect.stringContaining(`7m ahead of 127.0.0.1:${skewed.port}'s`) });
  });

  it('fails a needed family that has no sources table', async () => {
    const result = await checkIpSources(configWith({ records: [record({ type: 'AAAA' })] }));
    expect(result.checks).toEqual([expect.objectContaining({ id: 'ip.ipv6', status: 'fail', hint: expect.stringContaining('[ip.ipv6]') })]);
  });
});

describe('doctor provider checks', () => {
  let calls: string[];
  let answers: Map<string, ProviderRecord | undefined | ProviderErrorKind>;
  const memory: Provider = {
    async find(spec: RecordSpec) {
      calls.push(`find ${spec.name}`);
      const answer = answers.get(spec.name);
      if (typeof answer === 'string') throw new ProviderError(answer, `memory says ${answer} for ${spec.name}`);
      return answer;
    },
    async create() {
      calls.push('create');
      throw new Error('doctor must not create');
    },
    async update() {
      calls.push('update');
      throw new Error('doctor must not update');
    },
  };
  const metadata = (writeOnly: boolean): ProviderMetadata => ({
    type: 'memory',
    title: 'memory',
    credentialKeys: [],
    secretKeys: [],
    configSchema: z.looseObject({}),
    recordSchema: z.looseObject({}),
    writeOnly,
    load: async () => {
      calls.push('load');
      return () => memory;
    },
  });
  const options = (writeOnly = false, state: StateData | undefined = undefined) => ({
    registry: new Map([['memory', metadata(writeOnly)]]),
    detected: new Map([['ipv4' as const, '81.2.69.160']]),
    state,
    now: NOW,
  });
  const existing = (content: string): ProviderRecord => ({ id: '1', name: 'x', type: 'A', content, ttl: 300 });

  beforeEach(() => {
    calls = [];
    answers = new Map();
  });

  it('reads each record with find only and says what the next check would do', async () => {
    answers.set('a.example.com', existing('81.2.69.160'));
    answers.set('b.example.com', existing('81.2.69.1'));
    answers.set('c.example.com', undefined);
    const config = configWith({ records: ['a', 'b', 'c'].map((name) => record({ name: `${name}.example.com` })) });
    const checks = await checkProviders(config, options());
    expect(checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['provider.p', 'ok', 'credentials accepted (read-only lookups of 3 records)'],
      ['record.p/a.example.com/A', 'ok', 'exists with 81.2.69.160, the detected address'],
      ['record.p/b.example.com/A', 'ok', 'exists with 81.2.69.1; the next `ddns check` updates it to 81.2.69.160'],
      ['record.p/c.example.com/A', 'ok', 'not there yet; the next `ddns check` creates it'],
    ]);
    expect(calls).toEqual(['load', 'find a.example.com', 'find b.example.com', 'find c.example.com']);
  });

  it('reports rejected credentials once, on the provider, and stops asking', async () => {
    answers.set('a.example.com', 'auth');
    const config = configWith({ records: ['a', 'b'].map((name) => record({ name: `${name}.example.com` })) });
    const checks = await checkProviders(config, options());
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['provider.p', 'fail'],
      ['record.p/a.example.com/A', 'skip'],
      ['record.p/b.example.com/A', 'skip'],
    ]);
    expect(checks[0]).toMatchObject({ detail: 'credentials rejected: memory says auth for a.example.com', hint: expect.stringContaining('[[provider]] "p" (line 3)') });
    expect(calls).toEqual(['load', 'find a.example.com']);
  });

  it.each([
    ['not-found', 'fail', /^zone not found: /, /zone = "\.\.\." in its \[\[record\]\] \(line 7\)/],
    ['config', 'fail', /^the provider refused the request: /, /line 7/],
    ['transient', 'fail', /^the provider's API did not answer: /, /network/],
    ['clock-skew', 'fail', /clock is wrong/, /w32tm/],
    ['rate-limit', 'warn', /^rate limited/, undefined],
    ['protocol', 'fail', /^unexpected answer: /, /endpoint/],
  ] as const)('maps a %s error to %s', async (kind, status, detail, hint) => {
    answers.set('home.example.com', kind);
    const checks = await checkProviders(configWith(), options());
    expect(checks[1]).toMatchObject({ status, detail: expect.stringMatching(detail) });
    if (hint) expect(checks[1]?.hint).toMatch(hint);
    expect(checks[0]).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^credentials not confirmed: /) });
  });

  it('sends nothing to a write-only provider and shows what the state last saw', async () => {
    const state = emptyState();
    state.records['p/ok.example.com/A'] = { provider: 'p', name: 'ok.example.com', type: 'A', ip: '81.2.69.160', lastConfirmed: '2026-11-23T09:00:00Z' };
    state.records['p/bad.example.com/A'] = {
      provider: 'p',
      name: 'bad.example.com',
      type: 'A',
      lastError: { message: 'badauth: wrong password', kind: 'auth', at: '2026-11-23T09:30:00Z' },
    };
    const config = configWith({ records: ['ok', 'bad', 'new'].map((name) => record({ name: `${name}.example.com` })) });
    const checks = await checkProviders(config, options(true, state));
    expect(calls).toEqual([]);
    expect(checks.map((c) => [c.status, c.detail])).toEqual([
      ['skip', expect.stringContaining('write-only API')],
      ['skip', 'not checked (write-only API); last update confirmed 81.2.69.160, 60m ago'],
      ['warn', 'not checked (write-only API); the last update failed 30m ago: badauth: wrong password'],
      ['skip', expect.stringContaining('no update confirmed yet')],
    ]);
  });
});

describe('doctor config, state and lock checks', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-doctor-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every config problem with file:line and fails the config area', async () => {
    const path = join(dir, 'config.toml');
    await writeFile(path, '[settings]\ntimeout = "10s"\nretries = = 3\n');
    const result = await checkConfig(path, (file) => loadConfig(file));
    expect(result.config).toBeUndefined();
    expect(result.check).toMatchObject({ area: 'config', status: 'fail', detail: `${path}: 1 problem` });
    expect(result.check.lines?.[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:`));
  });

  it('warns, with file:line, about keys that have no effect, and still hands the config on', async () => {
    const path = join(dir, 'config.toml');
    await writeFile(path, '[[provider]]\nname = "dd"\ntype = "dyndns2"\nserver = "https://dyn.example.net"\nusername = "ann"\npassword = "pw-0123456789"\n\n[[record]]\nprovider = "dd"\nname = "home.example.net"\nttl = 60\n');
    const result = await checkConfig(path, (file) => loadConfig(file));
    expect(result.config?.records).toHaveLength(1);
    expect(result.check).toMatchObject({ area: 'config', status: 'warn', detail: `${path}: 1 provider, 1 record; a key has no effect (see below); everything else is valid` });
    expect(result.check.lines).toEqual([`${path}:11: record[1].ttl: has no effect for a "dyndns2" provider: the service sets the TTL itself`]);
  });

  it('warns about a config with secrets that others can read, with the chmod to run', async () => {
    const path = join(dir, 'config.toml');
    await writeFile(path, 'x', { mode: 0o644 });
    const config = configWith({ path, secrets: ['s3cret-value'], secretsInFile: true });
    expect(await checkConfigPermissions(config, 'linux')).toMatchObject({ status: 'warn', hint: `chmod 600 "${path}"` });
    expect(await checkConfigPermissions(configWith({ path }), 'linux')).toMatchObject({ status: 'ok', detail: 'holds no secrets' });
    expect(await checkConfigPermissions(config, 'win32')).toMatchObject({ status: 'skip' });
  });

  const stateConfig = () => configWith({ settings: { ...configWith().settings, stateFile: join(dir, 'state.json') } });

  it('state: absent is fine, corrupt will be rebuilt, a failed or overdue last run warns, record errors are listed', async () => {
    const config = stateConfig();
    expect((await checkState(config, NOW, 300)).checks).toEqual([expect.objectContaining({ status: 'ok', detail: expect.stringMatching(/^no run yet/) })]);

    await writeFile(config.settings.stateFile, '{"version": 1, "records": ');
    expect((await checkState(config, NOW, 300)).checks).toEqual([expect.objectContaining({ status: 'warn', hint: expect.stringContaining('moves it aside') })]);

    const state = emptyState();
    state.runs.push({ start: '2026-11-23T09:58:00Z', durationMs: 100, exitCode: 4, changes: 0, failures: 1 });
    state.records['p/home.example.com/A'] = {
      provider: 'p',
      name: 'home.example.com',
      type: 'A',
      lastError: { message: 'zone not found', kind: 'not-found', at: '2026-11-23T09:58:00Z' },
    };
    await writeFile(config.settings.stateFile, JSON.stringify(state));
    const failed = await checkState(config, NOW, 300);
    expect(failed.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['state', 'warn', 'last run 2m ago: exit 4 (at least one record update failed); 1 run recorded'],
      ['state.records', 'warn', '1 record failed in the last run that touched them'],
    ]);
    expect(failed.checks[1]?.lines).toEqual(['p/home.example.com/A, 2m ago: zone not found']);

    state.runs.push({ start: '2026-11-23T09:00:00Z', durationMs: 100, exitCode: 0, changes: 0, failures: 0 });
    state.records = {};
    await writeFile(config.settings.stateFile, JSON.stringify(state));
    expect((await checkState(config, NOW, 300)).checks[0]).toMatchObject({ status: 'warn', detail: 'the last run was 60m ago, but runs are expected every 5m' });
    expect((await checkState(config, NOW, 3600)).checks[0]).toMatchObject({ status: 'ok' });
  });

  it('lock: free, held by a live process, or stale (owner gone) - never touched', async () => {
    const lockPath = join(dir, 'state.json.lock');
    expect(await checkLock(lockPath, new Date())).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^free/) });

    await mkdir(lockPath);
    await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: process.ppid, host: hostname(), started: '2026-11-23T09:59:00Z' }));
    expect(await checkLock(lockPath, new Date())).toMatchObject({ status: 'ok', detail: `a run is in progress (pid ${process.ppid}, since 2026-11-23T09:59:00Z)` });

    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: gone, host: hostname(), started: '2026-11-23T09:59:00Z' }));
    const stale = await checkLock(lockPath, new Date());
    expect(stale).toMatchObject({ status: 'warn', detail: expect.stringContaining(`(pid ${gone}, no longer running)`), hint: expect.stringContaining('takes it over') });
    // Looked at, not taken over: the dead run's owner file is still there.
    expect(JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(lockPath, 'owner.json'), 'utf8')))).toMatchObject({ pid: gone });
  });
});

describe('doctor scheduled task check', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-doctor-task-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function context(overrides: Partial<SchedulerContext> = {}): SchedulerContext {
    return {
      runner: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
      hostPlatform: 'linux',
      env: { DDNS_CRON_DIR: dir, DDNS_SYSTEMD_DIR: join(dir, 'units') },
      invocation: INVOCATION,
      tempDir: dir,
      say: () => undefined,
      warn: () => undefined,
      systemdRunning: () => false,
      uptimeSeconds: async () => 1000,
      now: () => NOW,
      ...overrides,
    };
  }
  const cron = (configPath: string, invocation = INVOCATION) =>
    renderCronFile({ name: 'ddns', interval: parseTaskInterval('10m'), configPath, invocation });

  it('warns when nothing is installed, with the setup-task command for this config', async () => {
    const result = await checkScheduledTask('ddns', '/etc/ddns/config.toml', context());
    expect(result.check).toMatchObject({ status: 'warn', title: 'scheduled task ddns (cron)', hint: 'ddns setup-task --config "/etc/ddns/config.toml"' });
  });

  it('is ok for the entry setup-task writes for this ddns and this config, and reads its interval', async () => {
    await writeFile(join(dir, 'ddns'), await cron('/etc/ddns/config.toml'));
    const result = await checkScheduledTask('ddns', '/etc/ddns/config.toml', context());
    expect(result).toEqual({ intervalSeconds: 600, check: expect.objectContaining({ status: 'ok' }) });
  });

  it('warns when the task runs another config or another ddns', async () => {
    await writeFile(join(dir, 'ddns'), await cron('/srv/other.toml'));
    expect((await checkScheduledTask('ddns', '/etc/ddns/config.toml', context())).check).toMatchObject({
      status: 'warn',
      detail: 'runs with another config: /srv/other.toml',
    });
    await writeFile(join(dir, 'ddns'), await cron('/etc/ddns/config.toml', { executable: '/usr/bin/node', script: '/old/ddns.js' }));
    const other = (await checkScheduledTask('ddns', '/etc/ddns/config.toml', context())).check;
    expect(other).toMatchObject({ status: 'warn', hint: 'rewrite it: ddns setup-task --config "/etc/ddns/config.toml"' });
    expect(other.lines?.join('\n')).toContain('/old/ddns.js');
  });

  it('Windows: decodes the last result and warns about a failed last run or a disabled task', async () => {
    const xml = await renderWindowsTaskXml({ name: 'ddns', interval: parseTaskInterval('5m'), configPath: 'C:\\ProgramData\\ddns\\config.toml', invocation: INVOCATION });
    const csv = (status: string, result: string) =>
      [
        '"HostName","TaskName","Next Run Time","Status","Logon Mode","Last Run Time","Last Result"',
        `"PC","\\ddns","11/23/2026 10:05:00 AM","${status}","Interactive/Background","11/23/2026 10:00:01 AM","${result}"`,
      ].join('\r\n');
    const windows = (status: string, result: string): Runner => async (_file, args) => ({ exitCode: 0, stdout: args.includes('/XML') ? xml : csv(status, result), stderr: '' });
    const path = 'c:\\programdata\\ddns\\config.toml';
    const failed = await checkScheduledTask('ddns', path, context({ hostPlatform: 'win32', runner: windows('Ready', '4') }));
    expect(failed.check).toMatchObject({ status: 'warn', detail: expect.stringContaining('exit 4: at least one record update failed') });
    const disabled = await checkScheduledTask('ddns', path, context({ hostPlatform: 'win32', runner: windows('Disabled', '0') }));
    expect(disabled.check).toMatchObject({ status: 'warn', hint: 'enable it: schtasks /Change /TN ddns /ENABLE (or Task Scheduler > ddns > Enable)' });
    const fine = await checkScheduledTask('ddns', path, context({ hostPlatform: 'win32', runner: windows('Ready', '0') }));
    expect(fine.check).toMatchObject({ status: 'ok', detail: 'Ready; last run 11/23/2026 10:00:01 AM: exit 0: every record is current' });
  });
});

describe('doctor report', () => {
  it('without a valid config: the config failure, the scheduled task, exit 2; the text is plain ASCII', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddns-doctor-run-'));
    try {
      const path = join(dir, 'missing.toml');
      const report = await runDoctor(path, {
        loadConfig: (file) => loadConfig(file),
        taskName: 'ddns',
        scheduler: async () => ({
          runner: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
          hostPlatform: 'linux',
          env: { DDNS_CRON_DIR: dir, DDNS_SYSTEMD_DIR: dir },
          invocation: INVOCATION,
          tempDir: dir,
          say: () => undefined,
          warn: () => undefined,
          systemdRunning: () => false,
          uptimeSeconds: async () => undefined,
          now: () => NOW,
        }),
      });
      expect(report.exitCode).toBe(2);
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([
        ['config', 'fail'],
        ['task', 'warn'],
      ]);
      expect(report.checks[0]?.hint).toContain('ddns config init');
      const text = formatDoctorReport(report);
      // Doctor's own words are ASCII (a Windows console shows them alike); the path and the loader's problem lines are not its words.
      let own = text.split(path).join('');
      for (const line of report.checks.flatMap((c) => c.lines ?? [])) own = own.split(line.split(path).join('')).join('');
      expect(own).toMatch(/^[\x20-\x7e\n]*$/);
      expect(text).toMatch(/^FAIL  config /m);
      expect(text.split('\n').at(-1)).toBe('0 ok, 1 warning, 1 failed: exit 2: the config has errors');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
