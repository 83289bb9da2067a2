import { existsSync } from 'node:fs';
import path from 'node:path';
import { hardenConfigOnPosix, readIfExists, removeIfExists, textDifferences, writeSchedulerFile } from './files.js';
import { cronSchedule, cronScheduleSeconds, intervalOf } from './interval.js';
import { checkArguments, type Invocation } from './invocation.js';
import { SchedulerError } from './runner.js';
import { fillTemplate, loadTemplate } from './templates.js';
import type { SchedulerContext, TaskSpec, TaskStatus } from './types.js';

/** Where the cron entry goes; DDNS_CRON_DIR moves it (tests, packagers). */
export function cronDir(env: NodeJS.ProcessEnv): string {
  return env.DDNS_CRON_DIR?.trim() || '/etc/cron.d';
}

export function cronFilePath(name: string, env: NodeJS.ProcessEnv): string {
  return path.posix.join(cronDir(env), name);
}

/** One word for /bin/sh: single-quoted, with `'` closed, escaped and reopened. */
export function shellQuote(value: string): string {
  if (/[\u0000-\u001F\u007F]/.test(value)) throw new SchedulerError(`cannot put ${JSON.stringify(value)} into a cron entry: it contains a control character`);
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command field: quoted node, script and config, `-q` so cron mails only failed runs.
 * cron turns an unescaped `%` into a newline, so every `%` is escaped (cron removes the backslash).
 */
export function cronCommand(invocation: Invocation, configPath: string): string {
  const words = [invocation.executable, ...checkArguments(invocation, configPath, ['-q'])];
  const plain = new Set(['check', '--config', '-q']);
  return words.map((word) => (plain.has(word) ? word : shellQuote(word))).join(' ').replace(/%/g, '\\%');
}

export async function renderCronFile(spec: TaskSpec): Promise<string> {
  return fillTemplate(await loadTemplate('ddns.cron'), {
    intervalText: spec.interval.text,
    schedule: cronSchedule(spec.interval),
    command: cronCommand(spec.invocation, spec.configPath),
  });
}

export async function installCron(spec: TaskSpec, context: SchedulerContext): Promise<void> {
  const content = await renderCronFile(spec);
  const dir = cronDir(context.env);
  if (!existsSync(dir)) {
    throw new SchedulerError(
      `${dir} does not exist on this machine, so there is no system cron table to add a file to; ` +
        `add this line to root's crontab instead (sudo crontab -e): ${cronSchedule(spec.interval)} ${cronCommand(spec.invocation, spec.configPath)}`,
    );
  }
  const file = cronFilePath(spec.name, context.env);
  await writeSchedulerFile(file, content);
  context.say(`wrote ${file}: ddns check every ${spec.interval.text} as root (cron reads it within a minute)`);
  context.say(await hardenConfigOnPosix(spec.configPath));
  context.say('history: cron keeps none; `ddns status` lists the last runs, and the ddns log has every change and error (`ddns config path`)');
}

export async function removeCron(name: string, context: SchedulerContext): Promise<void> {
  const file = cronFilePath(name, context.env);
  if (!(await removeIfExists(file))) throw new SchedulerError(`nothing to remove: ${file} does not exist`);
  context.say(`removed ${file}`);
}

/** The interval and config of an installed entry, read back from its schedule and command. */
export function recoverCronFile(text: string): { intervalSeconds?: number; configPath?: string } {
  const line = text.split(/\r?\n/).find((candidate) => !candidate.trimStart().startsWith('#') && /^\s*(\S+\s+){5}root\s/.test(candidate));
  if (!line) return {};
  const intervalSeconds = cronScheduleSeconds(line.trim().split(/\s+/).slice(0, 5).join(' '));
  const config = /\s--config\s+'((?:[^']|'\\'')*)'/.exec(line)?.[1];
  return {
    ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
    ...(config !== undefined ? { configPath: config.replace(/'\\''/g, "'").replace(/\\%/g, '%') } : {}),
  };
}

export async function cronStatus(name: string, context: SchedulerContext): Promise<TaskStatus> {
  const file = cronFilePath(name, context.env);
  const status: TaskStatus = { platform: 'cron', name, installed: false, differences: [], notes: [] };
  const installed = await readIfExists(file);
  if (installed === undefined) {
    status.notes.push(`no ${file} (\`ddns setup-task --platform cron\` installs it)`);
    return status;
  }
  status.installed = true;
  status.state = `installed in ${file}`;
  const recovered = recoverCronFile(installed);
  if (recovered.configPath !== undefined) status.configPath = recovered.configPath;
  if (recovered.intervalSeconds !== undefined) status.intervalSeconds = recovered.intervalSeconds;
  if (recovered.intervalSeconds === undefined || recovered.configPath === undefined) {
    status.matchesSetup = false;
    status.differences.push('not made by `ddns setup-task` (no schedule or --config found)');
  } else {
    const expected = await renderCronFile({
      name,
      interval: intervalOf(recovered.intervalSeconds),
      configPath: recovered.configPath,
      invocation: context.invocation,
    });
    status.differences = textDifferences(name, installed, expected);
    status.matchesSetup = status.differences.length === 0;
  }
  status.notes.push(
    'cron keeps no run history: `ddns status` lists the last runs with their exit codes; ' +
      "cron's own log: journalctl -u cron (or grep CRON /var/log/syslog)",
  );
  return status;
}
