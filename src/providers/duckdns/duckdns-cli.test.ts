import { FIRST_IP, FIRST_IPV6, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { startFakeDuckdns, type FakeDuckdns } from './fake.js';

const TOKEN = '3f6c1a2b-9d4e-4f70-8a1b-5c2d7e9f0a13';

async function writeConfig(workspace: Workspace, duckdns: FakeDuckdns, options: { token?: string; aaaa?: boolean; tokenFromEnv?: boolean } = {}): Promise<void> {
  await workspace.writeConfig(
    [
      ...providerTable('duck', 'duckdns', [
        options.tokenFromEnv ? 'token_env = "DUCKDNS_TOKEN"' : `token = "${options.token ?? TOKEN}"`,
        `endpoint = "${duckdns.url}"`,
      ]),
      ...recordTable('duck', 'myhome.duckdns.org'),
      // Written the way duckdns.org shows it: just the sub-name.
      ...(options.aaaa ? recordTable('duck', 'myhome', 'AAAA') : []),
    ],
    { ipv6: options.aaaa },
  );
}

/** The real CLI in a child process against the fake DuckDNS API and an IP echo on 127.0.0.1. */
const duckdnsSetup: ProviderSetup<FakeDuckdns> = {
  title: 'fake DuckDNS',
  provider: 'duck',
  record: 'myhome.duckdns.org',
  start: () => startFakeDuckdns({ token: TOKEN, domains: ['myhome'] }),
  close: (duckdns) => duckdns.close(),
  writeConfig: (workspace, duckdns) => writeConfig(workspace, duckdns),
  // Write-only: every request is an update.
  requestCount: (duckdns) => duckdns.updates().length,
  writeCount: (duckdns) => duckdns.updates().length,
  secrets: [TOKEN],
};

describeProviderLifecycle(duckdnsSetup, {
  afterCreate(duckdns) {
    expect(duckdns.domain('myhome')?.ipv4).toBe(FIRST_IP);
  },
  afterUpdate(duckdns) {
    expect(duckdns.updates()).toHaveLength(2);
    expect(duckdns.domain('myhome')?.ipv4).toBe(SECOND_IP);
  },
});

describe('ddns check end to end (fake DuckDNS)', () => {
  const world = useProviderWorld(duckdnsSetup);

  it('updates the AAAA record through the ipv6 parameter', async () => {
    await writeConfig(world.workspace, world.fake, { aaaa: true });
    const result = await world.workspace.check();
    expect(result.exitCode).toBe(0);
    expect(world.fake.domain('myhome')).toEqual({ ipv4: FIRST_IP, ipv6: FIRST_IPV6 });
    expect(world.fake.updates().some((request) => request.query.get('ipv6') === FIRST_IPV6 && !request.query.has('ip'))).toBe(true);
    expect(result.stdout).toMatch(/created\s+myhome\.duckdns\.org AAAA \(duck\)/);
  });

  it('after KO sends nothing until the token is changed', async () => {
    const wrong = '00000000-0000-4000-8000-00000000dead';
    await writeConfig(world.workspace, world.fake, { token: wrong });
    let result = await world.workspace.check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/DuckDNS answered KO for myhome: the token is wrong/);
    world.workspace.ipv4.current = SECOND_IP;
    result = await world.workspace.check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/not sent: DuckDNS answered KO/);
    expect(world.fake.updates()).toHaveLength(1);
    await writeConfig(world.workspace, world.fake);
    result = await world.workspace.check();
    expect(result.exitCode).toBe(0);
    expect(world.fake.updates()).toHaveLength(2);
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it('never prints, logs or stores the token (it travels in the query string)', async () => {
    const { workspace } = world;
    await writeConfig(workspace, world.fake, { tokenFromEnv: true });
    workspace.env.DUCKDNS_TOKEN = TOKEN;
    await workspace.check('-v');
    await workspace.check('-v', '--force', '--json');
    workspace.ipv4.current = SECOND_IP;
    await workspace.check('-v');
    await workspace.run(['status', '--config', workspace.configPath]);
    expect(workspace.results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0]);
    expect(workspace.results[0]?.stderr).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/update\?domains=myhome&token=\*\*\*&ip=81\.2\.69\.160/);
    expect(world.fake.updates().every((request) => request.query.get('token') === TOKEN)).toBe(true);
    await workspace.expectNoSecretAnywhere([TOKEN]);
  });
});
