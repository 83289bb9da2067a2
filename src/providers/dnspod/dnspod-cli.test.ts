import { readFile } from 'node:fs/promises';
import { FIRST_IP, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { startFakeDnspod, type FakeDnspod } from './fake.js';
import type { RunReport } from '../../core/check.js';

/** The real CLI in a child process against the fake DNSPod API and an IP echo, all on 127.0.0.1. */

const SECRET_ID = 'AKIDe2eDnspodTest0123456789abcdefgh';
const SECRET_KEY = 'e2eDnspodSecretKey_9f8e7d6c5b4a3210';

interface ConfigOptions {
  secretKeyLine?: string;
  records?: string[][];
}

const HOME_RECORD = recordTable('tencent', 'home.example.com.cn');

async function writeConfig(workspace: Workspace, dnspod: FakeDnspod, options: ConfigOptions = {}): Promise<void> {
  await workspace.writeConfig([
    ...providerTable('tencent', 'dnspod', [`secret_id = "${SECRET_ID}"`, options.secretKeyLine ?? `secret_key = "${SECRET_KEY}"`, `endpoint = "${dnspod.url}"`]),
    ...(options.records ?? [HOME_RECORD]).flat(),
  ]);
}

const dnspodSetup: ProviderSetup<FakeDnspod> = {
  title: 'fake DNSPod',
  provider: 'tencent',
  record: 'home.example.com.cn',
  start: () => startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com', 'example.com.cn'] }),
  close: (dnspod) => dnspod.close(),
  writeConfig: (workspace, dnspod) => writeConfig(workspace, dnspod),
  requestCount: (dnspod) => dnspod.server.requests.length,
  // Every API 3.0 call is a POST: count the calls that change records.
  writeCount: (dnspod) => dnspod.writeCount(),
  secrets: [SECRET_KEY, SECRET_ID],
};

describeProviderLifecycle(dnspodSetup, {
  args: ['-v'],
  logPattern: /HTTP POST/,
  afterCreate(dnspod) {
    expect(dnspod.addressRecords()).toEqual([expect.objectContaining({ domain: 'example.com.cn', Name: 'home', Type: 'A', Line: '默认', Value: FIRST_IP })]);
    expect(dnspod.actions()).toEqual(['DescribeDomainList', 'DescribeRecordList', 'CreateRecord']);
  },
  afterUpdate(dnspod) {
    expect(dnspod.actions().at(-1)).toBe('ModifyDynamicDNS');
    expect(dnspod.addressRecords()).toEqual([expect.objectContaining({ Name: 'home', Value: SECOND_IP, TTL: 600 })]);
  },
  stateRecord: (dnspod) => ({ recordId: String(dnspod.addressRecords()[0]?.RecordId) }),
  beforeSecretScan: (workspace) => workspace.run(['status', '--config', workspace.configPath, '--json']),
});

describe('ddns check end to end (fake DNSPod)', () => {
  const world = useProviderWorld(dnspodSetup);

  it('reads the secret key from secret_key_env and reports --json', async () => {
    await writeConfig(world.workspace, world.fake, { secretKeyLine: 'secret_key_env = "DDNS_TEST_TENCENT_KEY"' });

    const result = await world.workspace.run(['check', '--config', world.workspace.configPath, '--json'], { DDNS_TEST_TENCENT_KEY: SECRET_KEY });

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.records).toEqual([expect.objectContaining({ provider: 'tencent', name: 'home.example.com.cn', action: 'created', new: FIRST_IP })]);
    expect(report.providerRequests).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(SECRET_KEY);
  });

  it('reports a wrong secret key as a clear auth error with exit 4, without retrying or leaking it', async () => {
    const wrongKey = 'wrongTencentKey_Zq7xW2pLk9mN3bV5';
    await writeConfig(world.workspace, world.fake, { secretKeyLine: `secret_key = "${wrongKey}"` });

    const result = await world.workspace.check('-v');

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com\.cn A \(tencent\)/);
    expect(result.stdout + result.stderr).toMatch(/Tencent Cloud rejected the credentials \(AuthFailure\.SignatureFailure/);
    expect(world.fake.server.requests).toHaveLength(1);
    await world.workspace.expectNoSecretAnywhere([wrongKey, SECRET_KEY]);
  });

  it('waits out throttling (retries) and still converges with exit 0', async () => {
    world.fake.failNext(2, 'RequestLimitExceeded');

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(0);
    expect(world.fake.actions()).toEqual(['DescribeDomainList', 'DescribeDomainList', 'DescribeDomainList', 'DescribeRecordList', 'CreateRecord']);
    expect(world.fake.addressRecords()).toHaveLength(1);
  });

  it('says how far off the clock is when DNSPod refuses the signature as expired (exit 4, nothing stored as done)', async () => {
    world.fake.setClockOffset(-9 * 60_000);

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout + result.stderr).toMatch(/the system clock is 9 minutes off \(ahead of Tencent Cloud/);
    expect(world.fake.server.requests).toHaveLength(1);
    const state = await world.workspace.readState();
    expect(state.records['tencent/home.example.com.cn/A']).toMatchObject({ lastError: { kind: 'clock-skew' } });
    expect(state.records['tencent/home.example.com.cn/A']?.ip).toBeUndefined();
  });

  it('keeps records on other lines apart and exits 4 only for the record that failed', async () => {
    world.fake.addRecord({ domain: 'example.com', name: 'nas', type: 'A', value: '81.2.69.1' });
    await writeConfig(world.workspace, world.fake, {
      records: [HOME_RECORD, recordTable('tencent', 'nas.example.com', 'A', ['line = "联通"']), recordTable('tencent', 'nas.example.org')],
    });

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+nas\.example\.org A \(tencent\)\s+.*no DNSPod domain holds nas\.example\.org/);
    expect(world.fake.addressRecords().map(({ domain, Name, Line, Value }) => `${Name}.${domain} ${Line} ${Value}`)).toEqual([
      'nas.example.com 默认 81.2.69.1',
      'home.example.com.cn 默认 81.2.69.160',
      'nas.example.com 联通 81.2.69.160',
    ]);
    expect(world.fake.actions().filter((action) => action === 'DescribeDomainList')).toHaveLength(1);
  });
});

// The DNSPod token API: the same provider type, chosen by giving login_token instead of the pair.
const TOKEN_ID = '770077';
const TOKEN = 'e2eTokenApiSecret0123456789abcdef';
const LOGIN_TOKEN = `${TOKEN_ID},${TOKEN}`;

async function writeTokenConfig(workspace: Workspace, dnspod: FakeDnspod, extraLines: string[] = []): Promise<void> {
  await workspace.writeConfig([
    ...providerTable('dp', 'dnspod', ['login_token_env = "DDNS_TEST_DNSPOD_TOKEN"', ...extraLines, `endpoint = "${dnspod.url}"`]),
    ...recordTable('dp', 'home.example.com.cn'),
  ]);
}

const tokenSetup: ProviderSetup<FakeDnspod> = {
  title: 'fake DNSPod token API',
  provider: 'dp',
  record: 'home.example.com.cn',
  env: { DDNS_TEST_DNSPOD_TOKEN: LOGIN_TOKEN },
  start: () => startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, loginToken: LOGIN_TOKEN, domains: ['example.com', 'example.com.cn'] }),
  close: (dnspod) => dnspod.close(),
  writeConfig: (workspace, dnspod) => writeTokenConfig(workspace, dnspod),
  requestCount: (dnspod) => dnspod.server.requests.length,
  writeCount: (dnspod) => dnspod.writeCount(),
  // The whole "ID,TOKEN" and the TOKEN part on its own.
  secrets: [LOGIN_TOKEN, TOKEN],
};

describeProviderLifecycle(tokenSetup, {
  args: ['-v'],
  logPattern: /HTTP POST/,
  afterCreate(dnspod) {
    expect(dnspod.addressRecords()).toEqual([expect.objectContaining({ domain: 'example.com.cn', Name: 'home', Type: 'A', Line: '默认', Value: FIRST_IP })]);
    expect(dnspod.actions()).toEqual(['Domain.List', 'Record.List', 'Record.Create']);
  },
  afterUpdate(dnspod) {
    expect(dnspod.actions().at(-1)).toBe('Record.Modify');
    expect(dnspod.addressRecords()).toEqual([expect.objectContaining({ Name: 'home', Value: SECOND_IP, TTL: 600 })]);
  },
  stateRecord: (dnspod) => ({ recordId: String(dnspod.addressRecords()[0]?.RecordId) }),
  beforeSecretScan: (workspace) => workspace.run(['status', '--config', workspace.configPath, '--json']),
});

describe('ddns check end to end (fake DNSPod token API)', () => {
  const world = useProviderWorld(tokenSetup);

  it('refuses a [[provider]] with both credential kinds with exit 2, naming the file and line, before any request', async () => {
    await writeTokenConfig(world.workspace, world.fake, [`secret_id = "${SECRET_ID}"`, `secret_key = "${SECRET_KEY}"`]);

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(2);
    const configText = await readFile(world.workspace.configPath, 'utf8');
    const tokenLine = configText.split('\n').findIndex((line) => line.startsWith('login_token_env')) + 1;
    expect(result.stderr).toContain(`config.toml:${tokenLine}:`);
    expect(result.stderr).toMatch(/login_token_env.*give either login_token .* or secret_id and secret_key .*, not both/);
    expect(world.fake.server.requests).toHaveLength(0);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('reports a wrong token as a clear auth error with exit 4, without retrying or leaking it', async () => {
    const wrong = `${TOKEN_ID},wrongTokenPart0000000000000000ab`;
    const result = await world.workspace.run(['check', '--config', world.workspace.configPath, '-v'], { DDNS_TEST_DNSPOD_TOKEN: wrong });

    expect(result.exitCode).toBe(4);
    expect(result.stdout + result.stderr).toMatch(/DNSPod rejected the login token \(code -1: Login fail, please check login info\)/);
    expect(world.fake.server.requests).toHaveLength(1);
    await world.workspace.expectNoSecretAnywhere([wrong, 'wrongTokenPart0000000000000000ab', TOKEN]);
  });
});
