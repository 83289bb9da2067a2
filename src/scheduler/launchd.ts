import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { EXIT_MEANING } from '../core/exit-codes.js';
import { hardenConfigOnPosix, readIfExists, removeIfExists, textDifferences, writeSchedulerFile } from './files.js';
import { intervalOf } from './interval.js';
import { checkArguments } from './invocation.js';
import { describeFailure, SchedulerError, type RunResult } from './runner.js';
import { firstLine } from '../text.js';
import { refusedWithoutRoot } from '../messages.js';
import { escapeXmlText, fillTemplate, loadTemplate } from './templates.js';
import type { SchedulerContext, TaskResult, TaskSpec, TaskStatus } from './types.js';

/** Where the job's plist goes; DDNS_LAUNCHD_DIR moves it (tests, packagers). */
export function launchdDir(env: NodeJS.ProcessEnv): string {
  return env.DDNS_LAUNCHD_DIR?.trim() || '/Library/LaunchDaemons';
}

/** The launchd label is the task name, so `--name` means the same thing on every platform. */
export function plistPath(name: string, env: NodeJS.ProcessEnv): string {
  return path.posix.join(launchdDir(env), `${name}.plist`);
}

export async function renderPlist(spec: TaskSpec): Promise<string> {
  const programArguments = [spec.invocation.executable, ...checkArguments(spec.invocation, spec.configPath)]
    .map((argument) => `    <string>${escapeXmlText(argument)}</string>`)
    .join('\n');
  // Values are escaped here because one of them is markup (the argument list).
  return fillTemplate(await loadTemplate('ddns.plist'), {
    label: escapeXmlText(spec.name),
    programArguments,
    intervalSeconds: String(spec.interval.seconds),
  });
}

function launchctlError(args: readonly string[], result: RunResult): SchedulerError {
  if (result.notFound) return new SchedulerError('launchctl was not found: launchd jobs exist only on macOS');
  if (/Operation not permitted|Permission denied|must be run as root|Not privileged/i.test(`${result.stderr}\n${result.stdout}`)) {
    return new SchedulerError(refusedWithoutRoot(`launchctl ${args.slice(0, 2).join(' ')}`));
  }
  return new SchedulerError(describeFailure('launchctl', args, result));
}

export async function installLaunchd(spec: TaskSpec, context: SchedulerContext): Promise<void> {
  const file = plistPath(spec.name, context.env);
  await writeSchedulerFile(file, await renderPlist(spec));
  context.say(`wrote ${file}`);
  context.say(await hardenConfigOnPosix(spec.configPath));
  // A job that is already loaded keeps its old definition: unload it first (failing is fine: it was not loaded).
  await context.runner('launchctl', ['bootout', `system/${spec.name}`]);
  const args = ['bootstrap', 'system', file];
  const result = await context.runner('launchctl', args);
  if (result.exitCode !== 0) throw launchctlError(args, result);
  context.say(`loaded ${spec.name} into launchd: a run now (RunAtLoad, and at every boot), then every ${spec.interval.text}`);
  context.say(`state: sudo launchctl print system/${spec.name}    or: ddns task-status`);
}

export async function removeLaunchd(name: string, context: SchedulerContext): Promise<void> {
  const file = plistPath(name, context.env);
  const bootout = await context.runner('launchctl', ['bootout', `system/${name}`]);
  const removed = await removeIfExists(file);
  if (!removed && bootout.exitCode !== 0) throw new SchedulerError(`nothing to remove: no ${file}, and launchd has no job ${name}`);
  if (bootout.exitCode === 0) context.say(`unloaded ${name} from launchd`);
  if (removed) context.say(`removed ${file}`);
}

/** Reads `launchctl print system/<label>`: state, last exit code and run count. */
export function parseLaunchctlPrint(text: string): { state?: string; lastExit?: TaskResult; runs?: number } {
  const state = /^\s*state = (.+)$/m.exec(text)?.[1]?.trim();
  const lastExitText = /^\s*last exit code = (.+)$/m.exec(text)?.[1]?.trim();
  const runs = /^\s*runs = (\d+)$/m.exec(text)?.[1];
  let lastExit: TaskResult | undefined;
  if (lastExitText !== undefined) {
    const code = /^-?\d+/.exec(lastExitText)?.[0];
    if (code === undefined) lastExit = { text: lastExitText.includes('never') ? 'has not run yet' : lastExitText };
    else {
      const value = Number(code);
      const meaning = EXIT_MEANING[value];
      lastExit = { code: value, text: meaning ? `exit ${value}: ${meaning}` : `exit ${value}` };
    }
  }
  return { ...(state ? { state } : {}), ...(lastExit ? { lastExit } : {}), ...(runs ? { runs: Number(runs) } : {}) };
}

const plistParser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, ignoreAttributes: true, trimValues: true });

/** The interval and config of an installed plist. */
export function recoverPlist(text: string): { intervalSeconds?: number; configPath?: string } {
  const parsed = plistParser.parse(text) as { plist?: { dict?: { key?: unknown; integer?: unknown; array?: { string?: unknown } } } };
  const dict = parsed.plist?.dict;
  const interval = Number(dict?.integer);
  const strings = dict?.array?.string;
  const args = Array.isArray(strings) ? strings.map(String) : [];
  const configIndex = args.indexOf('--config');
  return {
    ...(Number.isInteger(interval) && interval > 0 ? { intervalSeconds: interval } : {}),
    ...(configIndex >= 0 && args[configIndex + 1] !== undefined ? { configPath: args[configIndex + 1] } : {}),
  };
}

export async function launchdStatus(name: string, context: SchedulerContext): Promise<TaskStatus> {
  const file = plistPath(name, context.env);
  const status: TaskStatus = { platform: 'launchd', name, installed: false, differences: [], notes: [] };
  const installed = await readIfExists(file);
  const result = await context.runner('launchctl', ['print', `system/${name}`]);
  const loaded = result.exitCode === 0;
  status.installed = installed !== undefined || loaded;
  if (!status.installed) {
    status.notes.push(`no ${file} and no launchd job ${name} (\`ddns setup-task\` installs it)`);
    return status;
  }
  if (loaded) {
    const printed = parseLaunchctlPrint(result.stdout);
    status.state = printed.state ?? 'loaded';
    if (printed.lastExit) status.lastResult = printed.lastExit;
    if (printed.runs !== undefined) status.notes.push(`runs since it was loaded: ${printed.runs}`);
  } else {
    status.state = 'not loaded';
    status.notes.push(`launchd does not have it loaded (${firstLine(result.stderr) || `exit ${result.exitCode}`}): sudo launchctl bootstrap system ${file}`);
  }
  if (installed !== undefined) {
    const recovered = recoverPlist(installed);
    if (recovered.configPath !== undefined) status.configPath = recovered.configPath;
    if (recovered.intervalSeconds !== undefined) status.intervalSeconds = recovered.intervalSeconds;
    if (recovered.intervalSeconds === undefined || recovered.configPath === undefined) {
      status.matchesSetup = false;
      status.differences.push('not made by `ddns setup-task` (no StartInterval or --config found)');
    } else {
      const expected = await renderPlist({
        name,
        interval: intervalOf(recovered.intervalSeconds),
        configPath: recovered.configPath,
        invocation: context.invocation,
      });
      status.differences = textDifferences(path.posix.basename(file), installed, expected);
      status.matchesSetup = status.differences.length === 0;
    }
  }
  status.notes.push('launchd keeps no run times: `ddns status` lists the last runs; the ddns log has every change and error (`ddns config path`)');
  return status;
}
