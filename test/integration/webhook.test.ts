import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server.js';

const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';
const SECRET_PATH = 'k-7f3e9b21c0d84a56';
const HEADER_SECRET = 'Bearer wh-tok-52c8e1f09a';

/** The real CLI in a child process against a local webhook receiver and an IP echo on 127.0.0.1. */
describe('ddns check end to end (webhook)', () => {
  let dir: string;
  let receiver: FakeServer;
  let echo: FakeServer;
  let ipv4: string;
  let answer: FakeReply;

  const configPath = () => join(dir, 'config.toml');
  const hookUrl = () => `${receiver.url}/hooks/${SECRET_PATH}?host={name}&ip={ip}`;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-webhook-e2e-'));
    answer = { status: 200, body: { ok: true } };
    receiver = await startFakeServer(() => answer);
    ipv4 = FIRST_IP;
    echo = await startFakeServer(() => ({ body: `${ipv4}\n` }));
    await writeConfig();
  });
  afterEach(async () => {
    await Promise.all([receiver.close(), echo.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(): Promise<void> {
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
      '',
      '[[provider]]',
      'name = "hook"',
      'type = "webhook"',
      `url = "${hookUrl()}"`,
      'method = "PUT"',
      `body = '{"record": "{name}", "type": "{type}", "address": "{ip}", "previous": "{old_ip}"}'`,
      '[provider.headers]',
      `Authorization = "${HEADER_SECRET}"`,
      '',
      '[[record]]',
      'provider = "hook"',
      'name = "home.example.com"',
    ];
    await writeFile(configPath(), `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  const check = (...args: string[]): Promise<CliResult> => runDdns(['check', '--config', configPath(), ...args]);

  it('calls the hook once per change, with headers and the rendered body, and not while the IP is unchanged', async () => {
    let result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(hook\)\s+→ 81\.2\.69\.160/);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'PUT', path: `/hooks/${SECRET_PATH}` });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ host: 'home.example.com', ip: FIRST_IP });
    expect(request?.headers.authorization).toBe(HEADER_SECRET);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ record: 'home.example.com', type: 'A', address: FIRST_IP, previous: '' });

    result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('0 provider requests');
    expect(receiver.requests).toHaveLength(1);

    ipv4 = SECOND_IP;
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/updated\s+home\.example\.com A \(hook\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    expect(receiver.requests).toHaveLength(2);
    expect(JSON.parse(receiver.requests[1]?.body ?? '')).toMatchObject({ address: SECOND_IP, previous: FIRST_IP });
  });

  it('retries a 503 and fails on a 404 without retrying (exit 4), naming the status', async () => {
    answer = { status: 503, body: 'busy' };
    let result = await check();
    expect(result.exitCode).toBe(4);
    expect(receiver.requests).toHaveLength(3);
    answer = { status: 404, body: 'no such hook' };
    result = await check();
    expect(result.exitCode).toBe(4);
    expect(receiver.requests).toHaveLength(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(hook\)\s+webhook to 127\.0\.0\.1:\d+: refused the request \(HTTP 404\)/);
    answer = { status: 204 };
    result = await check();
    expect(result.exitCode).toBe(0);
    expect(receiver.requests).toHaveLength(5);
  });

  it('never prints, logs or stores the url or the header values', async () => {
    const results = [await check('-v'), await check('-v', '--force', '--json')];
    ipv4 = SECOND_IP;
    results.push(await check('-v'));
    answer = { status: 500, body: 'down' };
    results.push(await check('-v', '--force'));
    results.push(await runDdns(['status', '--config', configPath(), '--json']));
    const log = await readFile(join(dir, 'ddns.log'), 'utf8');
    const everything = results.map((result) => result.stdout + result.stderr).join('\n') + log + (await readFile(join(dir, 'state.json'), 'utf8'));
    expect(log).toMatch(/HTTP PUT/);
    expect(results[3]?.stdout).toMatch(/webhook to 127\.0\.0\.1:\d+: server error \(HTTP 500\)/);
    for (const secret of [SECRET_PATH, HEADER_SECRET, 'wh-tok-52c8e1f09a']) expect(everything).not.toContain(secret);
  });
});
