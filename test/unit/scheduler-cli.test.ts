import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { XMLValidator } from 'fast-xml-parser';
import type { Io } from '../../src/cli/io.js';
import { registerTaskCommands } from '../../src/cli/task-commands.js';
import type { RunReport } from '../../src/core/check.js';
import { clearSecrets, registerSecrets } from '../../src/log/redact.js';
import { recordingRunner } from '../helpers/recording-runner.js';
import { formatTaskStatus } from '../../src/scheduler/setup.js';
import type { SchedulerContext, TaskStatus } from '../../src/scheduler/types.js';
import { eventForConfigError, eventForRun, recordEventQuietly, recordRunInEventLog, writeWindowsEvent } from '../../src/scheduler/windows-events.js';
import { NOT_ELEVATED } from '../../src/scheduler/windows.js';

const INVOCATION = { executable: 'C:\\Program Files\\nodejs\\node.exe', script: 'C:\\ddns\\bin\\ddns.js' };

/** The three commands on a bare commander program, in-process, with the scheduler context injected. */
async function cli(args: string[], overrides: Partial<SchedulerContext>, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const io: Io = { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env };
  const program = new Command('ddns').exitOverride().configureOutput({ writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) });
  registerTaskCommands(program, io, (value) => (code = value), {
    invocation: INVOCATION,
    say: io.stdout,
    warn: io.stderr,
    uptimeSeconds: async () => undefined,
    systemdRunning: () => false,
    ...overrides,
  });
  try {
    await program.parseAsync(['node', 'ddns', ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = 2;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('setup-task, remove-task, task-status commands', () => {
  let dir: string;
  let configPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-task-cli-'));
    configPath = join(dir, 'config.toml');
    await writeFile(configPath, '# empty\n');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--print installs nothing and prints the task XML as text on any OS', async () => {
    const { runner, calls } = recordingRunner();
    const result = await cli(['setup-task', '--print', '--platform', 'windows', '--config', configPath, '--interval', '10m'], { runner, hostPlatform: 'linux' });
    expect(result.code).toBe(0);
    expect(calls).toEqual([]);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    expect(result.stdout).toContain('<Interval>PT10M</Interval>');
    expect(result.stdout).toContain(`<Arguments>&quot;C:\\ddns\\bin\\ddns.js&quot; check --config &quot;${configPath}&quot;</Arguments>`);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(result.stderr).toMatch(/UTF-16 LE with a BOM .* schtasks \/Create \/XML <file> \/TN ddns \/F/);
  });

  it('--output writes, on any OS, the very bytes setup-task hands to schtasks on Windows', async () => {
    const file = join(dir, 'task.xml');
    const printing = recordingRunner();
    const written = await cli(['setup-task', '--output', file, '--platform', 'windows', '--config', configPath, '--interval', '10m'], { runner: printing.runner, hostPlatform: 'linux' });
    expect(written).toMatchObject({ code: 0, stdout: `wrote ${file}: the task XML as UTF-16 LE with a BOM, byte for byte what setup-task imports; to import it: schtasks /Create /XML "${file}" /TN ddns /F` });
    expect(printing.calls).toEqual([]);

    let imported: Buffer | undefined;
    const installing = recordingRunner({
      'schtasks /Create': async (call) => {
        imported = await readFile(call.args[2] ?? '');
        return {};
      },
    });
    const installed = await cli(['setup-task', '--config', configPath, '--interval', '10m'], { runner: installing.runner, hostPlatform: 'win32', tempDir: dir });
    expect(installed.code).toBe(0);
    expect(imported).toBeDefined();
    expect((await readFile(file)).equals(imported ?? Buffer.alloc(0))).toBe(true);
    expect([...(await readFile(file)).subarray(0, 2)]).toEqual([0xff, 0xfe]);
  });

  it.each(['systemd', 'cron', 'launchd'])('--output for %s writes what --print shows', async (platform) => {
    const file = join(dir, `task.${platform}`);
    const { runner, calls } = recordingRunner();
    const env = { DDNS_SYSTEMD_DIR: join(dir, 'units'), DDNS_CRON_DIR: join(dir, 'cron.d'), DDNS_LAUNCHD_DIR: join(dir, 'daemons') };
    const printed = await cli(['setup-task', '--print', '--platform', platform, '--config', configPath], { runner, hostPlatform: 'linux' }, env);
    const written = await cli(['setup-task', '--output', file, '--platform', platform, '--config', configPath], { runner, hostPlatform: 'linux' }, env);
    expect(written).toEqual({ code: 0, stdout: `wrote ${file}: what \`setup-task --print --platform ${platform}\` shows`, stderr: printed.stderr });
    expect(await readFile(file, 'utf8')).toBe(printed.stdout);
    expect(calls).toEqual([]);
    expect(await readdir(dir)).toEqual(['config.toml', `task.${platform}`]);
  });

  it('--output replaces an existing file whole, says so when it cannot write, and is not for use with --print', async () => {
    const file = join(dir, 'task.xml');
    await writeFile(file, 'an older task file, longer than nothing at all');
    const { runner } = recordingRunner();
    const written = await cli(['setup-task', '--output', file, '--platform', 'cron', '--config', configPath], { runner, hostPlatform: 'linux' });
    expect(written.code).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/^# ddns/);
    expect(await readdir(dir)).toEqual(['config.toml', 'task.xml']);

    const nowhere = join(dir, 'missing', 'task.xml');
    const failed = await cli(['setup-task', '--output', nowhere, '--platform', 'windows', '--config', configPath], { runner, hostPlatform: 'linux' });
    expect(failed).toEqual({ code: 2, stdout: '', stderr: `ddns: cannot write ${nowhere}: its directory does not exist` });
    expect(await readdir(dir)).toEqual(['config.toml', 'task.xml']);

    const both = await cli(['setup-task', '--print', '--output', file, '--config', configPath], { runner, hostPlatform: 'linux' });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--output <file>' cannot be used with option '--print'/);
  });

  it('ends a non-elevated setup with exit 2 and one line, no stack trace', async () => {
    const { runner, calls } = recordingRunner({ fltmc: { exitCode: 1 } });
    const result = await cli(['setup-task', '--config', configPath], { runner, hostPlatform: 'win32' });
    expect(result).toEqual({ code: 2, stdout: '', stderr: `ddns: ${NOT_ELEVATED}` });
    expect(calls).toEqual([{ file: 'fltmc', args: [] }]);
  });

  it('refuses intervals, names and platforms it cannot install, with exit 2', async () => {
    const { runner } = recordingRunner();
    const cron = await cli(['setup-task', '--print', '--platform', 'cron', '--interval', '7m', '--config', configPath], { runner, hostPlatform: 'linux' });
    expect(cron.code).toBe(2);
    expect(cron.stderr).toMatch(/^ddns: cron cannot run every 7m at even spacing/);
    const name = await cli(['remove-task', '--name', 'my task'], { runner, hostPlatform: 'win32' });
    expect(name).toMatchObject({ code: 2, stderr: 'ddns: --name "my task" must be 1-64 letters, digits, "_" or "-", starting with a letter or digit' });
    const platform = await cli(['task-status', '--platform', 'upstart'], { runner, hostPlatform: 'linux' });
    expect(platform.code).toBe(2);
    expect(platform.stderr).toMatch(/option '--platform <platform>' argument 'upstart' is invalid\. Allowed choices are windows, systemd, cron, launchd/);
  });

  it('warns about a config with problems but installs the task anyway', async () => {
    await writeFile(configPath, '[settings]\nbogus_key = 1\n');
    await mkdir(join(dir, 'cron.d'));
    const { runner } = recordingRunner();
    const result = await cli(['setup-task', '--platform', 'cron', '--config', configPath], { runner, hostPlatform: 'linux' }, { DDNS_CRON_DIR: join(dir, 'cron.d') });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^warning: .*config\\.toml has (a problem|\\d+ problems) \\(see \`ddns config validate\`\\); each scheduled run will exit 2 until it is fixed$`));
    expect(await readFile(join(dir, 'cron.d', 'ddns'), 'utf8')).toContain('*/5 * * * * root');
  });

  it('task-status prints JSON, and exits 2 when the task is not installed', async () => {
    const missing = recordingRunner({ schtasks: { exitCode: 1, stderr: 'ERROR: The system cannot find the file specified.' } });
    const json = await cli(['task-status', '--json'], { runner: missing.runner, hostPlatform: 'win32' });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      platform: 'windows',
      name: 'ddns',
      installed: false,
      differences: [],
      notes: [
        'schtasks could not read "ddns": ERROR: The system cannot find the file specified.',
        'it may not exist (`ddns setup-task` creates it), or reading a SYSTEM task may need an elevated prompt',
      ],
    });
    const text = await cli(['task-status', '--name', 'home'], { runner: missing.runner, hostPlatform: 'win32' });
    expect(text.stdout.split('\n').slice(0, 2)).toEqual(['task       home (windows)', 'installed  no']);
  });

  it('remove-task runs the platform removal', async () => {
    const { runner, calls } = recordingRunner();
    const result = await cli(['remove-task', '--name', 'ddns-2'], { runner, hostPlatform: 'win32' });
    expect(result).toEqual({ code: 0, stdout: 'deleted scheduled task "ddns-2"', stderr: '' });
    expect(calls[1]).toEqual({ file: 'schtasks', args: ['/Delete', '/TN', 'ddns-2', '/F'] });
  });
});

describe('formatTaskStatus', () => {
  it('prints one fact per line, then the differences and notes', () => {
    const status: TaskStatus = {
      platform: 'systemd',
      name: 'ddns',
      installed: true,
      state: 'timer active (enabled)',
      lastRun: 'Mon 2026-11-23 09:58:00 UTC',
      lastResult: { code: 4, text: 'exit 4: at least one record update failed' },
      nextRun: '2026-11-23 10:02:00 UTC',
      matchesSetup: false,
      differences: ['ddns.timer line 7: installed "OnBootSec=5min", setup writes "OnBootSec=1min"'],
      notes: ['history: journalctl -u ddns.service'],
    };
    expect(formatTaskStatus(status)).toBe(
      [
        'task         ddns (systemd)',
        'installed    yes',
        'state        timer active (enabled)',
        'last run     Mon 2026-11-23 09:58:00 UTC',
        'last result  exit 4: at least one record update failed',
        'next run     2026-11-23 10:02:00 UTC',
        'as setup     no: run `ddns setup-task` again to rewrite it',
        '  - ddns.timer line 7: installed "OnBootSec=5min", setup writes "OnBootSec=1min"',
        'history: journalctl -u ddns.service',
      ].join('\n'),
    );
  });
});

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    version: '0.1.0',
    started: '2026-11-23T10:00:00.000Z',
    durationMs: 1200,
    exitCode: 0,
    dryRun: false,
    force: false,
    warnings: [],
    detection: [{ family: 'ipv4', ip: '81.2.69.160', source: 'https://api.ipify.org', answers: [], elapsedMs: 40 }],
    records: [],
    summary: { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    providerRequests: 0,
    ...overrides,
  };
}

describe('Windows Application events', () => {
  afterEach(() => clearSecrets());

  it('writes one event through eventcreate with the exact arguments', async () => {
    const { runner, calls } = recordingRunner();
    await writeWindowsEvent(runner, { type: 'WARNING', id: 105, message: 'line one\r\n  line "two" & Jörg' });
    expect(calls).toEqual([
      { file: 'eventcreate', args: ['/L', 'APPLICATION', '/SO', 'ddns', '/T', 'WARNING', '/ID', '105', '/D', 'line one line "two" & Jörg'] },
    ]);
    await expect(writeWindowsEvent(runner, { type: 'ERROR', id: 1001, message: 'x' })).rejects.toThrow(/outside eventcreate's 1-1000/);
    const failing = recordingRunner({ eventcreate: { exitCode: 1, stderr: 'ERROR: Access is denied.' } });
    await expect(writeWindowsEvent(failing.runner, { type: 'ERROR', id: 104, message: 'x' })).rejects.toThrow(
      'could not write a Windows event: `eventcreate /L APPLICATION` failed (exit 1): ERROR: Access is denied.',
    );
  });

  it('has an event for a change and for a failure, none for a quiet or dry run', () => {
    expect(eventForRun(report({ records: [{ provider: 'cf', name: 'home.example.com', type: 'A', action: 'unchanged', old: '81.2.69.160', new: '81.2.69.160' }] }))).toBeUndefined();
    const updated = { provider: 'cf', name: 'home.example.com', type: 'A' as const, action: 'updated' as const, old: '81.2.69.1', new: '81.2.69.160' };
    expect(eventForRun(report({ dryRun: true, records: [updated] }))).toBeUndefined();
    expect(eventForRun(report({ records: [updated] }))).toEqual({
      type: 'INFORMATION',
      id: 100,
      message: 'ddns check: updated home.example.com A (cf): 81.2.69.1 -> 81.2.69.160',
    });
    expect(
      eventForRun(
        report({
          exitCode: 4,
          records: [updated, { provider: 'cf', name: 'vpn.example.com', type: 'AAAA', action: 'failed', old: null, new: null, error: 'Cloudflare rejected the API token' }],
        }),
      ),
    ).toEqual({
      type: 'ERROR',
      id: 104,
      message:
        'ddns check exit 4 (at least one record update failed): updated home.example.com A (cf): 81.2.69.1 -> 81.2.69.160; failed vpn.example.com AAAA (cf): Cloudflare rejected the API token',
    });
    expect(eventForRun(report({ exitCode: 3, detection: [{ family: 'ipv4', answers: [], error: 'no source answered', elapsedMs: 60000 }] }))).toEqual({
      type: 'ERROR',
      id: 103,
      message: 'ddns check exit 3 (public IP detection failed): IPv4 detection failed: no source answered',
    });
    expect(eventForRun(report({ exitCode: 5 }))).toMatchObject({ type: 'WARNING', id: 105 });
    expect(eventForRun(report({ exitCode: 2, error: 'state file is not writable' }))).toMatchObject({ type: 'ERROR', id: 102, message: expect.stringContaining('state file is not writable') });
  });

  it('has an event for a run stopped by its config, naming the file and the first problems', async () => {
    registerSecrets(['tok-0123456789-secret']);
    const problems = ['config.toml:3: unknown key "tokn"', 'config.toml:7: api_token tok-0123456789-secret is too short', 'config.toml:9: a', 'config.toml:11: b'];
    const event = eventForConfigError('C:\\ProgramData\\ddns\\config.toml', problems);
    expect(event).toEqual({
      type: 'ERROR',
      id: 102,
      message:
        'ddns check exit 2 (usage or configuration error; nothing was sent): C:\\ProgramData\\ddns\\config.toml: config.toml:3: unknown key "tokn"; config.toml:7: api_token *** is too short; config.toml:9: a (and 1 more; run ddns config validate)',
    });
    const ok = recordingRunner();
    await recordEventQuietly(event, { runner: ok.runner });
    expect(ok.calls[0]?.args.slice(4, 8)).toEqual(['/T', 'ERROR', '/ID', '102']);
  });

  it('never puts a secret into an event', () => {
    registerSecrets(['tok-0123456789-secret']);
    const event = eventForRun(report({ exitCode: 4, records: [{ provider: 'cf', name: 'a.example.com', type: 'A', action: 'failed', old: null, new: null, error: 'bad token tok-0123456789-secret' }] }));
    expect(event?.message).toContain('bad token ***');
    expect(event?.message).not.toContain('tok-0123456789-secret');
  });

  it('records a run without ever throwing; a failure reaches onError only', async () => {
    const ok = recordingRunner();
    const changed = report({ records: [{ provider: 'cf', name: 'a.example.com', type: 'A', action: 'created', old: null, new: '81.2.69.160' }] });
    await recordRunInEventLog(changed, { runner: ok.runner });
    expect(ok.calls[0]?.args.slice(0, 8)).toEqual(['/L', 'APPLICATION', '/SO', 'ddns', '/T', 'INFORMATION', '/ID', '100']);
    await recordRunInEventLog(report(), { runner: ok.runner });
    expect(ok.calls).toHaveLength(1);
    const errors: string[] = [];
    const broken = recordingRunner({ eventcreate: { exitCode: null, notFound: true } });
    await expect(recordRunInEventLog(changed, { runner: broken.runner, onError: (message) => errors.push(message) })).resolves.toBeUndefined();
    expect(errors).toEqual(['could not write a Windows event: `eventcreate` was not found on this machine']);
    await expect(recordRunInEventLog(changed, { runner: broken.runner })).resolves.toBeUndefined();
  });
});
