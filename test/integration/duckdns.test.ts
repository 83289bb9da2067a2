import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { startFakeDuckdns, type FakeDuckdns } from '../fakes/duckdns.js';

const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';
const FIRST_IPV6 = '2a02:1388:1000::160';
const TOKEN = '3f6c1a2b-9d4e-4f70-8a1b-5c2d7e9f0a13';

/** The real CLI in a child process against the fake DuckDNS API and an IP echo on 127.0.0.1. */
describe('ddns check end to end (fake DuckDNS)', () => {
  let dir: string;
  let fake: FakeDuckdns;
  let echo: FakeServer;
  let ipv4: string;

  const configPath = () => join(dir, 'config.toml');
  const statePath = () => join(dir, 'state.json');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-duckdns-e2e-'));
    fake = await startFakeDuckdns({ token: TOKEN, domains: ['myhome'] });
    ipv4 = FIRST_IP;
    echo = await startFakeServer((request) => ({ body: `${request.path === '/v6' ? FIRST_IPV6 : ipv4}\n` }));
    await writeConfig();
  });
  afterEach(async () => {
    await Promise.all([fake.close(), echo.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(options: { token?: string; aaaa?: boolean; tokenFromEnv?: boolean } = {}): Promise<void> {
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
      'name = "duck"',
      'type = "duckdns"',
      options.tokenFromEnv ? 'token_env = "DUCKDNS_TOKEN"' : `token = "${options.token ?? TOKEN}"`,
      `endpoint = "${fake.url}"`,
      '',
      '[[record]]',
      'provider = "duck"',
      'name = "myhome.duckdns.org"',
      'type = "A"',
      ...(options.aaaa ? ['', '[[record]]', 'provider = "duck"', 'name = "myhome.duckdns.org"', 'type = "AAAA"'] : []),
    ];
    await writeFile(configPath(), `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  const check = (...args: string[]): Promise<CliResult> => runDdns(['check', '--config', configPath(), ...args]);

  it('creates, sends nothing while the IP is unchanged, then updates with exactly one request', async () => {
    let result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+myhome\.duckdns\.org A \(duck\)\s+→ 81\.2\.69\.160/);
    expect(fake.updates()).toHaveLength(1);
    expect(fake.domain('myhome')?.ipv4).toBe(FIRST_IP);

    result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('0 provider requests');
    expect(fake.updates()).toHaveLength(1);

    ipv4 = SECOND_IP;
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/updated\s+myhome\.duckdns\.org A \(duck\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    expect(fake.updates()).toHaveLength(2);
    expect(fake.domain('myhome')?.ipv4).toBe(SECOND_IP);
  });

  it('updates the AAAA record through the ipv6 parameter', async () => {
    await writeConfig({ aaaa: true });
    const result = await check();
    expect(result.exitCode).toBe(0);
    expect(fake.domain('myhome')).toEqual({ ipv4: FIRST_IP, ipv6: FIRST_IPV6 });
    expect(fake.updates().some((request) => request.query.get('ipv6') === FIRST_IPV6 && !request.query.has('ip'))).toBe(true);
  });

  it('after KO sends nothing until the token is changed', async () => {
    const wrong = '00000000-0000-4000-8000-00000000dead';
    await writeConfig({ token: wrong });
    let result = await check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/DuckDNS answered KO for myhome: the token is wrong/);
    ipv4 = SECOND_IP;
    result = await check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/not sent: DuckDNS answered KO/);
    expect(fake.updates()).toHaveLength(1);
    await writeConfig();
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(fake.updates()).toHaveLength(2);
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it('never prints, logs or stores the token (it travels in the query string)', async () => {
    await writeConfig({ tokenFromEnv: true });
    const env = { DUCKDNS_TOKEN: TOKEN };
    const results = [await runDdns(['check', '--config', configPath(), '-v'], env), await runDdns(['check', '--config', configPath(), '-v', '--force', '--json'], env)];
    ipv4 = SECOND_IP;
    results.push(await runDdns(['check', '--config', configPath(), '-v'], env));
    results.push(await runDdns(['status', '--config', configPath()], env));
    expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0]);
    const log = await readFile(join(dir, 'ddns.log'), 'utf8');
    const everything = results.map((result) => result.stdout + result.stderr).join('\n') + log + (await readFile(statePath(), 'utf8'));
    expect(results[0]?.stderr).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/update\?domains=myhome&token=\*\*\*&ip=81\.2\.69\.160/);
    expect(fake.updates().every((request) => request.query.get('token') === TOKEN)).toBe(true);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(encodeURIComponent(TOKEN));
  });
});
