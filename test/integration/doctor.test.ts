import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { startScenario, FIRST_IP, type Scenario } from '../helpers/scenario.js';
import type { CliResult } from '../helpers/cli.js';

interface JsonReport {
  version: string;
  exitCode: number;
  checks: { id: string; area: string; status: string; detail: string; hint: string | null }[];
}

/** The real CLI's `ddns doctor` against the fake Cloudflare API and IP echo on 127.0.0.1. */
describe('ddns doctor end to end (fake Cloudflare)', () => {
  let scenario: Scenario;
  let extraServers: FakeServer[];
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    scenario = await startScenario();
    extraServers = [];
    // The scheduler's files live in the scenario's directory; on this Linux host cron is read from there.
    env = { DDNS_CRON_DIR: join(scenario.dir, 'cron.d'), DDNS_SYSTEMD_DIR: join(scenario.dir, 'systemd') };
    await mkdir(join(scenario.dir, 'cron.d'));
  });
  afterEach(async () => {
    const writes = [scenario.cloudflare.server, scenario.ipEcho, ...extraServers].flatMap((server) => server.writes());
    await Promise.all(extraServers.map((server) => server.close()));
    await scenario.close();
    // Whatever doctor found, it only ever read: no POST/PUT/PATCH/DELETE reached any fake.
    expect(writes).toEqual([]);
  });

  const doctor = (...args: string[]): Promise<CliResult> => scenario.run(['doctor', '--config', scenario.configPath, ...args], env);
  const doctorJson = async (): Promise<{ result: CliResult; report: JsonReport }> => {
    const result = await doctor('--json');
    return { result, report: JSON.parse(result.stdout) as JsonReport };
  };
  const statusOf = (report: JsonReport, id: string) => report.checks.find((check) => check.id === id)?.status;
  /** The line of the check titled `title` (status, title, detail). */
  const line = (stdout: string, title: string) =>
    stdout.split('\n').find((text) => /^(ok|WARN|FAIL|skip) +/.test(text) && text.replace(/^\S+ +/, '').startsWith(`${title} `)) ?? '';

  it('all ok: exit 0, one line per check, nothing written anywhere', async () => {
    const onLinux = process.platform === 'linux';
    if (onLinux) {
      const setup = await scenario.run(['setup-task', '--platform', 'cron', '--config', scenario.configPath], env);
      expect(setup.exitCode).toBe(0);
    }
    expect((await scenario.check()).exitCode).toBe(0);
    expect(scenario.cloudflare.server.writes()).toHaveLength(1);
    // From here on, the fake records only what doctor sends.
    scenario.cloudflare.server.requests.length = 0;
    const stateBefore = await readFile(scenario.statePath, 'utf8');

    const result = await doctor();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^ok {4}config {2,}.*1 provider, 1 record$/m);
    expect(result.stdout).toMatch(/^ok {4}IPv4 source 127\.0\.0\.1:\d+ +81\.2\.69\.160 in \d+ms$/m);
    expect(line(result.stdout, 'record home.example.com A (cf)')).toMatch(/^ok .*exists with 81\.2\.69\.160, the detected address$/);
    expect(line(result.stdout, 'provider cf (cloudflare)')).toMatch(/credentials accepted/);
    expect(line(result.stdout, 'clock')).toMatch(/^ok /);
    expect(line(result.stdout, 'state file')).toMatch(/^ok .*last run .* exit 0/);
    expect(line(result.stdout, 'lock')).toMatch(/^ok .*free/);
    if (onLinux) {
      expect(line(result.stdout, 'scheduled task ddns (cron)')).toMatch(/^ok /);
      expect(result.stdout.split('\n').at(-1)).toMatch(/^\d+ ok, 0 warnings, 0 failed: all good \(exit 0\)$/);
      expect(result.exitCode).toBe(0);
    }
    // Read-only: zone lookups and the record listing, no write, the state file untouched.
    const methods = scenario.cloudflare.server.requests.map((request) => request.method);
    expect(methods.length).toBeGreaterThanOrEqual(2);
    expect(new Set(methods)).toEqual(new Set(['GET']));
    expect(await readFile(scenario.statePath, 'utf8')).toBe(stateBefore);
  });

  it('a wrong API token: the provider fails with a hint, exit 4, and the token is never printed', async () => {
    const wrongToken = 'wrong-token-7d1c55e0a9b3';
    await scenario.writeConfig({ configToken: wrongToken });
    const result = await doctor();
    expect(result.exitCode).toBe(4);
    expect(line(result.stdout, 'provider cf (cloudflare)')).toMatch(/^FAIL .*credentials rejected: Cloudflare rejected the API token/);
    expect(result.stdout).toMatch(/^ {6}fix: fix the credentials in \[\[provider\]\] "cf" \(line \d+\)/m);
    expect(line(result.stdout, 'record home.example.com A (cf)')).toMatch(/^skip .*not checked/);
    expect(result.stdout.split('\n').at(-1)).toMatch(/1 failed.*: exit 4: a provider check failed$/);
    const json = await doctorJson();
    for (const output of [result.stdout, result.stderr, json.result.stdout, json.result.stderr]) {
      expect(output).not.toContain(wrongToken);
      expect(output).not.toContain(scenario.token);
    }
    expect(json.report.exitCode).toBe(4);
  });

  it('one IP source down and one up: the down one warns with its error, detection still ok', async () => {
    const down = await startFakeServer(() => ({ status: 503, body: 'maintenance' }));
    extraServers.push(down);
    const config = await readFile(scenario.configPath, 'utf8');
    await writeFile(scenario.configPath, config.replace(/^sources = \["(.+)"\]$/m, `sources = ["${down.url}/ip", "$1"]`), { mode: 0o600 });
    const result = await doctor();
    expect(result.exitCode).toBe(0);
    expect(line(result.stdout, `IPv4 source 127.0.0.1:${down.port}`)).toMatch(/^WARN .*HTTP 503 \(after \d+ms\)$/);
    expect(line(result.stdout, `IPv4 source 127.0.0.1:${scenario.ipEcho.port}`)).toMatch(/^ok .*81\.2\.69\.160/);
    expect(line(result.stdout, 'IPv4 detection')).toMatch(/^ok .*1 of 2 sources agree \(1 answered, quorum 1\)/);
    expect(down.requests).toHaveLength(1);

    // Both down: detection fails, exit 3.
    scenario.ipEcho.injectFault({ kind: 'reply', reply: { status: 500, body: 'down' } });
    const failed = await doctor('--json');
    const report = JSON.parse(failed.stdout) as JsonReport;
    expect(failed.exitCode).toBe(3);
    expect(report.checks.find((check) => check.id === 'ip.ipv4')).toMatchObject({ status: 'fail', detail: 'no usable address from any of the 2 sources' });
  });

  it("a provider whose Date header is 10 minutes off: the clock check fails with the time-sync hint (exit 1)", async () => {
    scenario.cloudflare.server.replyHeaders['Date'] = new Date(Date.now() + 10 * 60_000).toUTCString();
    const result = await doctor();
    expect(line(result.stdout, 'clock')).toMatch(/^FAIL .*this machine's clock is 10m behind 127\.0\.0\.1:\d+'s/);
    expect(result.stdout).toMatch(/fix: sync the clock: Windows `w32tm \/resync`.*timedatectl set-ntp true/);
    expect(result.exitCode).toBe(1);
  });

  it('a config with a syntax error: exit 2 with file:line, the scheduled task still checked, nothing sent', async () => {
    await writeFile(scenario.configPath, '[settings]\ntimeout = "2s"\nretries = = 2\n', { mode: 0o600 });
    const result = await doctor();
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^FAIL {2}config +.*config\.toml: 1 problem$/m);
    expect(result.stdout).toContain(`${scenario.configPath}:3:`);
    expect(result.stdout).toMatch(/^WARN {2}scheduled task ddns/m);
    expect(scenario.cloudflare.server.requests).toHaveLength(0);
    expect(scenario.ipEcho.requests).toHaveLength(0);
  });

  it('--json: {version, exitCode, checks: [{id, area, status, detail, hint}]}', async () => {
    const { result, report } = await doctorJson();
    expect(result.exitCode).toBe(report.exitCode);
    expect(report).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), exitCode: expect.any(Number) });
    expect(report.checks.map((check) => check.id)).toEqual([
      'config',
      'config.permissions',
      'ip.ipv4.source.1',
      'ip.ipv4',
      'provider.cf',
      'record.cf/home.example.com/A',
      'clock',
      'task',
      'state',
      'lock',
    ]);
    for (const check of report.checks) {
      expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'area', 'status', 'detail', 'hint']));
      expect(['config', 'ip', 'provider', 'clock', 'task', 'state']).toContain(check.area);
      expect(['ok', 'warn', 'fail', 'skip']).toContain(check.status);
      expect(typeof check.detail).toBe('string');
      expect(check.hint === null || typeof check.hint === 'string').toBe(true);
    }
    expect(statusOf(report, 'record.cf/home.example.com/A')).toBe('ok');
    expect(report.checks.find((check) => check.id === 'record.cf/home.example.com/A')?.detail).toBe('not there yet; the next `ddns check` creates it');
    expect(scenario.cloudflare.records()).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(scenario.token);
    expect(report.checks.map((check) => check.detail).join('\n')).toContain(FIRST_IP);
  });

  it('a stale lock left by a dead run: warn, exit 0, and the lock is left as it was', async () => {
    const lockPath = `${scenario.statePath}.lock`;
    await mkdir(lockPath);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const owner = JSON.stringify({ pid: dead, host: hostname(), started: '2026-11-23T09:00:00.000Z' });
    await writeFile(join(lockPath, 'owner.json'), owner);
    const { result, report } = await doctorJson();
    expect(report.checks.find((check) => check.id === 'lock')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining(`(pid ${dead}, no longer running)`),
      hint: 'nothing to do: the next `ddns check` takes it over',
    });
    expect(result.exitCode).toBe(0);
    expect(await readFile(join(lockPath, 'owner.json'), 'utf8')).toBe(owner);
  });
});
