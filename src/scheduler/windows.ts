import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { EXIT_MEANING } from '../core/exit-codes.js';
import { VERSION } from '../version.js';
import { BOOT_DELAY_SECONDS, isoDuration, parseIsoDuration, RUN_TIME_LIMIT_SECONDS } from './interval.js';
import { checkArguments, type Invocation } from './invocation.js';
import { describeFailure, SchedulerError, type RunResult, type Runner } from './runner.js';
import { firstLine } from '../text.js';
import { escapeXmlText, fillTemplate, loadTemplate } from './templates.js';
import type { SchedulerContext, TaskResult, TaskSpec, TaskStatus } from './types.js';
import { EVENT_ID, writeWindowsEvent } from './windows-events.js';

/** Well-known SIDs: the same in every Windows display language, unlike "SYSTEM" or "Administrators". */
export const SYSTEM_SID = 'S-1-5-18';
export const ADMINISTRATORS_SID = 'S-1-5-32-544';

export const NOT_ELEVATED =
  'this needs administrator rights: run it from an elevated prompt (right-click the terminal, "Run as administrator")';

/**
 * Quotes one argument for a Windows command line the way the C runtime (and node) split it again.
 * Windows paths cannot contain `"`; a value with one, or with a control character, is refused.
 */
export function quoteWindowsArgument(value: string): string {
  if (/["\u0000-\u001F]/.test(value)) {
    throw new SchedulerError(`cannot put ${JSON.stringify(value)} on a Windows command line: it contains a quote or a control character`);
  }
  // Backslashes before the closing quote would escape it: double them.
  return `"${value.replace(/(\\+)$/, '$1$1')}"`;
}

/** The task's Exec action: the quoted executable, and the quoted script with `check --config "<config>"`. */
export function windowsExec(invocation: Invocation, configPath: string): { command: string; arguments: string } {
  const quoted = (value: string) => (value === 'check' || value === '--config' ? value : quoteWindowsArgument(value));
  return {
    command: quoteWindowsArgument(invocation.executable),
    arguments: checkArguments(invocation, configPath).map(quoted).join(' '),
  };
}

/**
 * The task XML as text, declared UTF-16: what it is once `encodeTaskXml` has made the bytes
 * schtasks imports. Text shown or saved in another encoding must say so (`declareXmlEncoding`).
 */
export async function renderWindowsTaskXml(spec: TaskSpec): Promise<string> {
  const exec = windowsExec(spec.invocation, spec.configPath);
  return fillTemplate(
    await loadTemplate('windows-task.xml'),
    {
      description: `ddns ${VERSION}: update dynamic DNS records at boot and every ${spec.interval.text} (installed by ddns setup-task as "${spec.name}")`,
      bootDelay: isoDuration(BOOT_DELAY_SECONDS),
      interval: isoDuration(spec.interval.seconds),
      timeLimit: isoDuration(RUN_TIME_LIMIT_SECONDS),
      command: exec.command,
      arguments: exec.arguments,
    },
    escapeXmlText,
  );
}

const XML_DECLARATION_ENCODING = /^(<\?xml\s[^?]*?\bencoding\s*=\s*)(["'])[^"']*\2/;

/**
 * The document with its declaration naming `encoding`. An XML parser reads the bytes as the
 * declaration says: UTF-8 bytes under "UTF-16" are refused (xmllint, schtasks), so whatever
 * writes the document in an encoding must declare that one.
 */
export function declareXmlEncoding(xml: string, encoding: 'UTF-8' | 'UTF-16'): string {
  if (!XML_DECLARATION_ENCODING.test(xml)) throw new Error('the task XML does not start with a declaration that names its encoding');
  return xml.replace(XML_DECLARATION_ENCODING, `$1$2${encoding}$2`);
}

/** UTF-16 LE with a byte order mark and CRLF line ends, declared UTF-16: what `schtasks /Create /XML` accepts. */
export function encodeTaskXml(xml: string): Buffer {
  const crlf = declareXmlEncoding(xml, 'UTF-16').replace(/\r?\n/g, '\r\n');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
}

/** The bytes of the file setup-task hands to `schtasks /Create /XML`; `setup-task --output` writes the same. */
export async function windowsTaskFile(spec: TaskSpec): Promise<Buffer> {
  return encodeTaskXml(await renderWindowsTaskXml(spec));
}

/**
 * Fails early, in any display language, when the prompt is not elevated: `fltmc` needs
 * administrator rights and says so only through its exit code. Where it does not exist, schtasks decides.
 */
export async function requireElevation(runner: Runner): Promise<void> {
  const result = await runner('fltmc', []);
  if (result.notFound) return;
  if (result.exitCode !== 0) throw new SchedulerError(NOT_ELEVATED);
}

function schtasksError(what: string, args: readonly string[], result: RunResult): SchedulerError {
  if (result.notFound) return new SchedulerError(`could not ${what}: schtasks was not found (it is part of Windows)`);
  if (/access is denied/i.test(`${result.stderr}\n${result.stdout}`)) return new SchedulerError(`could not ${what}: ${NOT_ELEVATED}`);
  return new SchedulerError(`could not ${what}: ${describeFailure('schtasks', args, result)}`);
}

/** Removes inherited access from the config (which holds API secrets): SYSTEM and Administrators only. */
export async function hardenConfigOnWindows(configPath: string, runner: Runner): Promise<string> {
  const args = [configPath, '/inheritance:r', '/grant:r', `*${SYSTEM_SID}:F`, `*${ADMINISTRATORS_SID}:F`];
  const result = await runner('icacls', args);
  if (result.exitCode !== 0) {
    throw new SchedulerError(
      `the task is installed, but the config file's access could not be restricted: ${describeFailure('icacls', args, result)}; ` +
        `run: icacls "${configPath}" /inheritance:r /grant:r *${SYSTEM_SID}:F *${ADMINISTRATORS_SID}:F`,
    );
  }
  return `config ${configPath}: inherited access removed; full control for SYSTEM and Administrators only (icacls /inheritance:r /grant:r)`;
}

export async function installWindowsTask(spec: TaskSpec, context: SchedulerContext): Promise<void> {
  const { runner } = context;
  await requireElevation(runner);
  const bytes = await windowsTaskFile(spec);
  const dir = await mkdtemp(path.join(context.tempDir, 'ddns-task-'));
  const file = path.join(dir, `${spec.name}.xml`);
  try {
    await writeFile(file, bytes);
    const args = ['/Create', '/XML', file, '/TN', spec.name, '/F'];
    const result = await runner('schtasks', args);
    if (result.exitCode !== 0) throw schtasksError(`create the task "${spec.name}"`, args, result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const exec = windowsExec(spec.invocation, spec.configPath);
  context.say(`created scheduled task "${spec.name}": at boot (after ${BOOT_DELAY_SECONDS / 60}m) and every ${spec.interval.text}, as SYSTEM, whether or not anyone is logged on`);
  context.say(`  runs: ${exec.command} ${exec.arguments}`);
  context.say(await hardenConfigOnWindows(spec.configPath, runner));
  // Registers the event source while we are elevated; the task's own runs (as SYSTEM) add to it.
  await writeWindowsEvent(runner, {
    type: 'INFORMATION',
    id: EVENT_ID.TASK_INSTALLED,
    message: `scheduled task "${spec.name}" installed by ddns setup-task: every ${spec.interval.text}, config ${spec.configPath}`,
  }).then(
    () => context.say('Event Viewer: Windows Logs > Application, source "ddns" (changes and failures of each run)'),
    (error: unknown) => context.warn(`note: ${error instanceof Error ? error.message : String(error)}`),
  );
  context.say(`run it now: schtasks /Run /TN ${spec.name}    then: ddns task-status --name ${spec.name}`);
}

export async function removeWindowsTask(name: string, context: SchedulerContext): Promise<void> {
  await requireElevation(context.runner);
  const args = ['/Delete', '/TN', name, '/F'];
  const result = await context.runner('schtasks', args);
  if (result.exitCode !== 0) {
    throw new SchedulerError(`${schtasksError(`delete the task "${name}"`, args, result).message} (is it installed? see \`ddns task-status --name ${name}\`)`);
  }
  context.say(`deleted scheduled task "${name}"`);
}

// ---------------------------------------------------------------------------------------------
// task-status

/** Task Scheduler's own status codes that show up as "Last Result". */
const TASK_SCHEDULER_CODES: Record<number, string> = {
  0x41300: 'ready to run (0x41300)',
  0x41301: 'running now (0x41301)',
  0x41302: 'the task is disabled (0x41302)',
  0x41303: 'has not run yet (0x41303)',
  0x41304: 'no more runs are scheduled (0x41304)',
  0x41306: 'the last run was stopped: ended by a user or by the time limit (0x41306)',
  0x8004131f: 'an instance was already running, so this start was skipped (0x8004131F)',
  0x800710e0: 'the start was refused: a condition such as battery or idle was not met (0x800710E0)',
  0x80070002: 'the program was not found (0x80070002): node or ddns moved; run `ddns setup-task` again',
  0x80070005: 'access denied starting the program (0x80070005)',
  0x8007010b: 'the start-in directory does not exist (0x8007010B)',
  0xc000013a: 'the process was stopped (0xC000013A)',
};

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase()}`;
}

/** Decodes "Last Result" (decimal, signed or not, or hex) with the ddns exit-code table and Task Scheduler's codes. */
export function decodeTaskResult(raw: string | number): TaskResult {
  const text = String(raw).trim();
  let value: number;
  if (/^-?\d+$/.test(text)) value = Number(text);
  else if (/^0x[0-9a-f]+$/i.test(text)) value = Number.parseInt(text.slice(2), 16);
  else return { text: text || 'unknown' };
  const code = value >>> 0;
  const meaning = EXIT_MEANING[code];
  if (meaning !== undefined) return { code, text: `exit ${code}: ${meaning}` };
  const known = TASK_SCHEDULER_CODES[code];
  if (known !== undefined) return { code, text: known };
  if (code < 256) return { code, text: `exit ${code}` };
  return { code, text: `${hex(code)} (a Windows error code)` };
}

/** The fields of `schtasks /Query /V /FO CSV` that task-status shows. */
export interface SchtasksRow {
  taskName: string;
  nextRunTime: string;
  status: string;
  lastRunTime: string;
  lastResult: string;
  taskToRun: string;
}

/**
 * Column positions of the verbose CSV view. Windows translates the header and the values, never
 * the order, so fields are read by position and header rows (in any language) are skipped by
 * shape: a task's row names it by its full path, which starts with "\".
 */
const COLUMN = { taskName: 1, nextRunTime: 2, status: 3, lastRunTime: 5, lastResult: 6, taskToRun: 8 } as const;

const CSV_OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true } as const;

function csvRows(text: string): string[][] {
  try {
    return parseCsv(text, CSV_OPTIONS) as string[][];
  } catch {
    // A quote in "Task To Run" that schtasks did not double can break the CSV; the columns read
    // here all come before it and never hold a quote, so parse just the first seven of each line.
    return text
      .split(/\r?\n/)
      .map((line) => /^(?:"[^"]*",){7}/.exec(line.trim())?.[0])
      .filter((prefix): prefix is string => prefix !== undefined)
      .map((prefix) => (parseCsv(prefix.slice(0, -1), CSV_OPTIONS) as string[][])[0] ?? []);
  }
}

export function parseSchtasksVerboseCsv(text: string): SchtasksRow | undefined {
  const rows = csvRows(text);
  const row = rows.find((candidate) => (candidate[COLUMN.taskName] ?? '').startsWith('\\'));
  if (!row) return undefined;
  const at = (index: number) => row[index] ?? '';
  return {
    taskName: at(COLUMN.taskName),
    nextRunTime: at(COLUMN.nextRunTime),
    status: at(COLUMN.status),
    lastRunTime: at(COLUMN.lastRunTime),
    lastResult: at(COLUMN.lastResult),
    taskToRun: at(COLUMN.taskToRun),
  };
}

type XmlNode = string | number | boolean | null | undefined | XmlNode[] | { [key: string]: XmlNode };

const taskXmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  ignoreDeclaration: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

export function parseTaskXml(xml: string): { [key: string]: XmlNode } {
  const parsed = taskXmlParser.parse(xml.replace(/^\uFEFF/, '')) as { [key: string]: XmlNode };
  const task = parsed.Task;
  if (!task || typeof task !== 'object' || Array.isArray(task)) throw new SchedulerError('the task XML has no <Task> element');
  return task;
}

function child(node: XmlNode, key: string): XmlNode {
  return node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
}

function textAt(node: XmlNode, keys: string[]): string | undefined {
  let current = node;
  for (const key of keys) current = child(current, key);
  return typeof current === 'string' ? current : undefined;
}

/** The interval and config an installed task was made with, so status can compare it with what setup would write for them. */
export function recoverWindowsTask(xml: string): { intervalSeconds?: number; configPath?: string } {
  const task = parseTaskXml(xml);
  const interval = textAt(task, ['Triggers', 'TimeTrigger', 'Repetition', 'Interval']);
  const args = textAt(task, ['Actions', 'Exec', 'Arguments']) ?? '';
  const config = /--config\s+(?:"([^"]*)"|(\S+))/.exec(args);
  const intervalSeconds = interval === undefined ? undefined : parseIsoDuration(interval);
  return {
    ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
    ...(config ? { configPath: config[1] ?? config[2] } : {}),
  };
}

/** Parts of the task Windows rewrites on import or that carry no behaviour; not compared. */
const IGNORED_KEYS = new Set(['RegistrationInfo', '@version', '@xmlns', 'StartBoundary']);
const DURATION_KEYS = new Set(['Interval', 'Delay', 'ExecutionTimeLimit', 'Duration']);

function sameValue(key: string, installed: string, expected: string): boolean {
  if (installed === expected) return true;
  if (DURATION_KEYS.has(key)) return parseIsoDuration(installed) === parseIsoDuration(expected) && parseIsoDuration(installed) !== undefined;
  if (key === 'UserId' && expected === SYSTEM_SID) return /^(S-1-5-18|(.*\\)?SYSTEM)$/i.test(installed);
  if (key === 'Command') return installed.replace(/^"|"$/g, '').toLowerCase() === expected.replace(/^"|"$/g, '').toLowerCase();
  if (/^(true|false)$/i.test(expected)) return installed.toLowerCase() === expected.toLowerCase();
  return false;
}

/**
 * Every value setup would write that the installed task lacks or holds differently, as
 * "Settings.ExecutionTimeLimit: installed PT72H, setup writes PT10M". Extra elements Windows
 * adds with default values are not differences.
 */
export function taskXmlDifferences(installedXml: string, expectedXml: string): string[] {
  const differences: string[] = [];
  const walk = (expected: XmlNode, installed: XmlNode, trail: string[]): void => {
    if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
      for (const [key, value] of Object.entries(expected)) {
        if (IGNORED_KEYS.has(key)) continue;
        walk(value, child(installed, key), [...trail, key]);
      }
      return;
    }
    const where = trail.join('.');
    const key = trail[trail.length - 1] ?? '';
    const wanted = String(expected ?? '');
    if (installed === undefined) differences.push(`${where}: missing, setup writes ${wanted}`);
    else if (typeof installed !== 'string') differences.push(`${where}: installed differs in shape, setup writes ${wanted}`);
    else if (!sameValue(key, installed, wanted)) differences.push(`${where}: installed ${installed}, setup writes ${wanted}`);
  };
  walk(parseTaskXml(expectedXml), parseTaskXml(installedXml), []);
  return differences;
}

export async function windowsTaskStatus(name: string, context: SchedulerContext, expectedXml: (recovered: ReturnType<typeof recoverWindowsTask>) => Promise<string | undefined>): Promise<TaskStatus> {
  const status: TaskStatus = { platform: 'windows', name, installed: false, differences: [], notes: [] };
  const xmlArgs = ['/Query', '/TN', name, '/XML'];
  const xmlResult = await context.runner('schtasks', xmlArgs);
  if (xmlResult.notFound) throw new SchedulerError('schtasks was not found: Windows task status can only be read on Windows');
  if (xmlResult.exitCode !== 0) {
    status.notes.push(
      `schtasks could not read "${name}": ${firstLine(xmlResult.stderr) || `exit ${xmlResult.exitCode}`}`,
      'it may not exist (`ddns setup-task` creates it), or reading a SYSTEM task may need an elevated prompt',
    );
    return status;
  }
  status.installed = true;
  const csvArgs = ['/Query', '/TN', name, '/V', '/FO', 'CSV'];
  const csvResult = await context.runner('schtasks', csvArgs);
  const row = csvResult.exitCode === 0 ? parseSchtasksVerboseCsv(csvResult.stdout) : undefined;
  if (row) {
    status.state = row.status;
    status.lastResult = decodeTaskResult(row.lastResult);
    status.lastRun = status.lastResult.code === 0x41303 ? 'never' : row.lastRunTime;
    status.nextRun = row.nextRunTime;
  } else {
    status.notes.push(`could not read the run history: ${csvResult.exitCode === 0 ? 'no task row in the output of schtasks /Query /V /FO CSV' : describeFailure('schtasks', csvArgs, csvResult)}`);
  }
  try {
    const recovered = recoverWindowsTask(xmlResult.stdout);
    if (recovered.configPath !== undefined) status.configPath = recovered.configPath;
    if (recovered.intervalSeconds !== undefined) status.intervalSeconds = recovered.intervalSeconds;
    const expected = await expectedXml(recovered);
    if (expected === undefined) {
      status.matchesSetup = false;
      status.differences.push('not made by `ddns setup-task` (no repetition interval or --config argument found)');
    } else {
      status.differences = taskXmlDifferences(xmlResult.stdout, expected);
      status.matchesSetup = status.differences.length === 0;
    }
  } catch (error) {
    status.notes.push(`could not compare the task with what setup writes: ${error instanceof Error ? error.message : String(error)}`);
  }
  status.notes.push(
    'history: Task Scheduler > Task Scheduler Library > select the task > History; ' +
      'Event Viewer > Windows Logs > Application, source "ddns"',
  );
  return status;
}
