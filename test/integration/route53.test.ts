import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { route53ErrorReply, startFakeRoute53, type FakeRoute53 } from '../fakes/route53.js';
import type { RunReport } from '../../src/core/check.js';

/** The real CLI in a child process against the fake Route 53 API and an IP echo on 127.0.0.1. */

const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'r53-Secret/K7MDENG+bPxRfiCYzEXAMPLEKEY9';
const SECRET_ENV = 'DDNS_TEST_ROUTE53_SECRET';

interface ConfigOptions {
  /** How the secret is written into [[provider]] (default: read from the environment). */
  secretLine?: string;
  /** Extra lines for [[provider]]. */
  provider?: string;
  /** Extra lines for [settings]. */
  settings?: string;
}

describe('ddns check end to end (fake Route 53)', () => {
  let dir: string;
  let route53: FakeRoute53;
  let ipEcho: FakeServer;
  const ipv4 = { current: FIRST_IP };
  let configPath: string;

  beforeEach(async () => {
    ipv4.current = FIRST_IP;
    dir = await mkdtemp(join(tmpdir(), 'ddns-route53-'));
    route53 = await startFakeRoute53({ credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }], zones: [{ name: 'example.com' }] });
    ipEcho = await startFakeServer(() => ({ body: `${ipv4.current}\n` }));
    configPath = join(dir, 'config.toml');
    await writeConfig();
  });

  afterEach(async () => {
    await Promise.all([route53.close(), ipEcho.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(options: ConfigOptions = {}): Promise<void> {
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
      `sources = ["${ipEcho.url}/v4"]`,
      '',
      '[[provider]]',
      'name = "aws"',
      'type = "route53"',
      `access_key_id = "${ACCESS_KEY_ID}"`,
      options.secretLine ?? `secret_access_key_env = "${SECRET_ENV}"`,
      `endpoint = "${route53.url}"`,
      ...(options.provider ? [options.provider] : []),
      '',
      '[[record]]',
      'provider = "aws"',
      'name = "home.example.com"',
      'type = "A"',
      '',
    ].join('\n');
    await writeFile(configPath, text, { mode: 0o600 });
  }

  const check = (...args: string[]): Promise<CliResult> => runDdns(['check', '--config', configPath, ...args], { [SECRET_ENV]: SECRET_ACCESS_KEY });
  const requestCount = () => route53.server.requests.length;
  const writeCount = () => route53.server.writes().length;
  const readText = (name: string) => readFile(join(dir, name), 'utf8');

  it('creates, then sends nothing while the IP is unchanged, then updates with exactly one write', async () => {
    const outputs: CliResult[] = [];
    let result = await check('-v');
    outputs.push(result);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(aws\)\s+→ 81\.2\.69\.160/);
    expect(route53.recordSets()).toEqual([expect.objectContaining({ name: 'home.example.com.', type: 'A', ttl: 300, values: [FIRST_IP] })]);
    expect(writeCount()).toBe(1);

    const before = requestCount();
    result = await check('-v');
    outputs.push(result);
    expect(result.exitCode).toBe(0);
    expect(requestCount() - before).toBe(0);
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com A \(aws\)/);
    expect(result.stdout).toContain('0 provider requests');

    ipv4.current = SECOND_IP;
    const writesBefore = writeCount();
    const requestsBefore = requestCount();
    result = await check('-v');
    outputs.push(result);
    expect(result.exitCode).toBe(0);
    expect(writeCount() - writesBefore).toBe(1);
    // The zones were listed again in this new run (one page), then one read and one UPSERT.
    expect(route53.server.requests.slice(requestsBefore).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /2013-04-01/hostedzonesbyname',
      `GET /2013-04-01/hostedzone/${route53.zoneId('example.com')}/rrset`,
      `POST /2013-04-01/hostedzone/${route53.zoneId('example.com')}/rrset`,
    ]);
    expect(result.stdout).toMatch(/updated\s+home\.example\.com A \(aws\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    expect(route53.recordSets()).toEqual([expect.objectContaining({ ttl: 300, values: [SECOND_IP] })]);
    expect(route53.rejectedRequests()).toBe(0);

    const state = JSON.parse(await readText('state.json')) as { records: Record<string, { ip?: string }>; runs: { exitCode: number }[] };
    expect(state.records['aws/home.example.com/A']?.ip).toBe(SECOND_IP);
    expect(state.runs.map((run) => run.exitCode)).toEqual([0, 0, 0]);

    const log = await readText('ddns.log');
    expect(log).toMatch(/HTTP GET/);
    const everything = outputs.map((output) => output.stdout + output.stderr).join('\n') + log + JSON.stringify(state);
    for (const form of [SECRET_ACCESS_KEY, encodeURIComponent(SECRET_ACCESS_KEY), Buffer.from(SECRET_ACCESS_KEY).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
  });

  it('uses hosted_zone_id without a zone lookup', async () => {
    await writeConfig({ provider: `hosted_zone_id = "/hostedzone/${route53.zoneId('example.com')}"` });
    const result = await check('--json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.records[0]).toMatchObject({ action: 'created', new: FIRST_IP });
    expect(report.providerRequests).toBe(2);
    expect(route53.server.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
  });

  it('retries a Throttling answer and still succeeds (exit 0)', async () => {
    route53.server.injectFault({ kind: 'reply', reply: route53ErrorReply(400, 'Throttling', 'Rate exceeded') });
    const result = await check();
    expect(result.exitCode).toBe(0);
    expect(result.stderr + result.stdout).toMatch(/attempt 1 failed \(Route 53 ListHostedZonesByName: rate limited \(Throttling: Rate exceeded\)\); retrying/);
    expect(route53.recordSets()).toEqual([expect.objectContaining({ values: [FIRST_IP] })]);
  });

  it('reports a wrong secret as an auth error with exit 4, without retrying or leaking it', async () => {
    const wrongSecret = 'r53-WRONG-Secret/K7MDENG+bPxRfiCYzEXAMPLE';
    await writeConfig({ secretLine: `secret_access_key = "${wrongSecret}"` });
    const result = await check('-v');
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(aws\)\s+.*AWS rejected the request signature \(SignatureDoesNotMatch\)/);
    expect(requestCount()).toBe(1);
    const everything = result.stdout + result.stderr + (await readText('ddns.log')) + (await readText('state.json'));
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain(encodeURIComponent(wrongSecret));
  });

  it('reports a clock 12 minutes off as clock skew (exit 4), without retrying', async () => {
    route53.setClockOffset(12 * 60_000);
    const result = await check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toContain("the system clock is 12 minutes off (behind AWS's clock)");
    expect(requestCount()).toBe(1);
    const state = JSON.parse(await readText('state.json')) as { records: Record<string, { ip?: string; lastError?: { kind: string } }> };
    expect(state.records['aws/home.example.com/A']).toMatchObject({ lastError: { kind: 'clock-skew' } });
    expect(state.records['aws/home.example.com/A']?.ip).toBeUndefined();
  });

  it('exits 2 naming the line when secret_access_key is missing, before any request', async () => {
    await writeConfig({ secretLine: '' });
    const result = await check();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:\d+: .*secret_access_key/);
    expect(requestCount()).toBe(0);
    expect(ipEcho.requests).toHaveLength(0);
  });
});
