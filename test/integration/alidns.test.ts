import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { THROTTLING_USER, startFakeAlidns, type FakeAlidns } from '../fakes/alidns.js';

const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';
const KEY_ID = 'LTAI5tIntegrationKey42';
const SECRET = 'Integration-Alidns-Secret_9f8e7d6c5b4a';
const SECRET_ENV = 'DDNS_TEST_ALIDNS_SECRET';

interface World {
  dir: string;
  configPath: string;
  statePath: string;
  logPath: string;
  alidns: FakeAlidns;
  echo: FakeServer;
  ip: { current: string };
}

/** The real CLI in a child process against the fake Alidns API and an IP echo on 127.0.0.1. */
describe('ddns check end to end (fake Alibaba Cloud DNS)', () => {
  let world: World;

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddns-alidns-'));
    const ip = { current: FIRST_IP };
    world = {
      dir,
      configPath: join(dir, 'config.toml'),
      statePath: join(dir, 'state.json'),
      logPath: join(dir, 'ddns.log'),
      alidns: await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com.cn'] }),
      echo: await startFakeServer(() => ({ body: `${ip.current}\n` })),
      ip,
    };
  });

  afterEach(async () => {
    await Promise.all([world.alidns.close(), world.echo.close()]);
    await rm(world.dir, { recursive: true, force: true });
  });

  /** A config with the secret given as `secretLine` (access_key_secret_env by default). */
  async function writeConfig(options: { secretLine?: string; record?: string[] } = {}): Promise<void> {
    const lines = [
      '[settings]',
      'state_file = "state.json"',
      'log_file = "ddns.log"',
      'timeout = "2s"',
      'retries = 2',
      'retry_delay = "20ms"',
      'detect_wait = "0s"',
      '',
      '[ip.ipv4]',
      `sources = ["${world.echo.url}/v4"]`,
      '',
      '[[provider]]',
      'name = "ali"',
      'type = "alidns"',
      `access_key_id = "${KEY_ID}"`,
      options.secretLine ?? `access_key_secret_env = "${SECRET_ENV}"`,
      `endpoint = "${world.alidns.url}"`,
      '',
      '[[record]]',
      'provider = "ali"',
      'name = "home.example.com.cn"',
      'type = "A"',
      ...(options.record ?? []),
      '',
    ];
    await writeFile(world.configPath, lines.join('\n'), { mode: 0o600 });
  }

  const check = (...args: string[]): Promise<CliResult> => runDdns(['check', '--config', world.configPath, ...args], { [SECRET_ENV]: SECRET });
  const requestCount = () => world.alidns.server.requests.length;
  const writeCount = () => world.alidns.server.writes().length;
  const readState = async () =>
    JSON.parse(await readFile(world.statePath, 'utf8')) as {
      records: Record<string, { ip?: string; recordId?: string; lastError?: { message: string; kind: string } | null }>;
      runs: { exitCode: number }[];
    };
  const everything = async (results: CliResult[]) =>
    results.map((result) => result.stdout + result.stderr).join('\n') +
    (await readFile(world.logPath, 'utf8')) +
    (await readFile(world.statePath, 'utf8'));

  function expectNoSecret(text: string, secret = SECRET): void {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(`${secret}&`).toString('base64')]) {
      expect(text).not.toContain(form);
    }
  }

  it('creates, then sends nothing while the IP is unchanged, then updates with exactly one write', async () => {
    await writeConfig();
    const results: CliResult[] = [];

    let result = await check('-v');
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com\.cn A \(ali\)\s+→ 81\.2\.69\.160/);
    expect(world.alidns.records()).toEqual([
      expect.objectContaining({ DomainName: 'example.com.cn', RR: 'home', Type: 'A', Value: FIRST_IP, Line: 'default' }),
    ]);
    expect(world.alidns.callsOf('AddDomainRecord')).toHaveLength(1);
    expect(writeCount()).toBe(1);
    // Every request the CLI sent was accepted by the fake's signature check.
    expect(world.alidns.calls()).toHaveLength(requestCount());

    const before = requestCount();
    result = await check();
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(requestCount() - before).toBe(0);
    expect(result.stdout).toContain('0 provider requests');
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com\.cn/);

    world.ip.current = SECOND_IP;
    const writesBefore = writeCount();
    result = await check('-v');
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(writeCount() - writesBefore).toBe(1);
    expect(world.alidns.callsOf('UpdateDomainRecord')).toHaveLength(1);
    expect(world.alidns.records()).toEqual([expect.objectContaining({ Value: SECOND_IP, TTL: 600, Line: 'default' })]);
    expect(result.stdout).toMatch(/updated\s+home\.example\.com\.cn A \(ali\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    expect(world.alidns.calls()).toHaveLength(requestCount());

    const state = await readState();
    expect(state.records['ali/home.example.com.cn/A']).toMatchObject({ ip: SECOND_IP, recordId: world.alidns.records()[0]?.RecordId, lastError: null });
    expect(state.runs.map((run) => run.exitCode)).toEqual([0, 0, 0]);
    const all = await everything(results);
    expect(all).toMatch(/HTTP GET .*Action=DescribeSubDomainRecords/);
    expectNoSecret(all);
  });

  it('applies a configured ttl and line', async () => {
    await writeConfig({ record: ['ttl = 1200', 'line = "telecom"'] });

    const result = await check();

    expect(result.exitCode).toBe(0);
    expect(world.alidns.records()).toEqual([expect.objectContaining({ RR: 'home', TTL: 1200, Line: 'telecom' })]);
  });

  it('reports a wrong secret as an auth error with exit 4, without retrying or leaking it', async () => {
    const wrongSecret = 'Wrong-Alidns-Secret_1a2b3c4d5e6f';
    await writeConfig({ secretLine: `access_key_secret = "${wrongSecret}"` });

    const result = await check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/Alibaba Cloud rejected the signature: access_key_secret is wrong \(SignatureDoesNotMatch/);
    expect(requestCount()).toBe(1);
    expect((await readState()).records['ali/home.example.com.cn/A']?.lastError?.kind).toBe('auth');
    expectNoSecret(await everything([result]), wrongSecret);
  });

  it('rides out Throttling.User with retries (secret read from a file) and exits 0', async () => {
    await writeFile(join(world.dir, 'alidns.secret'), `${SECRET}\n`, { mode: 0o600 });
    await writeConfig({ secretLine: 'access_key_secret_file = "alidns.secret"' });
    world.alidns.failNext(THROTTLING_USER, 2);

    const result = await check();

    expect(result.exitCode).toBe(0);
    expect(world.alidns.records()).toHaveLength(1);
    expect(result.stderr + (await readFile(world.logPath, 'utf8'))).toMatch(/attempt 1 failed \(Alibaba Cloud DNS is throttling requests \(Throttling\.User/);
    expectNoSecret(await everything([result]));
  });

  it('says how far the system clock is off when Alibaba Cloud refuses the timestamp (exit 4)', async () => {
    await writeConfig();
    world.alidns.setClockOffset(25 * 60_000);

    const result = await check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toContain('the system clock is 25 minutes off');
    expect(requestCount()).toBe(1);
    expect((await readState()).records['ali/home.example.com.cn/A']?.lastError?.kind).toBe('clock-skew');
  });

  it('refuses an unknown record key with exit 2 before any request', async () => {
    await writeConfig({ record: ['lines = "telecom"'] });

    const result = await check();

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:\d+: .*lines/);
    expect(requestCount()).toBe(0);
    expect(world.echo.requests).toHaveLength(0);
  });
});
