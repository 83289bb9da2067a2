import path from 'node:path';
import { EXIT_MEANING } from '../core/exit-codes.js';
import { hardenConfigOnPosix, readIfExists, removeIfExists, textDifferences, writeSchedulerFile } from './files.js';
import { BOOT_DELAY_SECONDS, intervalOf, parseSystemdTimespan, RUN_TIME_LIMIT_SECONDS, systemdTimespan } from './interval.js';
import { checkArguments, type Invocation } from './invocation.js';
import { describeFailure, SchedulerError, type RunResult } from './runner.js';
import { firstLine } from '../text.js';
import { refusedWithoutRoot } from '../messages.js';
import { fillTemplate, loadTemplate } from './templates.js';
import type { SchedulerContext, TaskResult, TaskSpec, TaskStatus } from './types.js';

/** Where units are installed; DDNS_SYSTEMD_DIR moves it (tests, packagers). */
export function systemdDir(env: NodeJS.ProcessEnv): string {
  return env.DDNS_SYSTEMD_DIR?.trim() || '/etc/systemd/system';
}

/**
 * One ExecStart= word: double-quoted with C-style escapes, `%` doubled (unit specifiers) and
 * `$` doubled (environment substitution), so any path reaches ddns exactly as written.
 */
export function systemdQuote(value: string): string {
  if (/[\u0000-\u001F\u007F]/.test(value)) throw new SchedulerError(`cannot put ${JSON.stringify(value)} into a systemd unit: it contains a control character`);
  const escaped = value
    .replace(/\\/g, () => '\\\\')
    .replace(/"/g, () => '\\"')
    .replace(/%/g, () => '%%')
    .replace(/\$/g, () => '$$');
  return `"${escaped}"`;
}

/** Reverses `systemdQuote` for a quoted word (without its quotes). */
export function systemdUnquote(word: string): string {
  return word.replace(/%%/g, '%').replace(/\$\$/g, '$').replace(/\\(.)/g, '$1');
}

export function systemdExecStart(invocation: Invocation, configPath: string): string {
  const args = checkArguments(invocation, configPath);
  return [systemdQuote(invocation.executable), ...args.map((arg) => (arg === 'check' || arg === '--config' ? arg : systemdQuote(arg)))].join(' ');
}

export interface SystemdUnits {
  service: string;
  timer: string;
}

export async function renderSystemdUnits(spec: TaskSpec): Promise<SystemdUnits> {
  const [serviceTemplate, timerTemplate] = await Promise.all([loadTemplate('ddns.service'), loadTemplate('ddns.timer')]);
  return {
    service: fillTemplate(serviceTemplate, {
      unit: spec.name,
      execStart: systemdExecStart(spec.invocation, spec.configPath),
      timeLimit: systemdTimespan(RUN_TIME_LIMIT_SECONDS),
    }),
    timer: fillTemplate(timerTemplate, {
      unit: spec.name,
      intervalText: spec.interval.text,
      bootDelay: systemdTimespan(BOOT_DELAY_SECONDS),
      interval: systemdTimespan(spec.interval.seconds),
    }),
  };
}

export function unitPaths(name: string, env: NodeJS.ProcessEnv): { service: string; timer: string } {
  const dir = systemdDir(env);
  return { service: path.posix.join(dir, `${name}.service`), timer: path.posix.join(dir, `${name}.timer`) };
}

function systemctlError(args: readonly string[], result: RunResult): SchedulerError {
  const said = `${result.stderr}\n${result.stdout}`;
  if (result.notFound) return new SchedulerError('systemctl was not found: this system does not use systemd; use --platform cron');
  if (/not been booted with systemd|Failed to connect to bus|Host is down/i.test(said)) {
    return new SchedulerError(`systemd is not running on this machine (${firstLine(result.stderr)}); use --platform cron, or --print to only show the units`);
  }
  if (/Access denied|Interactive authentication required|Permission denied/i.test(said)) {
    return new SchedulerError(refusedWithoutRoot(`systemctl ${args.join(' ')}`));
  }
  return new SchedulerError(describeFailure('systemctl', args, result));
}

async function systemctl(context: SchedulerContext, args: string[]): Promise<void> {
  const result = await context.runner('systemctl', args);
  if (result.exitCode !== 0) throw systemctlError(args, result);
}

export async function installSystemd(spec: TaskSpec, context: SchedulerContext): Promise<void> {
  const units = await renderSystemdUnits(spec);
  const paths = unitPaths(spec.name, context.env);
  await writeSchedulerFile(paths.service, units.service);
  await writeSchedulerFile(paths.timer, units.timer);
  context.say(`wrote ${paths.service} and ${paths.timer}`);
  context.say(await hardenConfigOnPosix(spec.configPath));
  await systemctl(context, ['daemon-reload']);
  await systemctl(context, ['enable', '--now', `${spec.name}.timer`]);
  context.say(`enabled and started ${spec.name}.timer: a run ${systemdTimespan(BOOT_DELAY_SECONDS)} after boot, then every ${spec.interval.text}`);
  context.say(`history: journalctl -u ${spec.name}.service    next run: systemctl list-timers ${spec.name}.timer    or: ddns task-status`);
}

export async function removeSystemd(name: string, context: SchedulerContext): Promise<void> {
  const paths = unitPaths(name, context.env);
  const disable = await context.runner('systemctl', ['disable', '--now', `${name}.timer`]);
  const removedTimer = await removeIfExists(paths.timer);
  const removedService = await removeIfExists(paths.service);
  if (!removedTimer && !removedService && disable.exitCode !== 0) {
    throw new SchedulerError(`nothing to remove: no ${name}.timer or ${name}.service in ${systemdDir(context.env)}, and systemctl knows no ${name}.timer`);
  }
  if (disable.exitCode === 0) context.say(`stopped and disabled ${name}.timer`);
  else context.warn(`note: ${describeFailure('systemctl', ['disable', '--now', `${name}.timer`], disable)}`);
  for (const [removed, file] of [[removedTimer, paths.timer], [removedService, paths.service]] as const) {
    if (removed) context.say(`removed ${file}`);
  }
  await systemctl(context, ['daemon-reload']);
}

/** `systemctl show A B -p …` prints one Key=Value block per unit, separated by blank lines. */
export function parseSystemctlShow(text: string): Map<string, Map<string, string>> {
  const units = new Map<string, Map<string, string>>();
  for (const block of text.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const properties = new Map<string, string>();
    for (const line of block.split('\n')) {
      const equals = line.indexOf('=');
      if (equals > 0) properties.set(line.slice(0, equals), line.slice(equals + 1));
    }
    const id = properties.get('Id');
    if (id) units.set(id, properties);
  }
  return units;
}

const SHOW_PROPERTIES = [
  'Id',
  'LoadState',
  'ActiveState',
  'UnitFileState',
  'LastTriggerUSec',
  'NextElapseUSecRealtime',
  'NextElapseUSecMonotonic',
  'Result',
  'ExecMainStartTimestamp',
  'ExecMainExitTimestamp',
  'ExecMainStatus',
];

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'n/a' || value === 'infinity' || value === '0' ? undefined : value;
}

function formatWallClock(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** The service's last run, from its exit status and systemd's result word. */
export function systemdLastResult(service: Map<string, string>): TaskResult {
  if (service.get('ActiveState') === 'activating') return { text: 'running now' };
  if (!present(service.get('ExecMainStartTimestamp'))) return { text: 'has not run yet' };
  const result = service.get('Result') ?? '';
  if (result === 'timeout') return { text: `stopped by the time limit (TimeoutStartSec=${systemdTimespan(RUN_TIME_LIMIT_SECONDS)})` };
  if (result === 'signal' || result === 'core-dump') return { text: `killed by a signal (${result})` };
  const code = Number(service.get('ExecMainStatus') ?? '');
  if (!Number.isInteger(code)) return { text: result || 'unknown' };
  const meaning = EXIT_MEANING[code];
  return { code, text: meaning ? `exit ${code}: ${meaning}` : `exit ${code}` };
}

/** The interval and config of installed units, to compare them with what setup writes for those. */
export function recoverSystemdUnits(units: Partial<SystemdUnits>): { intervalSeconds?: number; configPath?: string } {
  const interval = /^OnUnitActiveSec=(.+)$/m.exec(units.timer ?? '')?.[1];
  const config = /^ExecStart=.*\s--config\s+"((?:[^"\\]|\\.)*)"/m.exec(units.service ?? '')?.[1];
  const intervalSeconds = interval === undefined ? undefined : parseSystemdTimespan(interval);
  return {
    ...(intervalSeconds !== undefined ? { intervalSeconds: Math.round(intervalSeconds) } : {}),
    ...(config !== undefined ? { configPath: systemdUnquote(config) } : {}),
  };
}

export async function systemdStatus(name: string, context: SchedulerContext): Promise<TaskStatus> {
  const status: TaskStatus = { platform: 'systemd', name, installed: false, differences: [], notes: [] };
  const paths = unitPaths(name, context.env);
  const installed = { service: await readIfExists(paths.service), timer: await readIfExists(paths.timer) };
  const args = ['show', `${name}.timer`, `${name}.service`, `--property=${SHOW_PROPERTIES.join(',')}`, '--no-pager'];
  const result = await context.runner('systemctl', args);
  const units = result.exitCode === 0 ? parseSystemctlShow(result.stdout) : new Map<string, Map<string, string>>();
  const timer = units.get(`${name}.timer`);
  const service = units.get(`${name}.service`);
  const loaded = timer !== undefined && timer.get('LoadState') === 'loaded';
  status.installed = loaded || installed.timer !== undefined;
  if (!status.installed) {
    status.notes.push(`no ${name}.timer: not in ${systemdDir(context.env)} and not known to systemd (\`ddns setup-task\` installs it)`);
    return status;
  }
  if (result.exitCode !== 0) status.notes.push(`could not ask systemd: ${systemctlError(args, result).message}`);
  if (timer) {
    status.state = `timer ${timer.get('ActiveState') ?? '?'} (${timer.get('UnitFileState') || 'not enabled'})`;
    const realtime = present(timer.get('NextElapseUSecRealtime'));
    const monotonic = parseSystemdTimespan(present(timer.get('NextElapseUSecMonotonic')) ?? '');
    const uptime = monotonic === undefined ? undefined : await context.uptimeSeconds();
    if (realtime) status.nextRun = realtime;
    else if (monotonic !== undefined && uptime !== undefined) {
      status.nextRun = formatWallClock(new Date(context.now().getTime() + Math.max(0, monotonic - uptime) * 1000));
    }
    if (timer.get('ActiveState') !== 'active') status.notes.push(`the timer is not active: sudo systemctl enable --now ${name}.timer`);
  }
  if (service) {
    status.lastRun = present(service.get('ExecMainStartTimestamp')) ?? present(timer?.get('LastTriggerUSec')) ?? 'never';
    status.lastResult = systemdLastResult(service);
  }
  if (installed.service !== undefined && installed.timer !== undefined) {
    const recovered = recoverSystemdUnits(installed);
    if (recovered.configPath !== undefined) status.configPath = recovered.configPath;
    if (recovered.intervalSeconds !== undefined) status.intervalSeconds = recovered.intervalSeconds;
    if (recovered.intervalSeconds === undefined || recovered.configPath === undefined) {
      status.matchesSetup = false;
      status.differences.push('not made by `ddns setup-task` (no OnUnitActiveSec= or --config found)');
    } else {
      const expected = await renderSystemdUnits({
        name,
        interval: intervalOf(recovered.intervalSeconds),
        configPath: recovered.configPath,
        invocation: context.invocation,
      });
      status.differences = [
        ...textDifferences(path.posix.basename(paths.service), installed.service, expected.service),
        ...textDifferences(path.posix.basename(paths.timer), installed.timer, expected.timer),
      ];
      status.matchesSetup = status.differences.length === 0;
    }
  } else {
    status.notes.push(`the unit files are not in ${systemdDir(context.env)}; systemd loaded them from elsewhere`);
  }
  status.notes.push(`history: journalctl -u ${name}.service    timers: systemctl list-timers ${name}.timer`);
  return status;
}
