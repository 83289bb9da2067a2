import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { startFakeHuaweiCloud, type FakeHuaweiCloud } from '../fakes/huaweicloud.js';
import type { RunReport } from '../../src/core/check.js';

/** The real CLI in a child process against the fake Huawei Cloud DNS API and an IP echo, all on 127.0.0.1. */

const ACCESS_KEY = 'HWE2EACCESSKEY0A1B2C';
const SECRET_KEY = 'hwE2eSecretKey_7d6c5b4a39281706f5e4d3c2';
const SECRET_ENV = 'DDNS_TEST_HUAWEI_SK';
const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';

interface World {
  dir: string;
  configPath: string;
  statePath: string;
  logPath: string;
  huawei: FakeHuaweiCloud;
  ipEcho: FakeServer;
  ip: { current: string };
}

interface ConfigOptions {
  /** The line giving the secret key; by default it is read from the environment. */
  secretKeyLine?: string;
  recordName?: string;
}

async function writeConfig(world: World, options: ConfigOptions = {}): Promise<void> {
  const text = [
    '[settings]',
    'state_file = "state.json"',
    'log_file = "ddns.log"',
    'timeout = "2s"',
    'retries = 2',
    'retry_delay = "20ms"',
    'detect_wait = "0s"',
    '',
    '[ip.ipv4]',
    `sources = ["${world.ipEcho.url}/v4"]`,
    '',
    '[[provider]]',
    'name = "huawei"',
    'type = "huaweicloud"',
    `access_key = "${ACCESS_KEY}"`,
    options.secretKeyLine ?? `secret_key_env = "${SECRET_ENV}"`,
    `endpoint = "${world.huawei.url}"`,
    '',
    '[[record]]',
    'provider = "huawei"',
    `name = "${options.recordName ?? 'home.example.com.cn'}"`,
    'type = "A"',
    'ttl = 600',
    '',
  ].join('\n');
  await writeFile(world.configPath, text, { mode: 0o600 });
}

function check(world: World, args: string[] = []): Promise<CliResult> {
  return runDdns(['check', '--config', world.configPath, ...args], { [SECRET_ENV]: SECRET_KEY });
}

describe('ddns check end to end (fake Huawei Cloud DNS)', () => {
  let world: World;

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddns-huaweicloud-'));
    const ip = { current: FIRST_IP };
    world = {
      dir,
      configPath: join(dir, 'config.toml'),
      statePath: join(dir, 'state.json'),
      logPath: join(dir, 'ddns.log'),
      huawei: await startFakeHuaweiCloud({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, zones: ['example.com', 'example.com.cn'] }),
      ipEcho: await startFakeServer(() => ({ body: `${ip.current}\n` })),
      ip,
    };
    await writeConfig(world);
  });

  afterEach(async () => {
    await Promise.all([world.huawei.close(), world.ipEcho.close()]);
    await rm(world.dir, { recursive: true, force: true });
  });

  const requestCount = () => world.huawei.server.requests.length;
  const writes = () => world.huawei.server.writes();
  const everythingPrinted = async (results: CliResult[]) =>
    results.map((result) => result.stdout + result.stderr).join('\n') +
    (await readFile(world.logPath, 'utf8')) +
    (await readFile(world.statePath, 'utf8'));

  it('creates, then sends nothing while the IP is unchanged, then updates with exactly one write', async () => {
    const results: CliResult[] = [];
    let result = await check(world, ['-v']);
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com\.cn A \(huawei\)\s+→ 81\.2\.69\.160/);
    expect(world.huawei.records()).toEqual([
      expect.objectContaining({ zone_name: 'example.com.cn.', name: 'home.example.com.cn.', type: 'A', records: [FIRST_IP], ttl: 600 }),
    ]);
    expect(writes().map((request) => request.method)).toEqual(['POST']);
    expect(world.huawei.authFailures).toEqual([]);

    const before = requestCount();
    result = await check(world, ['-v']);
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(requestCount() - before).toBe(0);
    expect(result.stdout).toContain('0 provider requests');
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com\.cn/);

    world.ip.current = SECOND_IP;
    const writesBefore = writes().length;
    result = await check(world, ['-v', '--json']);
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(writes().length - writesBefore).toBe(1);
    expect(writes().at(-1)?.method).toBe('PUT');
    expect(world.huawei.records()[0]?.records).toEqual([SECOND_IP]);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.records).toEqual([expect.objectContaining({ action: 'updated', old: FIRST_IP, new: SECOND_IP })]);

    const state = JSON.parse(await readFile(world.statePath, 'utf8')) as { records: Record<string, { ip?: string; recordId?: string }> };
    expect(state.records['huawei/home.example.com.cn/A']).toMatchObject({ ip: SECOND_IP, recordId: world.huawei.records()[0]?.id });

    const everything = await everythingPrinted(results);
    expect(everything).toMatch(/HTTP GET/);
    for (const form of [SECRET_KEY, encodeURIComponent(SECRET_KEY), Buffer.from(SECRET_KEY).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
  });

  it('reports a wrong secret key as an auth error with exit 4, without retrying or leaking it', async () => {
    const wrongSecret = 'hwWrongSecret_0000111122223333444455';
    await writeConfig(world, { secretKeyLine: `secret_key = "${wrongSecret}"` });

    const result = await check(world);

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com\.cn A \(huawei\)\s+Huawei Cloud rejected the credentials/);
    expect(result.stdout).toContain('APIGW.0301');
    expect(requestCount()).toBe(1);
    const everything = await everythingPrinted([result]);
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain(SECRET_KEY);
    const state = JSON.parse(await readFile(world.statePath, 'utf8')) as { records: Record<string, { lastError?: { kind: string } }> };
    expect(state.records['huawei/home.example.com.cn/A']?.lastError?.kind).toBe('auth');
  });

  it('retries a throttled request (APIGW.0308) and succeeds', async () => {
    world.huawei.server.injectFault(
      { kind: 'reply', reply: { status: 429, body: { error_msg: 'The throttling threshold has been reached', error_code: 'APIGW.0308', request_id: 'r1' } } },
      2,
    );

    const result = await check(world);

    expect(result.exitCode).toBe(0);
    expect(result.stderr + result.stdout).toMatch(/attempt 1 failed \(Huawei Cloud throttled/);
    expect(world.huawei.records()).toEqual([expect.objectContaining({ records: [FIRST_IP] })]);
  });

  it('says plainly when the system clock is off, with exit 4', async () => {
    world.huawei.setClockOffset(-40 * 60_000);

    const result = await check(world);

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/the system clock is 40 minutes off \(ahead of Huawei Cloud's clock\)/);
    expect(requestCount()).toBe(1);
  });

  it('exits 2 naming the line when the secret key is missing, before any request', async () => {
    await writeConfig(world, { secretKeyLine: '' });

    const result = await check(world);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:\d+: provider\[1\]\.secret_key: missing credential secret_key/);
    expect(requestCount()).toBe(0);
    expect(world.ipEcho.requests).toHaveLength(0);
  });
});
