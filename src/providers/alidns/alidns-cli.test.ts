import { FIRST_IP, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { THROTTLING_USER, startFakeAlidns, type FakeAlidns } from './fake.js';

const KEY_ID = 'LTAI5tIntegrationKey42';
const SECRET = 'Integration-Alidns-Secret_9f8e7d6c5b4a';
const SECRET_ENV = 'DDNS_TEST_ALIDNS_SECRET';

/** A config with the secret given as `secretLine` (access_key_secret_env by default). */
async function writeConfig(workspace: Workspace, alidns: FakeAlidns, options: { secretLine?: string; record?: string[] } = {}): Promise<void> {
  await workspace.writeConfig([
    ...providerTable('ali', 'alidns', [
      `access_key_id = "${KEY_ID}"`,
      options.secretLine ?? `access_key_secret_env = "${SECRET_ENV}"`,
      `endpoint = "${alidns.url}"`,
    ]),
    ...recordTable('ali', 'home.example.com.cn', 'A', options.record),
  ]);
}

/** The real CLI in a child process against the fake Alidns API and an IP echo on 127.0.0.1. */
const alidnsSetup: ProviderSetup<FakeAlidns> = {
  title: 'fake Alibaba Cloud DNS',
  provider: 'ali',
  record: 'home.example.com.cn',
  env: { [SECRET_ENV]: SECRET },
  start: () => startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com.cn'] }),
  close: (alidns) => alidns.close(),
  writeConfig: (workspace, alidns) => writeConfig(workspace, alidns),
  requestCount: (alidns) => alidns.server.requests.length,
  writeCount: (alidns) => alidns.server.writes().length,
  // The HMAC key is the secret followed by '&'.
  secrets: [SECRET, `${SECRET}&`],
};

describeProviderLifecycle(alidnsSetup, {
  args: ['-v'],
  logPattern: /HTTP GET .*Action=DescribeSubDomainRecords/,
  afterCreate(alidns) {
    expect(alidns.records()).toEqual([expect.objectContaining({ DomainName: 'example.com.cn', RR: 'home', Type: 'A', Value: FIRST_IP, Line: 'default' })]);
    expect(alidns.callsOf('AddDomainRecord')).toHaveLength(1);
    // Every request the CLI sent was accepted by the fake's signature check.
    expect(alidns.calls()).toHaveLength(alidns.server.requests.length);
  },
  afterUpdate(alidns) {
    expect(alidns.callsOf('UpdateDomainRecord')).toHaveLength(1);
    expect(alidns.records()).toEqual([expect.objectContaining({ Value: SECOND_IP, TTL: 600, Line: 'default' })]);
    expect(alidns.calls()).toHaveLength(alidns.server.requests.length);
  },
  stateRecord: (alidns) => ({ recordId: alidns.records()[0]?.RecordId, lastError: null }),
});

describe('ddns check end to end (fake Alibaba Cloud DNS)', () => {
  const world = useProviderWorld(alidnsSetup);
  const requestCount = () => world.fake.server.requests.length;

  it('applies a configured ttl and line', async () => {
    await writeConfig(world.workspace, world.fake, { record: ['ttl = 1200', 'line = "telecom"'] });

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(0);
    expect(world.fake.records()).toEqual([expect.objectContaining({ RR: 'home', TTL: 1200, Line: 'telecom' })]);
  });

  it('reports a wrong secret as an auth error with exit 4, without retrying or leaking it', async () => {
    const wrongSecret = 'Wrong-Alidns-Secret_1a2b3c4d5e6f';
    await writeConfig(world.workspace, world.fake, { secretLine: `access_key_secret = "${wrongSecret}"` });

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/Alibaba Cloud rejected the signature: access_key_secret is wrong \(SignatureDoesNotMatch/);
    expect(requestCount()).toBe(1);
    expect((await world.workspace.readState()).records['ali/home.example.com.cn/A']?.lastError?.kind).toBe('auth');
    await world.workspace.expectNoSecretAnywhere([wrongSecret, `${wrongSecret}&`]);
  });

  it('rides out Throttling.User with retries (secret read from a file) and exits 0', async () => {
    await world.workspace.writeInput('alidns.secret', `${SECRET}\n`);
    await writeConfig(world.workspace, world.fake, { secretLine: 'access_key_secret_file = "alidns.secret"' });
    world.fake.failNext(THROTTLING_USER, 2);

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(0);
    expect(world.fake.records()).toHaveLength(1);
    expect(result.stderr + (await world.workspace.readLog())).toMatch(/attempt 1 failed \(Alibaba Cloud DNS is throttling requests \(Throttling\.User/);
    await world.workspace.expectNoSecretAnywhere(alidnsSetup.secrets);
  });

  it('says how far the system clock is off when Alibaba Cloud refuses the timestamp (exit 4)', async () => {
    world.fake.setClockOffset(25 * 60_000);

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(4);
    expect(result.stdout).toContain('the system clock is 25 minutes off');
    expect(requestCount()).toBe(1);
    expect((await world.workspace.readState()).records['ali/home.example.com.cn/A']?.lastError?.kind).toBe('clock-skew');
  });

  it('refuses an unknown record key with exit 2 before any request', async () => {
    await writeConfig(world.workspace, world.fake, { record: ['lines = "telecom"'] });

    const result = await world.workspace.check();

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:\d+: .*lines/);
    expect(requestCount()).toBe(0);
    expect(world.workspace.ipEcho.requests).toHaveLength(0);
  });
});
