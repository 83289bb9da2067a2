import { writeFile } from 'node:fs/promises';
import { startScenario, type Scenario } from '../helpers/scenario.js';
import { startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server.js';
import { providerTable, recordTable } from '../helpers/workspace.js';
import type { RunReport } from '../../src/core/check.js';

/**
 * How long detection keeps trying, through the real CLI: only while no source can be reached
 * (the network is not up yet) does it wait up to detect_wait; when sources answer but nothing
 * usable comes back, one more round and exit 3 with each source's reason.
 */
describe('detection rounds end to end', () => {
  let scenario: Scenario;
  const servers: FakeServer[] = [];
  beforeEach(async () => {
    scenario = await startScenario();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await scenario.close();
  });

  async function source(reply: () => FakeReply): Promise<FakeServer> {
    const server = await startFakeServer(reply);
    servers.push(server);
    return server;
  }

  /** A URL where nothing listens. */
  async function refusedUrl(): Promise<string> {
    const closed = await startFakeServer(() => ({ body: '' }));
    await closed.close();
    return closed.url;
  }

  async function writeConfig(sources: string[], settings: string[]): Promise<void> {
    const lines = [
      '[settings]',
      'state_file = "state.json"',
      'log_file = "ddns.log"',
      'retry_delay = "20ms"',
      ...settings,
      '',
      '[ip.ipv4]',
      `sources = [${sources.map((url) => JSON.stringify(url)).join(', ')}]`,
      '',
      ...providerTable('cf', 'cloudflare', [`api_token = "${scenario.token}"`, `endpoint = "${scenario.cloudflare.url}"`]),
      ...recordTable('cf', 'home.example.com'),
    ];
    await writeFile(scenario.configPath, lines.join('\n'));
  }

  it('every source answering a private address: exit 3 after two rounds with the reason per source, not after detect_wait (60 s)', async () => {
    const first = await source(() => ({ body: '10.1.2.3\n' }));
    const second = await source(() => ({ body: 'your ip: 192.168.7.9' }));
    await writeConfig([first.url, second.url], ['detect_wait = "60s"', 'timeout = "5s"']);
    const result = await scenario.check('--json');
    expect(result.exitCode).toBe(3);
    // Counted, not timed: two rounds. Waiting 60 s would have meant about nine.
    expect([first.requests.length, second.requests.length]).toEqual([2, 2]);
    const report = JSON.parse(result.stdout) as RunReport;
    const error = report.detection[0]?.error ?? '';
    expect(error).toMatch(/^no IPv4 source gave a usable address \(sources answered, so the network is up\): /);
    expect(error).toContain(`${first.url.replace('http://', '')}: 10.1.2.3 is a private address`);
    expect(error).toContain(`${second.url.replace('http://', '')}: 192.168.7.9 is a private address`);
    expect(report.detection[0]?.answers.every((answer) => answer.reached === true)).toBe(true);
    expect(scenario.cloudflare.server.requests).toHaveLength(0);
  });

  it('a refused source and one answering 503 (the reproduction): exit 3 after two rounds, each reason named', async () => {
    const unavailable = await source(() => ({ status: 503, body: 'busy' }));
    const refused = await refusedUrl();
    await writeConfig([refused, unavailable.url], ['detect_wait = "60s"', 'timeout = "5s"']);
    const result = await scenario.check();
    expect(result.exitCode).toBe(3);
    expect(unavailable.requests).toHaveLength(2);
    expect(result.stdout).toContain(`${refused.replace('http://', '')}: ECONNREFUSED`);
    expect(result.stdout).toContain(`${unavailable.url.replace('http://', '')}: HTTP 503`);
  });

  it('no source reachable (refused, and one that never answers): keeps trying, and ends within detect_wait + one timeout', async () => {
    const silent = await source(() => ({ body: '81.2.69.160' }));
    silent.injectFault({ kind: 'hang' }, 100);
    const refused = await refusedUrl();
    await writeConfig([refused, silent.url], ['detect_wait = "3s"', 'timeout = "2s"']);
    const started = Date.now();
    const result = await scenario.check();
    const elapsed = Date.now() - started;
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain('no IPv4 source answered within 3s');
    expect(result.stdout).toContain('no answer within');
    expect(silent.requests.length).toBeGreaterThanOrEqual(2);
    // An upper bound is the property here (a deadline): 3 s + 2 s, plus the CLI's own start and
    // a loaded machine's slack. The old rounds could start a full round just before the deadline.
    expect(elapsed).toBeLessThan(5_000 + 2_500);
  }, 20_000);
});
