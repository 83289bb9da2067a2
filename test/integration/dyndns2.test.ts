import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { startFakeDyndns2, type FakeDyndns2 } from '../fakes/dyndns2.js';

const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';
const FIRST_IPV6 = '2a02:1388:1000::160';
const PASSWORD = 'noip-Pass_w0rd-x8Rt2';

interface StateFile {
  records: Record<string, { ip?: string; hold?: { until?: string; reason: string } | null; lastError?: { kind: string } | null }>;
}

/** The real CLI in a child process against the fake dyndns2 server and an IP echo on 127.0.0.1. */
describe('ddns check end to end (fake dyndns2 server)', () => {
  let dir: string;
  let fake: FakeDyndns2;
  let echo: FakeServer;
  let ipv4: string;
  let ipv6: string;

  const configPath = () => join(dir, 'config.toml');
  const statePath = () => join(dir, 'state.json');
  const logPath = () => join(dir, 'ddns.log');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-dyndns2-e2e-'));
    fake = await startFakeDyndns2({ accounts: { ann: PASSWORD }, hosts: { 'home.example.com': 'ann' }, dynu: true });
    ipv4 = FIRST_IP;
    ipv6 = FIRST_IPV6;
    echo = await startFakeServer((request) => ({ body: `${request.path === '/v6' ? ipv6 : ipv4}\n` }));
    await writeConfig();
  });
  afterEach(async () => {
    await Promise.all([fake.close(), echo.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(options: { password?: string; aaaa?: boolean; preset?: string } = {}): Promise<void> {
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
      `sources = ["${echo.url}/v4"]`,
      ...(options.aaaa ? ['', '[ip.ipv6]', `sources = ["${echo.url}/v6"]`] : []),
      '',
      '[[provider]]',
      'name = "dyn"',
      'type = "dyndns2"',
      `preset = "${options.preset ?? 'noip'}"`,
      'username = "ann"',
      `password = "${options.password ?? PASSWORD}"`,
      `endpoint = "${fake.url}"`,
      '',
      '[[record]]',
      'provider = "dyn"',
      'name = "home.example.com"',
      'type = "A"',
      ...(options.aaaa ? ['', '[[record]]', 'provider = "dyn"', 'name = "home.example.com"', 'type = "AAAA"'] : []),
    ];
    await writeFile(configPath(), `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  const check = (...args: string[]): Promise<CliResult> => runDdns(['check', '--config', configPath(), ...args]);
  const readState = async () => JSON.parse(await readFile(statePath(), 'utf8')) as StateFile;

  it('creates, sends nothing while the IP is unchanged, then updates with exactly one request', async () => {
    let result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(dyn\)\s+→ 81\.2\.69\.160/);
    expect(fake.updates()).toHaveLength(1);
    expect(fake.host('home.example.com')?.ipv4).toBe(FIRST_IP);

    for (let run = 0; run < 3; run++) {
      result = await check();
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/unchanged\s+home\.example\.com A \(dyn\)\s+81\.2\.69\.160 \(state: confirmed recently, nothing sent\)/);
      expect(result.stdout).toContain('0 provider requests');
    }
    expect(fake.updates()).toHaveLength(1);

    ipv4 = SECOND_IP;
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/updated\s+home\.example\.com A \(dyn\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    expect(fake.updates()).toHaveLength(2);
    expect(fake.host('home.example.com')?.ipv4).toBe(SECOND_IP);
    expect((await readState()).records['dyn/home.example.com/A']?.ip).toBe(SECOND_IP);
  });

  it('updates A and AAAA with one request each (Dynu sends the IPv6 as myipv6)', async () => {
    await writeConfig({ aaaa: true, preset: 'dynu' });
    const result = await check();
    expect(result.exitCode).toBe(0);
    expect(fake.updates()).toHaveLength(2);
    expect(fake.updates().map((request) => Object.fromEntries(request.query))).toEqual(
      expect.arrayContaining([
        { hostname: 'home.example.com', myip: FIRST_IP },
        { hostname: 'home.example.com', myipv6: FIRST_IPV6, myip: 'no' },
      ]),
    );
    expect(fake.host('home.example.com')).toEqual({ ipv4: FIRST_IP, ipv6: FIRST_IPV6 });
  });

  it('after badauth sends nothing (exit 4) until the password is changed', async () => {
    await writeConfig({ password: 'wrong-password-1' });
    let result = await check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(dyn\)\s+dyndns2 server 127\.0\.0\.1:\d+ answered badauth: wrong username or password/);
    expect(fake.updates()).toHaveLength(1);

    ipv4 = SECOND_IP;
    for (let run = 0; run < 3; run++) {
      result = await check();
      expect(result.exitCode).toBe(4);
      expect(result.stdout).toMatch(/skipped\s+home\.example\.com A \(dyn\)\s+not sent: dyndns2 server .* answered badauth/);
      expect(result.stdout).toContain('0 provider requests');
    }
    expect(fake.updates()).toHaveLength(1);

    await writeConfig();
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(dyn\)\s+→ 81\.2\.69\.192/);
    expect(fake.updates()).toHaveLength(2);
  });

  it('after 911 waits out the hold kept in the state, then sends once', async () => {
    fake.answer('home.example.com', '911');
    let result = await check();
    expect(result.exitCode).toBe(4);
    expect(fake.updates()).toHaveLength(1);
    const hold = (await readState()).records['dyn/home.example.com/A']?.hold;
    expect(hold?.until).toBeDefined();
    expect(Date.parse(hold?.until ?? '') - Date.now()).toBeGreaterThan(29 * 60_000);

    fake.answer('home.example.com', undefined);
    result = await check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/not sent: .*answered 911/);
    expect(fake.updates()).toHaveLength(1);

    // Thirty minutes pass: the hold's end moves into the past.
    const state = JSON.parse(await readFile(statePath(), 'utf8')) as { records: Record<string, { hold: { until: string } }> };
    const record = state.records['dyn/home.example.com/A'];
    if (record === undefined) throw new Error('no state for the record');
    record.hold.until = new Date(Date.now() - 1000).toISOString();
    await writeFile(statePath(), JSON.stringify(state));
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(fake.updates()).toHaveLength(2);
    expect((await readState()).records['dyn/home.example.com/A']).toMatchObject({ ip: FIRST_IP, hold: null });
  });

  it('never prints, logs or stores the password', async () => {
    const results = [await check('-v'), await check('-v', '--json', '--force')];
    ipv4 = SECOND_IP;
    results.push(await check('-v'));
    await writeConfig({ password: `${PASSWORD}-wrong` });
    results.push(await check('-v'));
    results.push(await runDdns(['status', '--config', configPath(), '--json']));
    const log = await readFile(logPath(), 'utf8');
    const everything = results.map((result) => result.stdout + result.stderr).join('\n') + log + (await readFile(statePath(), 'utf8'));
    expect(log).toMatch(/HTTP GET/);
    expect(fake.updates()).toHaveLength(4);
    for (const form of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString('base64'), Buffer.from(`ann:${PASSWORD}`).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
  });
});
