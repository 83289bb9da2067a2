import { writeFile } from 'node:fs/promises';
import { FIRST_IP, FIRST_IPV6, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { startFakeDyndns2, type FakeDyndns2 } from './fake.js';

const PASSWORD = 'noip-Pass_w0rd-x8Rt2';

async function writeConfig(workspace: Workspace, dyndns2: FakeDyndns2, options: { password?: string; aaaa?: boolean; preset?: string } = {}): Promise<void> {
  await workspace.writeConfig(
    [
      ...providerTable('dyn', 'dyndns2', [
        `preset = "${options.preset ?? 'noip'}"`,
        'username = "ann"',
        `password = "${options.password ?? PASSWORD}"`,
        `endpoint = "${dyndns2.url}"`,
      ]),
      ...recordTable('dyn', 'home.example.com'),
      ...(options.aaaa ? recordTable('dyn', 'home.example.com', 'AAAA') : []),
    ],
    { ipv6: options.aaaa },
  );
}

/** The real CLI in a child process against the fake dyndns2 server and an IP echo on 127.0.0.1. */
const dyndns2Setup: ProviderSetup<FakeDyndns2> = {
  title: 'fake dyndns2 server',
  provider: 'dyn',
  record: 'home.example.com',
  start: () => startFakeDyndns2({ accounts: { ann: PASSWORD }, hosts: { 'home.example.com': 'ann' }, style: { ipv6: 'myipv6' } }),
  close: (dyndns2) => dyndns2.close(),
  writeConfig: (workspace, dyndns2) => writeConfig(workspace, dyndns2),
  // Write-only: every request is an update.
  requestCount: (dyndns2) => dyndns2.updates().length,
  writeCount: (dyndns2) => dyndns2.updates().length,
  secrets: [PASSWORD, `ann:${PASSWORD}`],
};

describeProviderLifecycle(dyndns2Setup, {
  unchangedRuns: 3,
  afterCreate(dyndns2) {
    expect(dyndns2.host('home.example.com')?.ipv4).toBe(FIRST_IP);
  },
  afterUnchanged(result) {
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com A \(dyn\)\s+81\.2\.69\.160 \(state: confirmed recently, nothing sent\)/);
  },
  afterUpdate(dyndns2) {
    expect(dyndns2.updates()).toHaveLength(2);
    expect(dyndns2.host('home.example.com')?.ipv4).toBe(SECOND_IP);
  },
});

describe('ddns check end to end (fake dyndns2 server)', () => {
  const world = useProviderWorld(dyndns2Setup);

  it('updates A and AAAA with one request each (Dynu sends the IPv6 as myipv6)', async () => {
    await writeConfig(world.workspace, world.fake, { aaaa: true, preset: 'dynu' });
    const result = await world.workspace.check();
    expect(result.exitCode).toBe(0);
    expect(world.fake.updates()).toHaveLength(2);
    expect(world.fake.updates().map((request) => Object.fromEntries(request.query))).toEqual(
      expect.arrayContaining([
        { hostname: 'home.example.com', myip: FIRST_IP },
        { hostname: 'home.example.com', myipv6: FIRST_IPV6, myip: 'no' },
      ]),
    );
    expect(world.fake.host('home.example.com')).toEqual({ ipv4: FIRST_IP, ipv6: FIRST_IPV6 });
  });

  it('after badauth sends nothing (exit 4) until the password is changed', async () => {
    const { workspace, fake } = world;
    await writeConfig(workspace, fake, { password: 'wrong-password-1' });
    let result = await workspace.check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(dyn\)\s+dyndns2 server 127\.0\.0\.1:\d+ answered badauth: wrong username or password/);
    expect(fake.updates()).toHaveLength(1);

    workspace.ipv4.current = SECOND_IP;
    for (let run = 0; run < 3; run++) {
      result = await workspace.check();
      expect(result.exitCode).toBe(4);
      expect(result.stdout).toMatch(/skipped\s+home\.example\.com A \(dyn\)\s+not sent: dyndns2 server .* answered badauth/);
      expect(result.stdout).toContain('0 provider requests');
    }
    expect(fake.updates()).toHaveLength(1);

    await writeConfig(workspace, fake);
    result = await workspace.check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(dyn\)\s+→ 81\.2\.69\.192/);
    expect(fake.updates()).toHaveLength(2);
  });

  it('after 911 waits out the hold kept in the state, then sends once', async () => {
    const { workspace, fake } = world;
    fake.answer('home.example.com', '911');
    let result = await workspace.check();
    expect(result.exitCode).toBe(4);
    expect(fake.updates()).toHaveLength(1);
    const hold = (await workspace.readState()).records['dyn/home.example.com/A']?.hold;
    expect(hold?.until).toBeDefined();
    expect(Date.parse(hold?.until ?? '') - Date.now()).toBeGreaterThan(29 * 60_000);

    fake.answer('home.example.com', undefined);
    result = await workspace.check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/not sent: .*answered 911/);
    expect(fake.updates()).toHaveLength(1);

    // Thirty minutes pass: the hold's end moves into the past.
    const state = await workspace.readState();
    const record = state.records['dyn/home.example.com/A'];
    if (record?.hold === undefined || record.hold === null) throw new Error('no hold in the state for the record');
    record.hold.until = new Date(Date.now() - 1000).toISOString();
    await writeFile(workspace.statePath, JSON.stringify(state));
    result = await workspace.check();
    expect(result.exitCode).toBe(0);
    expect(fake.updates()).toHaveLength(2);
    expect((await workspace.readState()).records['dyn/home.example.com/A']).toMatchObject({ ip: FIRST_IP, hold: null });
  });

  it('never prints, logs or stores the password', async () => {
    const { workspace } = world;
    await workspace.check('-v');
    await workspace.check('-v', '--json', '--force');
    workspace.ipv4.current = SECOND_IP;
    await workspace.check('-v');
    await writeConfig(workspace, world.fake, { password: `${PASSWORD}-wrong` });
    await workspace.check('-v');
    await workspace.run(['status', '--config', workspace.configPath, '--json']);
    expect(await workspace.readLog()).toMatch(/HTTP GET/);
    expect(world.fake.updates()).toHaveLength(4);
    await workspace.expectNoSecretAnywhere(dyndns2Setup.secrets);
  });
});
