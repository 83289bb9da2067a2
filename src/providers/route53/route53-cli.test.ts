import { FIRST_IP, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { route53ErrorReply, startFakeRoute53, type FakeRoute53 } from './fake.js';
import type { RunReport } from '../../core/check.js';

/** The real CLI in a child process against the fake Route 53 API and an IP echo on 127.0.0.1. */

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'r53-Secret/K7MDENG+bPxRfiCYzEXAMPLEKEY9';
const SECRET_ENV = 'DDNS_TEST_ROUTE53_SECRET';

interface ConfigOptions {
  /** How the secret is written into [[provider]] (default: read from the environment). */
  secretLine?: string;
  /** Extra lines for [[provider]]. */
  provider?: string;
}

async function writeConfig(workspace: Workspace, route53: FakeRoute53, options: ConfigOptions = {}): Promise<void> {
  await workspace.writeConfig([
    ...providerTable('aws', 'route53', [
      `access_key_id = "${ACCESS_KEY_ID}"`,
      options.secretLine ?? `secret_access_key_env = "${SECRET_ENV}"`,
      `endpoint = "${route53.url}"`,
      ...(options.provider ? [options.provider] : []),
    ]),
    ...recordTable('aws', 'home.example.com'),
  ]);
}

const route53Setup: ProviderSetup<FakeRoute53> = {
  title: 'fake Route 53',
  provider: 'aws',
  record: 'home.example.com',
  env: { [SECRET_ENV]: SECRET_ACCESS_KEY },
  start: () => startFakeRoute53({ credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }], zones: [{ name: 'example.com' }] }),
  close: (route53) => route53.close(),
  writeConfig: (workspace, route53) => writeConfig(workspace, route53),
  requestCount: (route53) => route53.server.requests.length,
  writeCount: (route53) => route53.server.writes().length,
  secrets: [SECRET_ACCESS_KEY],
};

describeProviderLifecycle(route53Setup, {
  args: ['-v'],
  logPattern: /HTTP GET/,
  afterCreate(route53) {
    expect(route53.recordSets()).toEqual([expect.objectContaining({ name: 'home.example.com.', type: 'A', ttl: 300, values: [FIRST_IP] })]);
  },
  afterUpdate(route53, requestsBefore) {
    // The zones were listed again in this new run (one page), then one read and one UPSERT.
    expect(route53.server.requests.slice(requestsBefore).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /2013-04-01/hostedzonesbyname',
      `GET /2013-04-01/hostedzone/${route53.zoneId('example.com')}/rrset`,
      `POST /2013-04-01/hostedzone/${route53.zoneId('example.com')}/rrset`,
    ]);
    expect(route53.recordSets()).toEqual([expect.objectContaining({ ttl: 300, values: [SECOND_IP] })]);
    expect(route53.rejectedRequests()).toBe(0);
  },
});

describe('ddns check end to end (fake Route 53)', () => {
  const world = useProviderWorld(route53Setup);
  const requestCount = () => world.fake.server.requests.length;

  it('uses hosted_zone_id without a zone lookup', async () => {
    await writeConfig(world.workspace, world.fake, { provider: `hosted_zone_id = "/hostedzone/${world.fake.zoneId('example.com')}"` });
    const result = await world.workspace.check('--json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.records[0]).toMatchObject({ action: 'created', new: FIRST_IP });
    expect(report.providerRequests).toBe(2);
    expect(world.fake.server.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
  });

  it('retries a Throttling answer and still succeeds (exit 0)', async () => {
    world.fake.server.injectFault({ kind: 'reply', reply: route53ErrorReply(400, 'Throttling', 'Rate exceeded') });
    const result = await world.workspace.check();
    expect(result.exitCode).toBe(0);
    expect(result.stderr + result.stdout).toMatch(/attempt 1 failed \(Route 53 ListHostedZonesByName: rate limited \(Throttling: Rate exceeded\)\); retrying/);
    expect(world.fake.recordSets()).toEqual([expect.objectContaining({ values: [FIRST_IP] })]);
  });

  it('reports a wrong secret as an auth error with exit 4, without retrying or leaking it', async () => {
    const wrongSecret = 'r53-WRONG-Secret/K7MDENG+bPxRfiCYzEXAMPLE';
    await writeConfig(world.workspace, world.fake, { secretLine: `secret_access_key = "${wrongSecret}"` });
    const result = await world.workspace.check('-v');
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(aws\)\s+.*AWS rejected the request signature \(SignatureDoesNotMatch\)/);
    expect(requestCount()).toBe(1);
    await world.workspace.expectNoSecretAnywhere([wrongSecret]);
  });

  it('reports a clock 12 minutes off as clock skew (exit 4), without retrying', async () => {
    world.fake.setClockOffset(12 * 60_000);
    const result = await world.workspace.check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toContain("the system clock is 12 minutes off (behind AWS's clock)");
    expect(requestCount()).toBe(1);
    const state = await world.workspace.readState();
    expect(state.records['aws/home.example.com/A']).toMatchObject({ lastError: { kind: 'clock-skew' } });
    expect(state.records['aws/home.example.com/A']?.ip).toBeUndefined();
  });

  it('exits 2 naming the line when secret_access_key is missing, before any request', async () => {
    await writeConfig(world.workspace, world.fake, { secretLine: '' });
    const result = await world.workspace.check();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:\d+: .*secret_access_key/);
    expect(requestCount()).toBe(0);
    expect(world.workspace.ipEcho.requests).toHaveLength(0);
  });
});
