import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { startScenario, FIRST_IP, SECOND_IP, type Scenario } from '../helpers/scenario.js';
import type { RunReport } from '../../src/core/check.js';

/** The real CLI in a child process against the fake Cloudflare API and IP echo on 127.0.0.1. */
describe('ddns check end to end (fake Cloudflare)', () => {
  let scenario: Scenario;

  beforeEach(async () => {
    scenario = await startScenario();
  });
  afterEach(async () => {
    await scenario.close();
  });

  const requestCount = () => scenario.cloudflare.server.requests.length;
  const writeCount = () => scenario.cloudflare.server.writes().length;
  const readState = async () => JSON.parse(await readFile(scenario.statePath, 'utf8')) as {
    records: Record<string, { ip?: string; lastConfirmed?: string; lastError?: { message: string; kind: string } | null; recordId?: string }>;
    runs: { exitCode: number }[];
  };

  it('creates, then sends nothing while the IP is unchanged, then updates once on a change', async () => {
    let result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(cf\)\s+→ 81\.2\.69\.160/);
    expect(scenario.cloudflare.records()).toEqual([expect.objectContaining({ name: 'home.example.com', type: 'A', content: FIRST_IP })]);
    expect(writeCount()).toBe(1);

    const before = requestCount();
    result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(requestCount() - before).toBe(0);
    expect(result.stdout).toContain('0 provider requests');
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com/);

    scenario.ipv4.current = SECOND_IP;
    const writesBefore = writeCount();
    result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(writeCount() - writesBefore).toBe(1);
    expect(scenario.cloudflare.server.writes().at(-1)?.method).toBe('PATCH');
    expect(scenario.cloudflare.records()[0]?.content).toBe(SECOND_IP);
    expect(result.stdout).toMatch(/updated\s+home\.example\.com A \(cf\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);

    const state = await readState();
    expect(state.records['cf/home.example.com/A']?.ip).toBe(SECOND_IP);
    expect(state.runs.map((run) => run.exitCode)).toEqual([0, 0, 0]);
  });

  it('on a change, updates by the record id the state knows: one PATCH and no read; a record deleted by hand is read again and created', async () => {
    expect((await scenario.check()).exitCode).toBe(0);
    const id = (await readState()).records['cf/home.example.com/A']?.recordId;
    expect(id).toEqual(expect.any(String));

    scenario.ipv4.current = SECOND_IP;
    let before = requestCount();
    let result = await scenario.check();
    expect(result.exitCode).toBe(0);
    const sent = scenario.cloudflare.server.requests.slice(before).map((request) => `${request.method} ${request.path}`);
    // The zone listing (the run's one lookup of the zone id), then the PATCH of the known id.
    expect(sent).toEqual([expect.stringMatching(/^GET \/client\/v4\/zones$/), `PATCH ${sent[1]?.split(' ')[1] ?? ''}`]);
    expect(sent[1]).toMatch(new RegExp(`^PATCH /client/v4/zones/[^/]+/dns_records/${id ?? 'none'}$`));
    expect(scenario.cloudflare.records().map((record) => record.content)).toEqual([SECOND_IP]);

    // Deleted by hand: the PATCH answers 81044, so the record is looked up and created again.
    scenario.cloudflare.removeRecord(id ?? '');
    scenario.ipv4.current = FIRST_IP;
    before = requestCount();
    result = await scenario.check();
    expect(result.exitCode).toBe(0);
    const methods = scenario.cloudflare.server.requests.slice(before).map((request) => request.method);
    expect(methods).toEqual(['GET', 'PATCH', 'GET', 'POST']);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(cf\)/);
    expect(scenario.cloudflare.records().map((record) => record.content)).toEqual([FIRST_IP]);
    const recreated = (await readState()).records['cf/home.example.com/A'];
    expect(recreated?.ip).toBe(FIRST_IP);
    expect(recreated?.recordId).not.toBe(id);

    // --force reads first, as a recheck does.
    scenario.ipv4.current = SECOND_IP;
    before = requestCount();
    expect((await scenario.check('--force')).exitCode).toBe(0);
    expect(scenario.cloudflare.server.requests.slice(before).map((request) => request.method)).toEqual(['GET', 'GET', 'PATCH']);
  });

  it('--dry-run reads the provider and prints the plan, but writes nothing (provider or state)', async () => {
    const result = await scenario.check('--dry-run');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/would create\s+home\.example\.com A \(cf\)\s+→ 81\.2\.69\.160/);
    expect(writeCount()).toBe(0);
    expect(requestCount()).toBeGreaterThan(0);
    await expect(readFile(scenario.statePath)).rejects.toThrow(/ENOENT/);

    await scenario.check();
    scenario.ipv4.current = SECOND_IP;
    const writes = writeCount();
    const dry = await scenario.check('--dry-run', '--json');
    const report = JSON.parse(dry.stdout) as RunReport;
    expect(report.records[0]).toMatchObject({ action: 'updated', planned: true, old: FIRST_IP, new: SECOND_IP });
    expect(writeCount()).toBe(writes);
    expect(scenario.cloudflare.records()[0]?.content).toBe(FIRST_IP);
  });

  it('--force re-reads the provider even when the state says the record is current', async () => {
    await scenario.check();
    const before = requestCount();
    const result = await scenario.check('--force');
    expect(result.exitCode).toBe(0);
    expect(requestCount() - before).toBeGreaterThan(0);
    expect(writeCount()).toBe(1);
  });

  it('repairs a record changed behind its back once recheck has passed', async () => {
    await scenario.writeConfig({ settings: 'recheck = "0s"' });
    await scenario.check();
    const [record] = scenario.cloudflare.records();
    scenario.cloudflare.setRecordContent(record!.id, '81.2.69.1');
    const result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(scenario.cloudflare.records()[0]?.content).toBe(FIRST_IP);
  });

  it('prints a JSON run report with --json', async () => {
    const result = await scenario.check('--json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report).toMatchObject({
      exitCode: 0,
      dryRun: false,
      summary: { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
      records: [{ provider: 'cf', name: 'home.example.com', type: 'A', action: 'created', old: null, new: FIRST_IP }],
    });
    expect(report.detection[0]).toMatchObject({ family: 'ipv4', ip: FIRST_IP });
    expect(report.providerRequests).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['a TOML syntax error', (text: string) => text.replace('retries = 2', 'retries = = 2'), /config\.toml:5(:\d+)?: /],
    ['an unknown provider type', (text: string) => text.replace('type = "cloudflare"', 'type = "cloudflair"'), /config\.toml:\d+: .*unknown provider type "cloudflair"/],
    ['a missing credential', (text: string) => text.replace(/api_token = ".*"/, ''), /config\.toml:\d+: .*api_token/],
  ])('%s exits 2 naming the line, before any network request', async (_label, mutate, message) => {
    await writeFile(scenario.configPath, mutate(await readFile(scenario.configPath, 'utf8')));
    const result = await scenario.check();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(requestCount()).toBe(0);
    expect(scenario.ipEcho.requests).toHaveLength(0);
  });

  it('names the line of the missing credential table', async () => {
    const text = (await readFile(scenario.configPath, 'utf8')).replace(/api_token = ".*"/, '');
    await writeFile(scenario.configPath, text);
    const providerLine = text.split('\n').indexOf('[[provider]]') + 1;
    const result = await scenario.check();
    expect(result.stderr).toContain(`config.toml:${providerLine}:`);
  });

  it('exits 4 when the provider fails with 500 on every attempt, keeps the state honest, and converges after', async () => {
    await scenario.check();
    scenario.ipv4.current = SECOND_IP;
    scenario.cloudflare.server.injectFault({ kind: 'reply', reply: { status: 500, body: { success: false, errors: [{ code: 10001, message: 'internal' }], messages: [], result: null } } }, 1000);
    const before = requestCount();
    let result = await scenario.check();
    expect(result.exitCode).toBe(4);
    // retries = 2: the first request is tried three times, then the record fails.
    expect(requestCount() - before).toBe(3);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(cf\)\s+.*HTTP 500|server error/);
    let state = await readState();
    expect(state.records['cf/home.example.com/A']).toMatchObject({ ip: FIRST_IP, lastError: { kind: 'transient' } });

    scenario.cloudflare.server.clearFaults();
    result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(scenario.cloudflare.records()[0]?.content).toBe(SECOND_IP);
    state = await readState();
    expect(state.records['cf/home.example.com/A']).toMatchObject({ ip: SECOND_IP, lastError: null });
  });

  it('reports a wrong token as a clear auth error with exit 4, without retrying or leaking it', async () => {
    const wrongToken = 'wrong-token-Zq7xW2pLk9';
    await scenario.writeConfig({ configToken: wrongToken });
    const result = await scenario.check();
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/Cloudflare rejected the API token/);
    expect(requestCount()).toBe(1);
    const everything = result.stdout + result.stderr + (await readFile(scenario.logPath, 'utf8')) + (await readFile(scenario.statePath, 'utf8'));
    expect(everything).not.toContain(wrongToken);
  });

  it('exits 3 without any provider request when every IP source is down', async () => {
    await scenario.writeConfig({ settings: '' });
    const text = (await readFile(scenario.configPath, 'utf8')).replace(/sources = \[.*\]/, 'sources = ["http://127.0.0.1:1/"]');
    await writeFile(scenario.configPath, text);
    const result = await scenario.check();
    expect(result.exitCode).toBe(3);
    expect(result.stderr + result.stdout).toMatch(/IPv4 detection failed/);
    expect(requestCount()).toBe(0);
  });

  it('rejects a private address from a source (exit 3)', async () => {
    scenario.ipv4.current = '192.168.1.20';
    const result = await scenario.check();
    expect(result.exitCode).toBe(3);
    expect(writeCount()).toBe(0);
  });

  it('lets exactly one of two concurrent runs write', async () => {
    const [a, b] = await Promise.all([scenario.check(), scenario.check()]);
    expect([a.exitCode, b.exitCode].sort()).toEqual(expect.arrayContaining([0]));
    for (const code of [a.exitCode, b.exitCode]) expect([0, 5]).toContain(code);
    expect(writeCount()).toBe(1);
    expect(scenario.cloudflare.records()).toHaveLength(1);
  });

  it('exits 5 while a live process holds the lock, and takes over a lock left by a dead one', async () => {
    const lockPath = `${scenario.statePath}.lock`;
    await mkdir(lockPath);
    const holder = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), started: new Date().toISOString() }));
    let result = await scenario.check();
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toMatch(/another ddns check is running/);
    expect(requestCount()).toBe(0);

    holder.kill('SIGKILL');
    await holder.catch(() => undefined);
    result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(writeCount()).toBe(1);
    expect(await readdir(scenario.dir)).not.toContain('state.json.lock');
  });

  it('moves a garbage state file aside, rebuilds it from the provider and exits 0', async () => {
    await scenario.check();
    await writeFile(scenario.statePath, '{"version": 1, "records": garbage');
    const writes = writeCount();
    const result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/state file was unreadable .* moved it to .*state\.json\.corrupt-/);
    expect(writeCount()).toBe(writes);
    const state = await readState();
    expect(state.records['cf/home.example.com/A']?.ip).toBe(FIRST_IP);
    expect((await readdir(scenario.dir)).some((name) => name.startsWith('state.json.corrupt-'))).toBe(true);
  });

  it('never prints or stores the API token', async () => {
    const results = [await scenario.check('-v'), await scenario.check('--json', '--force', '-v')];
    scenario.ipv4.current = SECOND_IP;
    results.push(await scenario.check('-v'));
    results.push(await scenario.run(['status', '--config', scenario.configPath, '--json']));
    results.push(await scenario.run(['status', '--config', scenario.configPath]));
    await scenario.writeConfig({ settings: 'retries = "three"' });
    results.push(await scenario.check());
    const log = await readFile(scenario.logPath, 'utf8');
    const state = await readFile(scenario.statePath, 'utf8');
    const everything = results.map((result) => result.stdout + result.stderr).join('\n') + log + state;
    expect(log).toMatch(/HTTP GET/);
    for (const form of [scenario.token, encodeURIComponent(scenario.token), Buffer.from(scenario.token).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
  });

  it('shows each record in ddns status, and as JSON', async () => {
    await scenario.check();
    let result = await scenario.run(['status', '--config', scenario.configPath]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/NAME\s+TYPE\s+PROVIDER\s+IP/);
    expect(result.stdout).toMatch(/home\.example\.com\s+A\s+cf\s+81\.2\.69\.160/);
    expect(result.stdout).toMatch(/Last runs:/);
    result = await scenario.run(['status', '--config', scenario.configPath, '--json']);
    const status = JSON.parse(result.stdout) as { records: { name: string; ip: string }[]; runs: unknown[] };
    expect(status.records).toEqual([expect.objectContaining({ name: 'home.example.com', ip: FIRST_IP })]);
    expect(status.runs).toHaveLength(1);
  });

  it('writes one log line per change to the log file', async () => {
    await scenario.check();
    scenario.ipv4.current = SECOND_IP;
    await scenario.check();
    const log = await readFile(scenario.logPath, 'utf8');
    expect(log).toMatch(/INFO {2}created home\.example\.com A \(cf\): \(none\) → 81\.2\.69\.160/);
    expect(log).toMatch(/INFO {2}updated home\.example\.com A \(cf\): 81\.2\.69\.160 → 81\.2\.69\.192/);
  });
});
