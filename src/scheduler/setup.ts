import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { writeFileAtomically } from './files.js';
import { parseTaskInterval } from './interval.js';
import { currentInvocation } from './invocation.js';
import { execaRunner, SchedulerError } from './runner.js';
import { SCHEDULERS } from './registry.js';
import type { SchedulerContext, TaskPlatform, TaskSpec, TaskStatus } from './types.js';

/** The scheduler of this OS: Task Scheduler, launchd, systemd when it is PID 1, else cron. */
export function defaultTaskPlatform(host: NodeJS.Platform, systemdRunning: boolean): TaskPlatform {
  if (host === 'win32') return 'windows';
  if (host === 'darwin') return 'launchd';
  if (host === 'linux' && systemdRunning) return 'systemd';
  return 'cron';
}

function requireHost(platform: TaskPlatform, host: NodeJS.Platform): void {
  const { hosts, hostLabel: label } = SCHEDULERS[platform];
  if (!hosts.includes(host)) {
    throw new SchedulerError(`a ${platform} task can only be installed on ${label}; \`--print --platform ${platform}\` shows what would be installed, on any OS`);
  }
}

/**
 * One name for the task everywhere: Task Scheduler name, unit name, cron.d file (where run-parts
 * ignores names with dots) and launchd label.
 */
export function validateTaskName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new SchedulerError(`--name "${name}" must be 1-64 letters, digits, "_" or "-", starting with a letter or digit`);
  }
  return name;
}

/** The context of this process: real processes, real directories, this OS. */
export async function defaultSchedulerContext(io: { stdout: (text: string) => void; stderr: (text: string) => void; env: NodeJS.ProcessEnv }): Promise<SchedulerContext> {
  return {
    runner: execaRunner,
    hostPlatform: process.platform,
    env: io.env,
    invocation: await currentInvocation(),
    tempDir: tmpdir(),
    say: io.stdout,
    warn: io.stderr,
    systemdRunning: () => existsSync('/run/systemd/system'),
    uptimeSeconds: async () => {
      try {
        return Number.parseFloat(await readFile('/proc/uptime', 'utf8'));
      } catch {
        return undefined;
      }
    },
    now: () => new Date(),
  };
}

export interface SetupRequest {
  /** Undefined: this OS's scheduler. */
  platform: TaskPlatform | undefined;
  name: string;
  interval: string;
  configPath: string;
}

function specFor(request: SetupRequest, context: SchedulerContext): TaskSpec {
  return {
    name: validateTaskName(request.name),
    interval: parseTaskInterval(request.interval),
    configPath: request.configPath,
    invocation: context.invocation,
  };
}

function resolvePlatform(requested: TaskPlatform | undefined, context: SchedulerContext): TaskPlatform {
  return requested ?? defaultTaskPlatform(context.hostPlatform, context.systemdRunning());
}

/** What `--print` writes: the files as they would be installed, each introduced by where it would go. */
export interface PrintedTask {
  stdout: string;
  /** For stderr: where it would go and how it would be installed. */
  notes: string[];
}

/** The text of what would be installed, with notes; the Windows task XML still declared UTF-16. */
async function renderTask(request: SetupRequest, context: SchedulerContext): Promise<{ platform: TaskPlatform; spec: TaskSpec; text: string; notes: string[] }> {
  const platform = resolvePlatform(request.platform, context);
  const spec = specFor(request, context);
  const notes: string[] = [];
  if (!existsSync(spec.configPath)) notes.push(`note: ${spec.configPath} does not exist yet (\`ddns config init\` creates it)`);
  return { platform, spec, text: await SCHEDULERS[platform].render(spec, context, notes), notes };
}

/** `--print`: stdout is text (UTF-8), so the task XML declares UTF-8 there. */
export async function printTask(request: SetupRequest, context: SchedulerContext): Promise<PrintedTask> {
  const { platform, spec, text, notes } = await renderTask(request, context);
  const printed = SCHEDULERS[platform].asText?.(text, spec);
  if (printed === undefined) return { stdout: text, notes };
  notes.unshift(printed.note);
  return { stdout: printed.text, notes };
}

/**
 * `--output FILE`: for Windows the very bytes setup-task imports (UTF-16 LE, BOM, CRLF); for the
 * others the text `--print` shows. Installs nothing, on any OS. Returns what to say on stdout and
 * the notes for stderr.
 */
export async function outputTask(request: SetupRequest, file: string, context: SchedulerContext): Promise<{ said: string; notes: string[] }> {
  const { platform, spec, text, notes } = await renderTask(request, context);
  const written = await SCHEDULERS[platform].asFile?.(spec, file);
  if (written !== undefined) {
    await writeFileAtomically(file, written.contents);
    return { said: written.said, notes };
  }
  await writeFileAtomically(file, text);
  return { said: `wrote ${file}: what \`setup-task --print --platform ${platform}\` shows`, notes };
}

export async function setupTask(request: SetupRequest, context: SchedulerContext): Promise<void> {
  let platform = resolvePlatform(request.platform, context);
  const spec = specFor(request, context);
  requireHost(platform, context.hostPlatform);
  if (!existsSync(spec.configPath)) {
    throw new SchedulerError(`config file not found: ${spec.configPath}; create it with \`ddns config init --config "${spec.configPath}"\` and set it up first`);
  }
  if (spec.invocation.script !== undefined && /[\\/]_npx[\\/]/.test(spec.invocation.script)) {
    context.warn(`note: this ddns runs from npm's temporary npx cache (${spec.invocation.script}), which npm may delete; install ddns (npm install -g) and run setup-task from there`);
  }
  if (platform === 'systemd' && request.platform === undefined && (await context.runner('systemctl', ['--version'])).notFound) {
    context.warn('note: systemctl was not found, so a cron entry is installed instead');
    platform = 'cron';
  }
  return SCHEDULERS[platform].install(spec, context);
}

/**
 * Without --platform on Linux, remove/status look at what is actually installed: a cron entry
 * made with `--platform cron` on a systemd machine is still found.
 */
/** In the order they are looked for: a systemd unit wins over a leftover cron entry. */
const LINUX_PLATFORMS: readonly TaskPlatform[] = ['systemd', 'cron'];

function installedLinuxPlatform(name: string, context: SchedulerContext): TaskPlatform | undefined {
  if (context.hostPlatform !== 'linux') return undefined;
  return LINUX_PLATFORMS.find((platform) => SCHEDULERS[platform].hasFiles?.(name, context.env) === true);
}

export interface TaskRequest {
  platform: TaskPlatform | undefined;
  name: string;
}

export async function removeTask(request: TaskRequest, context: SchedulerContext): Promise<void> {
  const name = validateTaskName(request.name);
  const platform = request.platform ?? installedLinuxPlatform(name, context) ?? resolvePlatform(undefined, context);
  requireHost(platform, context.hostPlatform);
  return SCHEDULERS[platform].remove(name, context);
}

export async function taskStatus(request: TaskRequest, context: SchedulerContext): Promise<TaskStatus> {
  const name = validateTaskName(request.name);
  const platform = request.platform ?? installedLinuxPlatform(name, context) ?? resolvePlatform(undefined, context);
  return SCHEDULERS[platform].status(name, context);
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** task-status for people: one fact per line, then the differences and notes. */
export function formatTaskStatus(status: TaskStatus): string {
  const rows: [string, string][] = [
    ['task', `${status.name} (${status.platform})`],
    ['installed', yesNo(status.installed)],
  ];
  if (status.state !== undefined) rows.push(['state', status.state]);
  if (status.lastRun !== undefined) rows.push(['last run', status.lastRun]);
  if (status.lastResult !== undefined) rows.push(['last result', status.lastResult.text]);
  if (status.nextRun !== undefined) rows.push(['next run', status.nextRun]);
  if (status.matchesSetup !== undefined) {
    rows.push(['as setup', status.matchesSetup ? 'yes: it is what `ddns setup-task` writes for its interval and config' : 'no: run `ddns setup-task` again to rewrite it']);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  for (const difference of status.differences) lines.push(`  - ${difference}`);
  for (const note of status.notes) lines.push(note);
  return lines.join('\n');
}
