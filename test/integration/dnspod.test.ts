import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { startFakeDnspod, type FakeDnspod } from '../fakes/dnspod.js';
import type { RunReport } from '../../src/core/check.js';

/** The real CLI in a child process against the fake DNSPod API and an IP echo, all on 127.0.0.1. */

const SECRET_ID = 'AKIDe2eDnspodTest0123456789abcdefgh';
const SECRET_KEY = 'e2eDnspodSecretKey_9f8e7d6c5b4a3210';
const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';

interface World {
  dir: string;
  configPath: string;
  statePath: string;
  logPath: string;
  dnspod: FakeDnspod;
  ipEcho: FakeServer;
  ip: { current: string };
}

interface ConfigOptions {
  secretKeyLine?: string;
  records?: string[];
  settings?: string;
}

const HOME_RECORD = ['[[record]]', 'provider = "tencent"', 'name = "home.example.com.cn"', 'type = "A"'].join('\n');

async function writeConfig(world: World, options: ConfigOptions = {}): Promise<void> {
  const text = [
    '[settings]',
    'state_file = "state.json"',
    'log_file = "ddns.log"',
    'timeout = "2s"',
    'retries = 2',
    'retry_delay = "20ms"',
    'detect_wait = "0s"',
    ...(options.settings ? [options.settings] : []),
    '',
    '[ip.ipv4]',
    `sources = ["${world.ipEcho.url}/v4"]`,
    '',
    '[[provider]]',
    'name = "tencent"',
    'type = "dnspod"',
    `secret_id = "${SECRET_ID}"`,
    options.secretKeyLine ?? `secret_key = "${SECRET_KEY}"`,
    `endpoint = "${world.dnspod.url}"`,
    '',
    ...(options.records ?? [HOME_RECORD]),
    '',
  ].join('\n');
  await writeFile(world.configPath, text, { mode: 0o600 });
}

function check(world: World, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runDdns(['check', '--config', world.configPath, ...args], env);
}

describe('ddns check end to end (fake DNSPod)', () => {
  let world: World;

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddns-dnspod-'));
    const ip = { current: FIRST_IP };
    world = {
      dir,
      configPath: join(dir, 'config.toml'),
      statePath: join(dir, 'state.json'),
      logPath: join(dir, 'ddns.log'),
      dnspod: await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com', 'example.com.cn'] }),
      ipEcho: await startFakeServer(() => ({ body: `${ip.current}\n` })),
      ip,
    };
    await writeConfig(world);
  });

  afterEach(async () => {
    await Promise.all([world.dnspod.close(), world.ipEcho.close()]);
    await rm(world.dir, { recursive: true, force: true });
  });

  const everythingWritten = async (results: CliResult[]) =>
    results.map((result) => result.stdout + result.stderr).join('\n') +
    (await readFile(world.logPath, 'utf8').catch(() => '')) +
    (await readFile(world.statePath, 'utf8').catch(() => ''));

  it('creates, then sends nothing while the IP is unchanged, then updates with exactly one write; never shows the secret', async () => {
    const results: CliResult[] = [];

    let result = await check(world, ['-v']);
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com\.cn A \(tencent\)\s+→ 81\.2\.69\.160/);
    expect(world.dnspod.addressRecords()).toEqual([
      expect.objectContaining({ domain: 'example.com.cn', Name: 'home', Type: 'A', Line: '默认', Value: FIRST_IP }),
    ]);
    expect(world.dnspod.actions()).toEqual(['DescribeDomainList', 'DescribeRecordList', 'CreateRecord']);

    const before = world.dnspod.server.requests.length;
    result = await check(world, ['-v']);
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(world.dnspod.server.requests.length - before).toBe(0);
    expect(result.stdout).toContain('0 provider requests');
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com\.cn/);

    world.ip.current = SECOND_IP;
    const writesBefore = world.dnspod.writeCount();
    result = await check(world, ['-v']);
    results.push(result);
    expect(result.exitCode).toBe(0);
    expect(world.dnspod.writeCount() - writesBefore).toBe(1);
    expect(world.dnspod.actions().at(-1)).toBe('ModifyDynamicDNS');
    expect(world.dnspod.addressRecords()).toEqual([expect.objectContaining({ Name: 'home', Value: SECOND_IP, TTL: 600 })]);
    expect(result.stdout).toMatch(/updated\s+home\.example\.com\.cn A \(tencent\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);

    const state = JSON.parse(await readFile(world.statePath, 'utf8')) as {
      records: Record<string, { ip?: string; recordId?: string }>;
      runs: { exitCode: number }[];
    };
    expect(state.records['tencent/home.example.com.cn/A']).toMatchObject({
      ip: SECOND_IP,
      recordId: String(world.dnspod.addressRecords()[0]?.RecordId),
    });
    expect(state.runs.map((run) => run.exitCode)).toEqual([0, 0, 0]);

    results.push(await runDdns(['status', '--config', world.configPath, '--json']));
    const everything = await everythingWritten(results);
    expect(everything).toMatch(/HTTP POST/);
    for (const form of [SECRET_KEY, encodeURIComponent(SECRET_KEY), Buffer.from(SECRET_KEY).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
    expect(everything).not.toContain(SECRET_ID);
    // Four CLI runs in child processes: give a loaded CI machine time.
  }, 120_000);

  it('reads the secret key from secret_key_env and reports --json', async () => {
    await writeConfig(world, { secretKeyLine: 'secret_key_env = "DDNS_TEST_TENCENT_KEY"' });

    const result = await check(world, ['--json'], { DDNS_TEST_TENCENT_KEY: SECRET_KEY });

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.records).toEqual([expect.objectContaining({ provider: 'tencent', name: 'home.example.com.cn', action: 'created', new: FIRST_IP })]);
    expect(report.providerRequests).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(SECRET_KEY);
  });

  it('reports a wrong secret key as a clear auth error with exit 4, without retrying or leaking it', async () => {
    const wrongKey = 'wrongTencentKey_Zq7xW2pLk9mN3bV5';
    await writeConfig(world, { secretKeyLine: `secret_key = "${wrongKey}"` });

    const result = await check(world, ['-v']);

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com\.cn A \(tencent\)/);
    expect(result.stdout + result.stderr).toMatch(/Tencent Cloud rejected the credentials \(AuthFailure\.SignatureFailure/);
    expect(world.dnspod.server.requests).toHaveLength(1);
    const everything = await everythingWritten([result]);
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(SECRET_KEY);
  });

  it('waits out throttling (retries) and still converges with exit 0', async () => {
    world.dnspod.failNext(2, 'RequestLimitExceeded');

    const result = await check(world);

    expect(result.exitCode).toBe(0);
    expect(world.dnspod.actions()).toEqual(['DescribeDomainList', 'DescribeDomainList', 'DescribeDomainList', 'DescribeRecordList', 'CreateRecord']);
    expect(world.dnspod.addressRecords()).toHaveLength(1);
  });

  it('says how far off the clock is when DNSPod refuses the signature as expired (exit 4, nothing stored as done)', async () => {
    world.dnspod.setClockOffset(-9 * 60_000);

    const result = await check(world);

    expect(result.exitCode).toBe(4);
    expect(result.stdout + result.stderr).toMatch(/the system clock is 9 minutes off \(ahead of Tencent Cloud/);
    expect(world.dnspod.server.requests).toHaveLength(1);
    const state = JSON.parse(await readFile(world.statePath, 'utf8')) as { records: Record<string, { ip?: string; lastError?: { kind: string } }> };
    expect(state.records['tencent/home.example.com.cn/A']).toMatchObject({ lastError: { kind: 'clock-skew' } });
    expect(state.records['tencent/home.example.com.cn/A']?.ip).toBeUndefined();
  });

  it('keeps records on other lines apart and exits 4 only for the record that failed', async () => {
    world.dnspod.addRecord({ domain: 'example.com', name: 'nas', type: 'A', value: '81.2.69.1' });
    await writeConfig(world, {
      records: [
        HOME_RECORD,
        ['[[record]]', 'provider = "tencent"', 'name = "nas.example.com"', 'type = "A"', 'line = "联通"'].join('\n'),
        ['[[record]]', 'provider = "tencent"', 'name = "nas.example.org"', 'type = "A"'].join('\n'),
      ],
    });

    const result = await check(world);

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+nas\.example\.org A \(tencent\)\s+.*no DNSPod domain holds nas\.example\.org/);
    expect(world.dnspod.addressRecords().map(({ domain, Name, Line, Value }) => `${Name}.${domain} ${Line} ${Value}`)).toEqual([
      'nas.example.com 默认 81.2.69.1',
      'home.example.com.cn 默认 81.2.69.160',
      'nas.example.com 联通 81.2.69.160',
    ]);
    expect(world.dnspod.actions().filter((action) => action === 'DescribeDomainList')).toHaveLength(1);
  });
});
