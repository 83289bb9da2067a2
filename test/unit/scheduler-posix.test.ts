import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cronCommand, cronFilePath, recoverCronFile, renderCronFile, shellQuote } from '../../src/scheduler/cron.js';
import { cronSchedule, parseSystemdTimespan, parseTaskInterval, systemdTimespan } from '../../src/scheduler/interval.js';
import { parseLaunchctlPrint, plistPath, recoverPlist, renderPlist } from '../../src/scheduler/launchd.js';
import type { Runner } from '../../src/scheduler/runner.js';
import { recordingRunner } from '../helpers/recording-runner.js';
import { removeTask, setupTask, taskStatus } from '../../src/scheduler/setup.js';
import { parseSystemctlShow, recoverSystemdUnits, renderSystemdUnits, systemdExecStart, systemdQuote, systemdUnquote } from '../../src/scheduler/systemd.js';
import type { SchedulerContext, TaskSpec } from '../../src/scheduler/types.js';

// Paths with spaces, non-ASCII letters and every character that is special to one of the formats.
const NODE = '/opt/node js/bin/node';
const SCRIPT = '/opt/dd ü/lib/node_modules/ddns/bin/ddns.js';
const INVOCATION = { executable: NODE, script: SCRIPT };
const ODD_CONFIG = `/etc/ddns & "co"/Jörg's <50%> $HOME\\config.toml`;

function spec(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return { name: 'ddns', interval: parseTaskInterval('5m'), configPath: '/etc/ddns/config.toml', invocation: INVOCATION, ...overrides };
}

/** "[Section]" → { Key: [values] }, the way systemd reads a unit file (comments and blank lines skipped). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      current = sections[header[1] as string] = {};
      continue;
    }
    const equals = line.indexOf('=');
    if (!current || equals <= 0) throw new Error(`not a unit file line: ${line}`);
    const key = line.slice(0, equals);
    (current[key] ??= []).push(line.slice(equals + 1));
  }
  return sections;
}

function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return undefined;
}

describe('intervals', () => {
  it.each([
    ['5m', 300, '5m'],
    ['90s', 90, '1m30s'],
    ['1h', 3600, '1h'],
    ['1h30m', 5400, '1h30m'],
    ['1.5m', 90, '1m30s'],
    ['31d', 31 * 86400, '31d'],
  ])('accepts --interval %s', (text, seconds, shown) => {
    expect(parseTaskInterval(text)).toEqual({ seconds, text: shown });
  });

  it.each([
    ['30s', /between 1m and 31d/],
    ['32d', /between 1m and 31d/],
    ['90.5s', /whole number of seconds/],
    ['soon', /is not a duration: write it like "5m", "90s" or "1h"/],
  ])('refuses --interval %s', (text, message) => {
    expect(() => parseTaskInterval(text)).toThrow(message);
  });

  it('writes systemd time spans and reads them back', () => {
    expect(systemdTimespan(300)).toBe('5min');
    expect(systemdTimespan(5400)).toBe('1h 30min');
    expect(systemdTimespan(90)).toBe('1min 30s');
    expect(systemdTimespan(93600)).toBe('1d 2h');
    expect(parseSystemdTimespan('1h 30min')).toBe(5400);
    expect(parseSystemdTimespan('2min 3.5s')).toBe(123.5);
    expect(parseSystemdTimespan('5 min')).toBe(300);
    expect(parseSystemdTimespan('300')).toBe(300);
    expect(parseSystemdTimespan('soon')).toBeUndefined();
  });

  it.each([
    ['1m', '* * * * *'],
    ['5m', '*/5 * * * *'],
    ['30m', '*/30 * * * *'],
    ['1h', '0 * * * *'],
    ['60m', '0 * * * *'],
    ['6h', '0 */6 * * *'],
    ['24h', '0 0 * * *'],
  ])('puts --interval %s into cron as %s', (text, schedule) => {
    expect(cronSchedule(parseTaskInterval(text))).toBe(schedule);
  });

  it.each(['7m', '90s', '45m', '5h', '2d'])('refuses --interval %s for cron with the intervals it can keep', (text) => {
    expect(() => cronSchedule(parseTaskInterval(text))).toThrow(
      /^cron cannot run every .* at even spacing: use --interval with a divisor of an hour \(1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m\) or of a day \(1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h\), or use --platform systemd$/,
    );
  });
});

describe('systemd units', () => {
  it('quotes every ExecStart word so % $ " \\ and spaces reach ddns as written', () => {
    expect(systemdQuote('/a b/50%/$HOME/"q"/back\\slash')).toBe('"/a b/50%%/$$HOME/\\"q\\"/back\\\\slash"');
    for (const value of [ODD_CONFIG, '%%', '$$', '\\"', 'a\\%b']) expect(systemdUnquote(systemdQuote(value).slice(1, -1))).toBe(value);
    expect(systemdExecStart(INVOCATION, ODD_CONFIG)).toBe(
      `"/opt/node js/bin/node" "/opt/dd ü/lib/node_modules/ddns/bin/ddns.js" check --config "/etc/ddns & \\"co\\"/Jörg's <50%%> $$HOME\\\\config.toml"`,
    );
    expect(() => systemdQuote('a\nb')).toThrow(/control character/);
  });

  it('renders a oneshot service and a timer with boot delay, interval and Persistent=true', async () => {
    const units = await renderSystemdUnits(spec({ name: 'ddns-home', interval: parseTaskInterval('90s'), configPath: ODD_CONFIG }));
    const service = parseUnit(units.service);
    const timer = parseUnit(units.timer);
    expect(service.Unit).toMatchObject({ Wants: ['network-online.target'], After: ['network-online.target'] });
    expect(service.Service).toEqual({
      Type: ['oneshot'],
      ExecStart: [systemdExecStart(INVOCATION, ODD_CONFIG)],
      TimeoutStartSec: ['10min'],
    });
    expect(timer.Timer).toEqual({
      OnBootSec: ['1min'],
      OnUnitActiveSec: ['1min 30s'],
      Persistent: ['true'],
      Unit: ['ddns-home.service'],
    });
    expect(timer.Install).toEqual({ WantedBy: ['timers.target'] });
    expect(recoverSystemdUnits(units)).toEqual({ intervalSeconds: 90, configPath: ODD_CONFIG });
  });

  it('passes `systemd-analyze verify` where it is installed (Debian package systemd); checks the structure in any case', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddns-verify-'));
    try {
      // verify checks that the executable exists, so use this node; the config path is only an argument.
      const units = await renderSystemdUnits(spec({ name: 'ddns-verify', invocation: { executable: process.execPath, script: SCRIPT }, configPath: ODD_CONFIG }));
      expect(Object.keys(parseUnit(units.service))).toEqual(['Unit', 'Service']);
      expect(Object.keys(parseUnit(units.timer))).toEqual(['Unit', 'Timer', 'Install']);
      await writeFile(join(dir, 'ddns-verify.service'), units.service);
      await writeFile(join(dir, 'ddns-verify.timer'), units.timer);
      const analyze = findOnPath('systemd-analyze');
      if (analyze === undefined) {
        console.warn('systemd-analyze is not installed (Debian: apt-get install systemd): the units were checked structurally only');
        return;
      }
      const result = spawnSync(analyze, ['verify', join(dir, 'ddns-verify.service'), join(dir, 'ddns-verify.timer')], { encoding: 'utf8' });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      // And it does fail on a broken unit, so the check above means something.
      await writeFile(join(dir, 'ddns-verify.service'), units.service.replace('Type=oneshot', 'Type=sometimes'));
      const broken = spawnSync(analyze, ['verify', join(dir, 'ddns-verify.service')], { encoding: 'utf8' });
      expect(broken.stderr).toMatch(/service type/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('cron entry', () => {
  it('single-quotes each word, escapes % for cron and adds -q', async () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(cronCommand(INVOCATION, ODD_CONFIG)).toBe(
      `'/opt/node js/bin/node' '/opt/dd ü/lib/node_modules/ddns/bin/ddns.js' check --config '/etc/ddns & "co"/Jörg'\\''s <50\\%> $HOME\\config.toml' -q`,
    );
    const file = await renderCronFile(spec({ configPath: ODD_CONFIG }));
    expect(file.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual([
      'SHELL=/bin/sh',
      `*/5 * * * * root ${cronCommand(INVOCATION, ODD_CONFIG)}`,
    ]);
    expect(file.endsWith('\n')).toBe(true);
    expect(recoverCronFile(file)).toEqual({ intervalSeconds: 300, configPath: ODD_CONFIG });
  });

  it('gives /bin/sh exactly the original words once cron has unescaped %', () => {
    const command = cronCommand(INVOCATION, ODD_CONFIG).replace(/\\%/g, '%');
    const sh = existsSync('/bin/sh') ? '/bin/sh' : undefined;
    // Without a POSIX shell (Windows) the quoting is still pinned by the exact string above.
    if (sh === undefined) return expect(command).toContain("'\\''");
    const words = execFileSync(sh, ['-c', `printf '%s\\n' ${command}`], { encoding: 'utf8' }).split('\n').slice(0, -1);
    expect(words).toEqual([NODE, SCRIPT, 'check', '--config', ODD_CONFIG, '-q']);
  });
});

describe('launchd plist', () => {
  it('is a well-formed plist with the argument array, StartInterval and RunAtLoad, escaping & < > " \'', async () => {
    const plist = await renderPlist(spec({ name: 'ddns', interval: parseTaskInterval('10m'), configPath: ODD_CONFIG }));
    expect(XMLValidator.validate(plist)).toBe(true);
    expect(plist).toContain('<string>/etc/ddns &amp; &quot;co&quot;/Jörg&apos;s &lt;50%&gt; $HOME\\config.toml</string>');
    const parsed = new XMLParser({ parseTagValue: false }).parse(plist) as { plist: { dict: { key: string[]; string: string[]; integer: string; array: { string: string[] }; true: string } } };
    const dict = parsed.plist.dict;
    expect(dict.key).toEqual(['Label', 'ProgramArguments', 'StartInterval', 'RunAtLoad', 'ProcessType']);
    expect(dict.string).toEqual(['ddns', 'Background']);
    expect(dict.array.string).toEqual([NODE, SCRIPT, 'check', '--config', ODD_CONFIG]);
    expect(dict.integer).toBe('600');
    expect(dict.true).toBe('');
    expect(recoverPlist(plist)).toEqual({ intervalSeconds: 600, configPath: ODD_CONFIG });
  });

  it('reads `launchctl print`', () => {
    const printed = 'system/ddns = {\n\tactive count = 0\n\tpath = /Library/LaunchDaemons/ddns.plist\n\tstate = not running\n\n\tprogram = /opt/node\n\truns = 12\n\tlast exit code = 4\n\trun interval = 300 seconds\n}\n';
    expect(parseLaunchctlPrint(printed)).toEqual({ state: 'not running', runs: 12, lastExit: { code: 4, text: 'exit 4: at least one record update failed' } });
    expect(parseLaunchctlPrint('\tstate = waiting\n\tlast exit code = (never exited)\n').lastExit).toEqual({ text: 'has not run yet' });
  });
});

describe('POSIX setup-task, remove-task, task-status', () => {
  let dir: string;
  let configPath: string;
  let said: string[];
  let warned: string[];
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-posix-'));
    const configDir = join(dir, 'etc dd ü');
    await mkdir(configDir);
    configPath = join(configDir, "Jörg's 50% config.toml");
    await writeFile(configPath, '# test\n', { mode: 0o644 });
    env = { DDNS_SYSTEMD_DIR: join(dir, 'systemd'), DDNS_CRON_DIR: join(dir, 'cron.d'), DDNS_LAUNCHD_DIR: join(dir, 'LaunchDaemons') };
    for (const sub of ['systemd', 'cron.d', 'LaunchDaemons']) await mkdir(join(dir, sub));
    said = [];
    warned = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function context(runner: Runner, overrides: Partial<SchedulerContext> = {}): SchedulerContext {
    return {
      runner,
      hostPlatform: 'linux',
      env,
      invocation: INVOCATION,
      tempDir: dir,
      say: (line) => said.push(line),
      warn: (line) => warned.push(line),
      systemdRunning: () => true,
      uptimeSeconds: async () => 1000,
      now: () => new Date('2026-11-23T10:00:00Z'),
      ...overrides,
    };
  }

  const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
  // chmod means nothing on Windows' file systems; the calls and contents are still checked there.
  const posixModes = process.platform !== 'win32';

  it('systemd: writes both units, makes the config 0600, reloads and enables the timer', async () => {
    const { runner, calls } = recordingRunner();
    await setupTask({ platform: 'systemd', name: 'ddns', interval: '5m', configPath }, context(runner));
    expect(calls).toEqual([
      { file: 'systemctl', args: ['daemon-reload'] },
      { file: 'systemctl', args: ['enable', '--now', 'ddns.timer'] },
    ]);
    const service = await readFile(join(dir, 'systemd', 'ddns.service'), 'utf8');
    expect(service).toContain(`ExecStart=${systemdExecStart(INVOCATION, configPath)}`);
    expect(await readFile(join(dir, 'systemd', 'ddns.timer'), 'utf8')).toContain('OnUnitActiveSec=5min');
    if (posixModes) {
      expect(await modeOf(join(dir, 'systemd', 'ddns.timer'))).toBe(0o644);
      expect(await modeOf(configPath)).toBe(0o600);
    }
    expect(said).toContain(`config ${configPath}: mode 0600 (owner read/write only)`);
    expect(said.join('\n')).toMatch(/enabled and started ddns\.timer: a run 1min after boot, then every 5m/);
    expect(said.join('\n')).toContain('journalctl -u ddns.service');
  });

  it('systemd: explains a machine where systemd is not running, and a refused systemctl', async () => {
    const notBooted = recordingRunner({
      'systemctl daemon-reload': { exitCode: 1, stderr: "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n" },
    });
    await expect(setupTask({ platform: 'systemd', name: 'ddns', interval: '5m', configPath }, context(notBooted.runner))).rejects.toThrow(
      "systemd is not running on this machine (System has not been booted with systemd as init system (PID 1). Can't operate.); use --platform cron, or --print to only show the units",
    );
    const refused = recordingRunner({ 'systemctl enable': { exitCode: 1, stderr: 'Failed to enable unit: Access denied' } });
    await expect(setupTask({ platform: 'systemd', name: 'ddns', interval: '5m', configPath }, context(refused.runner))).rejects.toThrow(
      '`systemctl enable --now ddns.timer` was refused: run it as root (sudo ddns …)',
    );
    await expect(
      setupTask({ platform: 'systemd', name: 'ddns', interval: '5m', configPath }, context(recordingRunner().runner, { env: { ...env, DDNS_SYSTEMD_DIR: join(dir, 'missing') } })),
    ).rejects.toThrow(/^cannot write .*missing.ddns\.service: its directory does not exist$/);
  });

  it('falls back to cron when systemctl is missing and no --platform was given', async () => {
    const { runner, calls } = recordingRunner({ systemctl: { exitCode: null, notFound: true } });
    await setupTask({ platform: undefined, name: 'ddns', interval: '5m', configPath }, context(runner));
    expect(calls).toEqual([{ file: 'systemctl', args: ['--version'] }]);
    expect(warned).toEqual(['note: systemctl was not found, so a cron entry is installed instead']);
    expect(await readFile(cronFilePath('ddns', env), 'utf8')).toContain(`*/5 * * * * root ${cronCommand(INVOCATION, configPath)}`);
  });

  it('systemd: task-status reads systemctl show, the next run and whether the units are as setup writes them', async () => {
    const show = [
      'Id=ddns.timer', 'LoadState=loaded', 'ActiveState=active', 'UnitFileState=enabled', 'LastTriggerUSec=Mon 2026-11-23 09:58:00 UTC',
      'NextElapseUSecRealtime=', 'NextElapseUSecMonotonic=18min 40s', 'Result=success', '',
      'Id=ddns.service', 'LoadState=loaded', 'ActiveState=inactive', 'UnitFileState=static', 'Result=success',
      'ExecMainStartTimestamp=Mon 2026-11-23 09:58:00 UTC', 'ExecMainExitTimestamp=Mon 2026-11-23 09:58:02 UTC', 'ExecMainStatus=3', '',
    ].join('\n');
    const { runner } = recordingRunner();
    await setupTask({ platform: 'systemd', name: 'ddns', interval: '5m', configPath }, context(runner));
    const status = recordingRunner({ 'systemctl show': { stdout: show } });
    const result = await taskStatus({ platform: undefined, name: 'ddns' }, context(status.runner));
    expect(status.calls).toEqual([
      {
        file: 'systemctl',
        args: ['show', 'ddns.timer', 'ddns.service', '--property=Id,LoadState,ActiveState,UnitFileState,LastTriggerUSec,NextElapseUSecRealtime,NextElapseUSecMonotonic,Result,ExecMainStartTimestamp,ExecMainExitTimestamp,ExecMainStatus', '--no-pager'],
      },
    ]);
    expect(result).toMatchObject({
      platform: 'systemd',
      installed: true,
      state: 'timer active (enabled)',
      lastRun: 'Mon 2026-11-23 09:58:00 UTC',
      lastResult: { code: 3, text: 'exit 3: public IP detection failed' },
      // 18min 40s after boot, and the machine has been up 1000 s: 120 s from now.
      nextRun: '2026-11-23 10:02:00 UTC',
      matchesSetup: true,
      differences: [],
    });
    await writeFile(join(dir, 'systemd', 'ddns.timer'), (await readFile(join(dir, 'systemd', 'ddns.timer'), 'utf8')).replace('OnBootSec=1min', 'OnBootSec=5min'));
    const changed = await taskStatus({ platform: 'systemd', name: 'ddns' }, context(recordingRunner({ 'systemctl show': { stdout: show } }).runner));
    expect(changed.matchesSetup).toBe(false);
    expect(changed.differences).toEqual(['ddns.timer line 7: installed "OnBootSec=5min", setup writes "OnBootSec=1min"']);
    expect(parseSystemctlShow(show).get('ddns.service')?.get('ExecMainStatus')).toBe('3');
  });

  it('systemd: remove-task disables the timer, deletes both units and reloads', async () => {
    await setupTask({ platform: 'systemd', name: 'ddns', interval: '5m', configPath }, context(recordingRunner().runner));
    said = [];
    const { runner, calls } = recordingRunner();
    await removeTask({ platform: undefined, name: 'ddns' }, context(runner));
    expect(calls).toEqual([
      { file: 'systemctl', args: ['disable', '--now', 'ddns.timer'] },
      { file: 'systemctl', args: ['daemon-reload'] },
    ]);
    expect(existsSync(join(dir, 'systemd', 'ddns.service'))).toBe(false);
    expect(existsSync(join(dir, 'systemd', 'ddns.timer'))).toBe(false);
    expect(said[0]).toBe('stopped and disabled ddns.timer');
    const again = recordingRunner({ 'systemctl disable': { exitCode: 1, stderr: 'Failed to disable unit: Unit file ddns.timer does not exist.' } });
    await expect(removeTask({ platform: 'systemd', name: 'ddns' }, context(again.runner))).rejects.toThrow(/^nothing to remove: no ddns\.timer or ddns\.service in /);
  });

  it('cron: writes /etc/cron.d/<name> 0644 without running anything; status and remove find it without --platform', async () => {
    const { runner, calls } = recordingRunner();
    await setupTask({ platform: 'cron', name: 'ddns-home', interval: '10m', configPath }, context(runner, { systemdRunning: () => false }));
    expect(calls).toEqual([]);
    const file = cronFilePath('ddns-home', env);
    expect(await readFile(file, 'utf8')).toBe(await renderCronFile(spec({ name: 'ddns-home', interval: parseTaskInterval('10m'), configPath })));
    if (posixModes) {
      expect(await modeOf(file)).toBe(0o644);
      expect(await modeOf(configPath)).toBe(0o600);
    }
    // On a systemd machine, remove/status still find the cron entry made with --platform cron.
    const status = await taskStatus({ platform: undefined, name: 'ddns-home' }, context(runner));
    expect(status).toMatchObject({ platform: 'cron', installed: true, matchesSetup: true, differences: [] });
    expect(status.notes.join('\n')).toMatch(/`ddns status` lists the last runs/);
    await removeTask({ platform: undefined, name: 'ddns-home' }, context(runner));
    expect(existsSync(file)).toBe(false);
    await expect(removeTask({ platform: 'cron', name: 'ddns-home' }, context(runner))).rejects.toThrow(`nothing to remove: ${file} does not exist`);
    expect(await taskStatus({ platform: 'cron', name: 'ddns-home' }, context(runner))).toMatchObject({ installed: false });
  });

  it('cron: without a cron.d directory, says which line to put into root\'s crontab', async () => {
    const missing = { ...env, DDNS_CRON_DIR: join(dir, 'no-cron.d') };
    await expect(setupTask({ platform: 'cron', name: 'ddns', interval: '5m', configPath }, context(recordingRunner().runner, { env: missing }))).rejects.toThrow(
      `${join(dir, 'no-cron.d')} does not exist on this machine, so there is no system cron table to add a file to; add this line to root's crontab instead (sudo crontab -e): */5 * * * * ${cronCommand(INVOCATION, configPath)}`,
    );
    await expect(setupTask({ platform: 'cron', name: 'ddns', interval: '7m', configPath }, context(recordingRunner().runner))).rejects.toThrow(/^cron cannot run every 7m/);
  });

  it('launchd: writes the plist, reloads it with launchctl bootout + bootstrap, and maps failures', async () => {
    const { runner, calls } = recordingRunner({ 'launchctl bootout': { exitCode: 3, stderr: 'Boot-out failed: 3: No such process' } });
    await setupTask({ platform: undefined, name: 'ddns', interval: '5m', configPath }, context(runner, { hostPlatform: 'darwin' }));
    const file = plistPath('ddns', env);
    expect(calls).toEqual([
      { file: 'launchctl', args: ['bootout', 'system/ddns'] },
      { file: 'launchctl', args: ['bootstrap', 'system', file] },
    ]);
    expect(await readFile(file, 'utf8')).toBe(await renderPlist(spec({ configPath })));
    if (posixModes) expect(await modeOf(configPath)).toBe(0o600);
    const denied = recordingRunner({ 'launchctl bootstrap': { exitCode: 1, stderr: 'Bootstrap failed: 1: Operation not permitted' } });
    await expect(setupTask({ platform: 'launchd', name: 'ddns', interval: '5m', configPath }, context(denied.runner, { hostPlatform: 'darwin' }))).rejects.toThrow(
      '`launchctl bootstrap system` was refused: run it as root (sudo ddns …)',
    );
    const status = await taskStatus(
      { platform: 'launchd', name: 'ddns' },
      context(recordingRunner({ 'launchctl print': { stdout: '\tstate = not running\n\truns = 2\n\tlast exit code = 0\n' } }).runner, { hostPlatform: 'darwin' }),
    );
    expect(status).toMatchObject({ installed: true, state: 'not running', lastResult: { code: 0, text: 'exit 0: every record is current' }, matchesSetup: true });
    const removal = recordingRunner();
    await removeTask({ platform: undefined, name: 'ddns' }, context(removal.runner, { hostPlatform: 'darwin' }));
    expect(removal.calls).toEqual([{ file: 'launchctl', args: ['bootout', 'system/ddns'] }]);
    expect(existsSync(file)).toBe(false);
  });

  it('warns when the ddns it would schedule lives in npm\'s temporary npx cache', async () => {
    const npx = { executable: NODE, script: '/root/.npm/_npx/0123abcd/node_modules/ddns/bin/ddns.js' };
    await setupTask({ platform: 'cron', name: 'ddns', interval: '5m', configPath }, context(recordingRunner().runner, { invocation: npx }));
    expect(warned).toEqual([
      "note: this ddns runs from npm's temporary npx cache (/root/.npm/_npx/0123abcd/node_modules/ddns/bin/ddns.js), which npm may delete; install ddns (npm install -g) and run setup-task from there",
    ]);
  });

  it('refuses names that are not valid everywhere, and platforms of another OS', async () => {
    const { runner } = recordingRunner();
    await expect(setupTask({ platform: 'cron', name: 'dd.ns', interval: '5m', configPath }, context(runner))).rejects.toThrow(
      '--name "dd.ns" must be 1-64 letters, digits, "_" or "-", starting with a letter or digit',
    );
    await expect(setupTask({ platform: 'launchd', name: 'ddns', interval: '5m', configPath }, context(runner))).rejects.toThrow(
      'a launchd task can only be installed on macOS; `--print --platform launchd` shows what would be installed, on any OS',
    );
    await expect(setupTask({ platform: 'cron', name: 'ddns', interval: '5m', configPath: join(dir, 'none.toml') }, context(runner))).rejects.toThrow(
      /^config file not found: .*none\.toml; create it with `ddns config init --config ".*none\.toml"`/,
    );
  });
});
