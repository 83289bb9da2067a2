import { FIRST_IP, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { startFakeHuaweiCloud, type FakeHuaweiCloud } from './fake.js';

/** The real CLI in a child process against the fake Huawei Cloud DNS API and an IP echo, all on 127.0.0.1. */

const ACCESS_KEY = 'HWE2EACCESSKEY0A1B2C';
const SECRET_KEY = 'hwE2eSecretKey_7d6c5b4a39281706f5e4d3c2';
const SECRET_ENV = 'DDNS_TEST_HUAWEI_SK';

interface ConfigOptions {
  /** The line giving the secret key; by default it is read from the environment. */
  secretKeyLine?: string;
}

async function writeConfig(workspace: Workspace, huawei: FakeHuaweiCloud, options: ConfigOptions = {}): Promise<void> {
  await workspace.writeConfig([
    ...providerTable('huawei', 'huaweicloud', [
      `access_key = "${ACCESS_KEY}"`,
      options.secretKeyLine ?? `secret_key_env = "${SECRET_ENV}"`,
      `endpoint = "${huawei.url}"`,
    ]),
    ...recordTable('huawei', 'home.example.com.cn', 'A', ['ttl = 600']),
  ]);
}

const huaweiSetup: ProviderSetup<FakeHuaweiCloud> = {
  title: 'fake Huawei Cloud DNS',
  provider: 'huawei',
  record: 'home.example.com.cn',
  env: { [SECRET_ENV]: SECRET_KEY },
  start: () => startFakeHuaweiCloud({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, zones: ['example.com', 'example.com.cn'] }),
  close: (huawei) => huawei.close(),
  writeConfig: (workspace, huawei) => writeConfig(workspace, huawei),
  requestCount: (huawei) => huawei.server.requests.length,
  writeCount: (huawei) => huawei.server.writes().length,
  secrets: [SECRET_KEY],
};

describeProviderLifecycle(huaweiSetup, {
  args: ['-v'],
  jsonUpdate: true,
  logPattern: /HTTP GET/,
  afterCreate(huawei) {
    expect(huawei.records()).toEqual([
      expect.objectContaining({ zone_name: 'example.com.cn.', name: 'home.example.com.cn.', type: 'A', records: [FIRST_IP], ttl: 600 }),
    ]);
    expect(huawei.server.writes().map((request) => request.method)).toEqual(['POST']);
    expect(huawei.authFailures).toEqual([]);
  },
  afterUpdate(huawei) {
    expect(huawei.server.writes().at(-1)?.method).toBe('PUT');
    expect(huawei.records()[0]?.records).toEqual([SECOND_IP]);
  },
  stateRecord: (huawei) => ({ recordId: huawei.records()[0]?.id }),
});

describe('ddns check end to end (fake Huawei Cloud DNS)', () => {
  const world = useProviderWorld(huaweiSetup);
  const requestCount = () => world.fake.server.requests.length;

  it('reports a wrong secret key as an auth error with exit 4, without retrying or leaking it', async () => {
    const wrongSecret = 'hwWrongSecret_0000111122223333444455';
    await writeConfig(world.workspace, world.fake, { secretKeyLine: `secret_key = "${wrongSecret}"` });

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com\.cn A \(huawei\)\s+Huawei Cloud rejected the credentials/);
    expect(result.stdout).toContain('APIGW.0301');
    expect(requestCount()).toBe(1);
    await world.workspace.expectNoSecretAnywhere([wrongSecret, SECRET_KEY]);
    expect((await world.workspace.readState()).records['huawei/home.example.com.cn/A']?.lastError?.kind).toBe('auth');
  });

  it('retries a throttled request (APIGW.0308) and succeeds', async () => {
    world.fake.server.injectFault(
      { kind: 'reply', reply: { status: 429, body: { error_msg: 'The throttling threshold has been reached', error_code: 'APIGW.0308', request_id: 'r1' } } },
      2,
    );

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(0);
    expect(result.stderr + result.stdout).toMatch(/attempt 1 failed \(Huawei Cloud throttled/);
    expect(world.fake.records()).toEqual([expect.objectContaining({ records: [FIRST_IP] })]);
  });

  it('says plainly when the system clock is off, with exit 4', async () => {
    world.fake.setClockOffset(-40 * 60_000);

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/the system clock is 40 minutes off \(ahead of Huawei Cloud's clock\)/);
    expect(requestCount()).toBe(1);
  });

  it('exits 2 naming the line when the secret key is missing, before any request', async () => {
    await writeConfig(world.workspace, world.fake, { secretKeyLine: '' });

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:\d+: provider\[1\]\.secret_key: missing credential secret_key/);
    expect(requestCount()).toBe(0);
    expect(world.workspace.ipEcho.requests).toHaveLength(0);
  });
});
