import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DDNS_BIN, runDdns } from '../helpers/cli.js';
import { recordingRunner } from '../helpers/recording-runner.js';
import { setupTask } from '../../src/scheduler/setup.js';
import type { SchedulerContext } from '../../src/scheduler/types.js';

const onWindows = process.platform === 'win32';

/**
 * Stand-ins for systemctl & co. on PATH: each records its argument list as one JSON line and
 * answers from FAKE_<NAME>_STDOUT_FILE / _STDERR / _EXIT. The real CLI runs them as it would the real ones.
 */
async function installFakeTools(dir: string, names: string[]): Promise<{ bin: string; calls: () => Promise<{ file: string; args: string[] }[]> }> {
  const bin = join(dir, 'fake-bin');
  await mkdir(bin);
  const recorder = join(bin, 'record.mjs');
  const log = join(dir, 'calls.jsonl');
  await writeFile(
    recorder,
    [
      "import { appendFileSync, existsSync, readFileSync } from 'node:fs';",
      'const [name, ...args] = process.argv.slice(2);',
      "appendFileSync(process.env.FAKE_CALLS, JSON.stringify({ file: name, args }) + '\\n');",
      "const key = 'FAKE_' + name.toUpperCase() + '_';",
      "const out = process.env[key + 'STDOUT_FILE'];",
      "if (out && existsSync(out)) process.stdout.write(readFileSync(out, 'utf8'));",
      "if (process.env[key + 'STDERR']) process.stderr.write(process.env[key + 'STDERR']);",
      "process.exit(Number(process.env[key + 'EXIT'] ?? 0));",
    ].join('\n'),
  );
  for (const name of names) {
    await writeFile(join(bin, name), `#!/bin/sh\nexec '${process.execPath}' '${recorder}' ${name} "$@"\n`);
    await chmod(join(bin, name), 0o755);
  }
  return {
    bin,
    calls: async () =>
      existsSync(log)
        ? (await readFile(log, 'utf8'))
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { file: string; args: string[] })
        : [],
  };
}

function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version']).error === undefined;
}

/** `xmllint --noout`, which reads the bytes as the declaration (or BOM) says, on a file or stdin ("-"). */
function xmllintVerdict(args: string[], input?: Buffer): { status: number | null; stderr: string } {
  const result = spawnSync('xmllint', ['--noout', ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { status: result.status, stderr: result.stderr };
}

describe('ddns setup-task / remove-task / task-status (built CLI)', () => {
  let dir: string;
  let configPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-setup-task-'));
    const configDir = join(dir, 'My Config Jörg');
    await mkdir(configDir);
    configPath = join(configDir, 'config.toml');
    // A valid config (setup warns about one with problems); nothing here talks to Cloudflare.
    await writeFile(configPath, '[[provider]]\nname = "cf"\ntype = "cloudflare"\napi_token = "setup-task-test-token"\n\n[[record]]\nprovider = "cf"\nname = "home.example.com"\n');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--print --platform windows prints the task XML for this node and this ddns, on any OS', async () => {
    const result = await runDdns(['setup-task', '--print', '--platform', 'windows', '--config', configPath, '--name', 'ddns-print']);
    expect(result.exitCode).toBe(0);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false, ignoreDeclaration: true }).parse(result.stdout) as {
      Task: { Actions: { Exec: { Command: string; Arguments: string } }; Triggers: { TimeTrigger: { Repetition: { Interval: string } } } };
    };
    expect(parsed.Task.Actions.Exec.Command).toBe(`"${process.execPath}"`);
    expect(parsed.Task.Actions.Exec.Arguments).toBe(`"${DDNS_BIN}" check --config "${configPath}"`);
    expect(parsed.Task.Triggers.TimeTrigger.Repetition.Interval).toBe('PT5M');
    expect(result.stderr).toContain('/TN ddns-print /F');
  });

  it('--print is valid XML as printed (UTF-8) and --output writes the UTF-16 LE file setup-task imports; xmllint accepts both', async () => {
    const printed = await runDdns(['setup-task', '--print', '--platform', 'windows', '--config', configPath, '--name', 'ddns-out']);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const file = join(dir, 'task.xml');
    const written = await runDdns(['setup-task', '--output', file, '--platform', 'windows', '--config', configPath, '--name', 'ddns-out']);
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toContain(`wrote ${file}: the task XML as UTF-16 LE with a BOM`);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString('utf16le');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n')).toBe(true);
    // The same document as printed (whose last newline the child-process runner strips), in UTF-16 and CRLF.
    expect(text).toBe(`${printed.stdout.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(/\n/g, '\r\n')}\r\n`);

    // Byte for byte what setup-task hands to schtasks, for the node and ddns that wrote the file.
    let imported: Buffer | undefined;
    const { runner } = recordingRunner({
      'schtasks /Create': async (call) => {
        imported = await readFile(call.args[2] ?? '');
        return {};
      },
    });
    const context: SchedulerContext = {
      runner,
      hostPlatform: 'win32',
      env: {},
      invocation: { executable: process.execPath, script: DDNS_BIN },
      tempDir: dir,
      say: () => undefined,
      warn: () => undefined,
      systemdRunning: () => false,
      uptimeSeconds: async () => undefined,
      now: () => new Date(),
    };
    await setupTask({ platform: 'windows', name: 'ddns-out', interval: '5m', configPath }, context);
    expect(imported).toBeDefined();
    expect(bytes.equals(imported ?? Buffer.alloc(0))).toBe(true);

    const xmllint = xmllintAvailable();
    if (!xmllint) {
      // Windows has no xmllint; the declarations and bytes were checked above.
      console.warn('xmllint is not installed (Debian: apt-get install libxml2-utils): the task XML was checked without it');
      return;
    }
    expect(xmllintVerdict(['-'], Buffer.from(printed.stdout, 'utf8'))).toEqual({ status: 0, stderr: '' });
    expect(xmllintVerdict([file])).toEqual({ status: 0, stderr: '' });
    // And xmllint does refuse UTF-8 bytes declared UTF-16 (what --print used to print), so the checks above mean something.
    const mislabelled = printed.stdout.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    expect(xmllintVerdict(['-'], Buffer.from(mislabelled, 'utf8')).stderr).toMatch(/labelled UTF-16 but has UTF-8 content/);
  });

  it('--print shows the systemd units, the cron file and the launchd plist, installing nothing', async () => {
    const env = { DDNS_SYSTEMD_DIR: join(dir, 'units'), DDNS_CRON_DIR: join(dir, 'cron.d'), DDNS_LAUNCHD_DIR: join(dir, 'agents') };
    const systemd = await runDdns(['setup-task', '--print', '--platform', 'systemd', '--config', configPath, '--interval', '1h'], env);
    expect(systemd.exitCode).toBe(0);
    expect(systemd.stdout).toContain(`# ${join(dir, 'units')}`);
    expect(systemd.stdout).toMatch(/^Type=oneshot$/m);
    expect(systemd.stdout).toMatch(/^OnUnitActiveSec=1h$/m);
    expect(systemd.stdout).toMatch(/^OnBootSec=1min$/m);
    expect(systemd.stdout).toMatch(/^Persistent=true$/m);
    const cron = await runDdns(['setup-task', '--print', '--platform', 'cron', '--config', configPath, '--interval', '15m'], env);
    expect(cron.exitCode).toBe(0);
    expect(cron.stdout).toMatch(/^\*\/15 \* \* \* \* root '.+' '.+ddns\.js' check --config '.+My Config Jörg.config\.toml' -q$/m);
    const launchd = await runDdns(['setup-task', '--print', '--platform', 'launchd', '--config', configPath], env);
    expect(launchd.exitCode).toBe(0);
    expect(XMLValidator.validate(launchd.stdout)).toBe(true);
    expect(launchd.stdout).toContain('<integer>300</integer>');
    for (const sub of ['units', 'cron.d', 'agents']) expect(existsSync(join(dir, sub))).toBe(false);
  });

  it('exits 2 with a clear message for what it cannot do', async () => {
    const sevenMinutes = await runDdns(['setup-task', '--print', '--platform', 'cron', '--interval', '7m', '--config', configPath]);
    expect(sevenMinutes.exitCode).toBe(2);
    expect(sevenMinutes.stderr).toMatch(/^ddns: cron cannot run every 7m at even spacing/);
    const badInterval = await runDdns(['setup-task', '--print', '--interval', 'often', '--config', configPath]);
    expect(badInterval).toMatchObject({ exitCode: 2, stderr: 'ddns: --interval "often" is not a duration: write it like "5m", "90s" or "1h"' });
    const noConfig = await runDdns(['setup-task', '--config', join(dir, 'missing.toml')]);
    expect(noConfig.exitCode).toBe(2);
    expect(noConfig.stderr).toMatch(/config file not found: .*missing\.toml; create it with `ddns config init/);
    const foreign = await runDdns(['setup-task', '--platform', onWindows ? 'launchd' : 'windows', '--config', configPath]);
    expect(foreign.exitCode).toBe(2);
    expect(foreign.stderr).toMatch(/can only be installed on (Windows|macOS); `--print --platform (windows|launchd)` shows what would be installed, on any OS/);
    const help = await runDdns(['help', 'setup-task']);
    expect(help.stdout).toMatch(/--config[\s\S]*--name[\s\S]*--interval[\s\S]*--platform[\s\S]*--print/);
  });

  it('cron: installs /etc/cron.d/<name> (here a temporary directory), reports it, removes it', async () => {
    const cronDir = join(dir, 'cron.d');
    await mkdir(cronDir);
    const env = { DDNS_CRON_DIR: cronDir };
    const setup = await runDdns(['setup-task', '--platform', 'cron', '--name', 'ddns-it', '--interval', '10m', '--config', configPath], env);
    if (onWindows) {
      expect(setup.exitCode).toBe(2);
      expect(setup.stderr).toMatch(/a cron task can only be installed on Linux or another Unix/);
      return;
    }
    expect(setup.exitCode).toBe(0);
    expect(setup.stdout).toContain(`wrote ${join(cronDir, 'ddns-it')}: ddns check every 10m as root`);
    expect(setup.stdout).toContain(`config ${configPath}: mode 0600`);
    expect(await readFile(join(cronDir, 'ddns-it'), 'utf8')).toMatch(/^\*\/10 \* \* \* \* root /m);
    const status = await runDdns(['task-status', '--platform', 'cron', '--name', 'ddns-it'], env);
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/^installed\s+yes$/m);
    expect(status.stdout).toMatch(/^as setup\s+yes/m);
    const removed = await runDdns(['remove-task', '--platform', 'cron', '--name', 'ddns-it'], env);
    expect(removed).toMatchObject({ exitCode: 0, stdout: `removed ${join(cronDir, 'ddns-it')}` });
    const gone = await runDdns(['task-status', '--platform', 'cron', '--name', 'ddns-it', '--json'], env);
    expect(gone.exitCode).toBe(2);
    expect(JSON.parse(gone.stdout)).toMatchObject({ platform: 'cron', installed: false });
  });

  it('systemd: writes the units, runs systemctl daemon-reload and enable --now, reads status, removes (fake systemctl on PATH)', async () => {
    const unitDir = join(dir, 'system');
    await mkdir(unitDir);
    if (onWindows) {
      const refused = await runDdns(['setup-task', '--platform', 'systemd', '--config', configPath], { DDNS_SYSTEMD_DIR: unitDir });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toMatch(/a systemd task can only be installed on Linux/);
      return;
    }
    const fake = await installFakeTools(dir, ['systemctl']);
    const env = { DDNS_SYSTEMD_DIR: unitDir, PATH: `${fake.bin}${delimiter}${process.env.PATH ?? ''}`, FAKE_CALLS: join(dir, 'calls.jsonl') };
    const setup = await runDdns(['setup-task', '--platform', 'systemd', '--name', 'ddns-it', '--config', configPath], env);
    if (process.platform !== 'linux') {
      expect(setup.exitCode).toBe(2);
      return;
    }
    expect(setup.stderr).toBe('');
    expect(setup.exitCode).toBe(0);
    expect(await fake.calls()).toEqual([
      { file: 'systemctl', args: ['daemon-reload'] },
      { file: 'systemctl', args: ['enable', '--now', 'ddns-it.timer'] },
    ]);
    expect(await readFile(join(unitDir, 'ddns-it.service'), 'utf8')).toContain(`ExecStart="${process.execPath}" "${DDNS_BIN}" check --config "${configPath}"`);
    expect(await readFile(join(unitDir, 'ddns-it.timer'), 'utf8')).toMatch(/^Unit=ddns-it\.service$/m);

    const show = join(dir, 'show.txt');
    await writeFile(
      show,
      'Id=ddns-it.timer\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\nNextElapseUSecRealtime=Mon 2026-11-23 10:05:00 UTC\n\n' +
        'Id=ddns-it.service\nLoadState=loaded\nActiveState=inactive\nResult=exit-code\nExecMainStartTimestamp=Mon 2026-11-23 10:00:00 UTC\nExecMainStatus=4\n',
    );
    const status = await runDdns(['task-status', '--name', 'ddns-it', '--json'], { ...env, FAKE_SYSTEMCTL_STDOUT_FILE: show });
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      platform: 'systemd',
      installed: true,
      state: 'timer active (enabled)',
      lastRun: 'Mon 2026-11-23 10:00:00 UTC',
      lastResult: { code: 4, text: 'exit 4: at least one record update failed' },
      nextRun: 'Mon 2026-11-23 10:05:00 UTC',
      matchesSetup: true,
    });

    const removed = await runDdns(['remove-task', '--name', 'ddns-it'], env);
    expect(removed.exitCode).toBe(0);
    expect((await fake.calls()).slice(-2)).toEqual([
      { file: 'systemctl', args: ['disable', '--now', 'ddns-it.timer'] },
      { file: 'systemctl', args: ['daemon-reload'] },
    ]);
    expect(existsSync(join(unitDir, 'ddns-it.timer'))).toBe(false);
  });

  it('systemd: on a machine where systemd is not running, says to use cron or --print', async () => {
    if (process.platform !== 'linux') return expect((await runDdns(['setup-task', '--platform', 'systemd', '--config', configPath])).exitCode).toBe(2);
    const fake = await installFakeTools(dir, ['systemctl']);
    const unitDir = join(dir, 'system');
    await mkdir(unitDir);
    const result = await runDdns(['setup-task', '--platform', 'systemd', '--config', configPath], {
      DDNS_SYSTEMD_DIR: unitDir,
      PATH: `${fake.bin}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_CALLS: join(dir, 'calls.jsonl'),
      FAKE_SYSTEMCTL_EXIT: '1',
      FAKE_SYSTEMCTL_STDERR: "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n",
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      "ddns: systemd is not running on this machine (System has not been booted with systemd as init system (PID 1). Can't operate.); use --platform cron, or --print to only show the units",
    );
  });
});
