/**
 * Every sentence `ddns doctor` shows, in one place. Plain ASCII only: the report must read the same
 * in a Windows console (code page 437/850), a log file and a terminal.
 */
import { formatDuration } from '../config/duration.js';
import { plural, printableExcerpt } from '../text.js';
import { MAX_DETAIL_LENGTH, ownerOnlyCommand, SYNC_CLOCK_HINT } from '../messages.js';
import { EXIT_MEANING } from '../core/exit-codes.js';
import { familyName, type Family } from '../domain.js';
import { SCHEDULERS } from '../scheduler/registry.js';
import type { TaskPlatform } from '../scheduler/types.js';
import type { CheckStatus, DoctorCheck, DoctorReport } from './types.js';

/** Text that came from a server or a command: one line, printable, not endless. */
export function foreign(text: string): string {
  return printableExcerpt(text, MAX_DETAIL_LENGTH);
}

function exitText(code: number): string {
  const meaning = EXIT_MEANING[code];
  return meaning ? `exit ${code} (${meaning})` : `exit ${code}`;
}


export const TEXT = {
  // ---- config
  configTitle: 'config',
  configOk: (path: string, providers: number, records: number) => `${path}: ${plural(providers, 'provider')}, ${plural(records, 'record')}`,
  configProblems: (path: string, count: number) => `${path}: ${plural(count, 'problem')}`,
  configIgnoredKeys: (count: number) => `${count === 1 ? 'a key has' : `${count} keys have`} no effect (see below); everything else is valid`,
  configIgnoredHint: 'remove the lines above: they change nothing for that provider',
  configHint: 'fix the lines above (`ddns config validate` lists them too), then run `ddns doctor` again to check the IP sources, providers, state and lock',
  configMissingHint: (path: string) => `create it with \`ddns config init --config "${path}"\`, or point doctor at yours with --config`,

  permissionsTitle: 'config file permissions',
  permissionsWindows: 'not checked on Windows: `ddns setup-task` restricts the file to SYSTEM and Administrators',
  permissionsNoSecrets: 'holds no secrets',
  permissionsSecretsElsewhere: 'holds no secret itself (they come from environment variables or secret files)',
  permissionsOk: 'holds secrets and is readable only by its owner',
  permissionsHint: ownerOnlyCommand,

  // ---- IP sources
  sourceTitle: (family: Family, label: string) => `${familyName(family)} source ${label}`,
  sourceAnswered: (ip: string, ms: number) => `${ip} in ${formatDuration(ms)}`,
  sourceFailed: (reason: string, ms: number) => `${foreign(reason)} (after ${formatDuration(ms)})`,
  sourceFailedHint: 'the other sources are used while this one fails; replace or remove it if it keeps failing',
  familyTitle: (family: Family) => `${familyName(family)} detection`,
  familyAgreed: (ip: string, agreeing: number, answered: number, total: number, quorum: number) =>
    `${ip}: ${agreeing} of ${total} sources agree (${answered} answered, quorum ${quorum})`,
  familyDisagreeButQuorum: (ip: string, others: string) => `${ip} reaches the quorum, but other sources say ${others}`,
  familyDisagreeHint: 'sources that disagree usually mean a VPN, a proxy or a second Internet line; set quorum = 2 in [ip.*] to publish only an address two sources agree on',
  familyNoAnswer: (total: number) => `no usable address from any of the ${plural(total, 'source')}`,
  familyNoAnswerHint: (family: Family) =>
    family === 'ipv6'
      ? 'check that this machine has IPv6 Internet access (the AAAA records need it), or remove the AAAA records'
      : 'check the network connection and the sources in [ip.ipv4]; `ddns check -v` shows each request',
  familyNoQuorum: (quorum: number, answers: string) => `quorum ${quorum} not reached: ${answers}`,
  familyNoQuorumHint: 'add sources or lower quorum in the [ip.*] table, or find out why the sources disagree (VPN, proxy, second line)',
  familyNotConfigured: (family: Family) => `records need ${familyName(family)} but there is no [ip.${family}] table`,
  familyNotConfiguredHint: (family: Family) => `add an [ip.${family}] table with sources (\`ddns config init\` writes an example)`,
  familyNote: 'each source asked once, no retries (a scheduled `ddns check` waits up to detect_wait for the network)',

  // ---- providers
  providerTitle: (name: string, type: string) => `provider ${name} (${type})`,
  providerCredentialsOk: (read: number) => `credentials accepted (read-only lookups of ${plural(read, 'record')})`,
  providerCredentialsRejected: (reason: string) => `credentials rejected: ${foreign(reason)}`,
  providerCredentialsHint: (name: string, line: number | undefined) =>
    `fix the credentials in [[provider]] "${name}"${line === undefined ? '' : ` (line ${line})`}; the detail says what the provider refused`,
  providerNotConfirmed: (reason: string) => `credentials not confirmed: ${foreign(reason)}`,
  providerUnusable: (reason: string) => `cannot be set up: ${foreign(reason)}`,
  providerUnknownType: (type: string) => `unknown provider type "${type}"`,
  providerWriteOnly: (records: number) =>
    `write-only API: it has no read-only call, so the credentials are only tested by a real update (${plural(records, 'record')} below show the last confirmed state)`,
  providerNoRecords: 'no record uses this provider',

  recordTitle: (name: string, type: string, provider: string) => `record ${name} ${type} (${provider})`,
  recordExistsCurrent: (content: string) => `exists with ${content}, the detected address`,
  recordExistsDiffers: (content: string, detected: string) => `exists with ${content}; the next \`ddns check\` updates it to ${detected}`,
  recordExists: (content: string) => `exists with ${content}`,
  recordMissing: 'not there yet; the next `ddns check` creates it',
  recordProviderWarning: (warning: string) => foreign(warning),
  recordNotChecked: 'not checked: the provider rejected the credentials',
  recordAuthFailed: (reason: string) => `credentials rejected: ${foreign(reason)}`,
  recordZoneNotFound: (reason: string) => `zone not found: ${foreign(reason)}`,
  recordZoneHint: (line: number | undefined) =>
    `check the record name, or set zone = "..." in its [[record]]${line === undefined ? '' : ` (line ${line})`}; also check that the credentials may see that zone`,
  recordConfigRefused: (reason: string) => `the provider refused the request: ${foreign(reason)}`,
  recordConfigHint: (line: number | undefined) => `check this [[record]]${line === undefined ? '' : ` (line ${line})`} and its provider's settings`,
  recordClockRefused: (reason: string) => `the provider says this machine's clock is wrong: ${foreign(reason)}`,
  recordUnreachable: (reason: string) => `the provider's API did not answer: ${foreign(reason)}`,
  recordUnreachableHint: 'check the network, settings.proxy and the provider\'s endpoint; the provider may also be down (try again later)',
  recordRateLimited: (reason: string) => `rate limited, try again later: ${foreign(reason)}`,
  recordProtocol: (reason: string) => `unexpected answer: ${foreign(reason)}`,
  recordProtocolHint: 'check the provider\'s endpoint in the config; if it is right, please report this with the output of `ddns check --dry-run -v`',
  recordWriteOnlyNever: 'not checked (write-only API); no update confirmed yet: the next `ddns check` sends the first one',
  recordWriteOnlyConfirmed: (ip: string, ago: string) => `not checked (write-only API); last update confirmed ${ip}, ${ago}`,
  recordWriteOnlyError: (message: string, ago: string) => `not checked (write-only API); the last update failed ${ago}: ${foreign(message)}`,
  recordHeld: (reason: string, since: string) => `sending is paused since ${since}: ${foreign(reason)}`,
  recordHeldHint: 'fix the cause (the message says which), then run `ddns check --force` or change the record or provider settings',
  recordWriteOnlyErrorHint: 'fix the cause, then run `ddns check --force`; `ddns status` and the log show the details',

  // ---- clock
  clockTitle: 'clock',
  clockNoDate: 'not checked: no HTTP server answered with a Date header',
  clockOk: (skew: string, hosts: number) => `within ${skew} of ${plural(hosts, 'server')}' clocks`,
  clockSkewed: (skew: string, direction: 'ahead of' | 'behind', host: string, hosts: number) =>
    `this machine's clock is ${skew} ${direction} ${host}'s (largest of ${plural(hosts, 'server')} asked); signed APIs (Alibaba, Tencent, Huawei, AWS) refuse requests beyond about 5 minutes`,
  clockHint: SYNC_CLOCK_HINT,

  // ---- scheduled task
  taskTitle: (name: string, platform: string) => `scheduled task ${name} (${platform})`,
  taskUnreadable: (reason: string) => `could not read the scheduled task: ${foreign(reason)}`,
  taskUnreadableHint: 'run doctor as the user that installed the task (root, or an elevated prompt on Windows); `ddns task-status` shows the same',
  taskMissing: 'not installed: nothing runs `ddns check` on a schedule',
  taskMissingHint: (configPath: string) => `ddns setup-task --config "${configPath}"`,
  taskOtherConfig: (theirs: string) => `runs with another config: ${theirs}`,
  taskOtherConfigHint: (configPath: string, theirs: string) =>
    `to schedule this config: ddns setup-task --config "${configPath}" (or check that one: ddns doctor --config "${theirs}")`,
  taskDiffers: (count: number) => `differs from what \`ddns setup-task\` writes now (${plural(count, 'difference')}, e.g. another ddns or node path)`,
  taskDiffersHint: (configPath: string) => `rewrite it: ddns setup-task --config "${configPath}"`,
  taskDisabled: (state: string) => `installed but not enabled (${foreign(state)})`,
  taskDisabledHint: (platform: TaskPlatform, name: string) => SCHEDULERS[platform].enableHint(name),
  taskLastRunFailed: (result: string, lastRun: string | undefined) => `last run${lastRun ? ` ${lastRun}` : ''} ended with ${foreign(result)}`,
  taskLastRunFailedHint: 'the other checks above usually show why; `ddns status` lists the last runs and the log has each error',
  /** cron keeps no run history: then only the state says how the last run ended (the state file check). */
  taskOk: (state: string | undefined, lastRun: string | undefined, result: string | undefined) =>
    [state ? foreign(state) : 'installed', ...(lastRun === undefined && result === undefined ? [] : [`last run ${lastRun ?? 'unknown'}${result ? `: ${foreign(result)}` : ''}`])].join('; '),

  // ---- state and lock
  stateTitle: 'state file',
  stateAbsent: (path: string) => `no run yet (${path} does not exist)`,
  stateUnreadable: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  stateUnreadableHint: 'run doctor as the user the scheduled task runs as (root or SYSTEM), or fix the file\'s permissions',
  stateCorrupt: (path: string) => `${path} is not a valid state file`,
  stateCorruptHint: 'nothing to do: the next `ddns check` moves it aside and rebuilds the state from the providers',
  stateNoRuns: (path: string) => `${path} holds no run yet`,
  stateLastRun: (ago: string, exitCode: number, runs: number) => `last run ${ago}: ${exitText(exitCode)}; ${plural(runs, 'run')} recorded`,
  stateLastRunFailedHint: 'the checks above usually show why; `ddns status` lists the last runs and errors',
  stateLastRunOld: (ago: string, interval: string) => `the last run was ${ago}, but runs are expected every ${interval}`,
  stateLastRunOldHint: 'check that the scheduled task runs (`ddns task-status`); on Windows see Task Scheduler > ddns > History',

  recordsTitle: 'record errors in the state',
  recordsClean: (count: number) => `no error recorded for ${plural(count, 'record')}`,
  recordsWithErrors: (count: number) => `${plural(count, 'record')} failed in the last run that touched them`,
  recordErrorLine: (key: string, ago: string, message: string) => `${key}, ${ago}: ${foreign(message)}`,
  recordsHint: 'the record checks above show whether the cause is still there; `ddns status` shows each record',

  lockTitle: 'lock',
  lockFree: (path: string) => `free (${path})`,
  lockHeld: (pid: number | undefined, started: string | undefined, host: string | undefined) =>
    `a run is in progress${pid === undefined ? '' : ` (pid ${pid}${host ? ` on ${host}` : ''}${started ? `, since ${started}` : ''})`}`,
  lockStale: (pid: number | undefined, age: string) =>
    `left behind by a run that ended without releasing it${pid === undefined ? '' : ` (pid ${pid}, no longer running)`}, ${age} old`,
  lockStaleHint: 'nothing to do: the next `ddns check` takes it over',
  lockUnreadable: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  lockUnreadableHint: 'run doctor as the user the scheduled task runs as, or fix the permissions of the state directory',

  // ---- notifiers: judged from the state only; doctor never sends a message
  notifyTitle: (type: string, target: string) => `notify ${type} ${target}`,
  notifyUnused: 'not used yet: no run has sent to it since it was configured (doctor sends nothing)',
  notifyStreak: (since: string, runs: number, alertDelivered: boolean | null) =>
    `runs failing since ${since} (${plural(runs, 'failed run')})${alertDelivered === null ? '' : alertDelivered ? ', alert delivered' : ', alert not delivered'}`,
  notifyOk: (streak: string | undefined) => `last messages delivered${streak ? `; ${streak}` : ''}`,
  notifyUndelivered: (ago: string, message: string, streak: string | undefined) =>
    `the last message (${ago}) was not delivered: ${foreign(message)}${streak ? `; ${streak}` : ''}`,
  notifyUndeliveredHint:
    'check the notifier\'s url, headers and that its receiver is up and accepts the request (`ddns check -v` logs each message); the next run sends it again. The records are not affected',
} as const;

// ---- the report for people

/** What doctor's own exit codes mean (see exitCodeFor): the code `ddns check` would likely end with. */
const DOCTOR_EXIT_MEANING: Record<number, string> = {
  1: 'a check of the clock, the scheduled task, the state or the lock failed',
  2: 'the config has errors',
  3: 'public IP detection would fail',
  4: 'a provider check failed',
};

const STATUS_MARK: Record<CheckStatus, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

export function formatDoctorReport(report: DoctorReport): string {
  const titleWidth = Math.min(44, Math.max(...report.checks.map((check) => check.title.length), 0));
  const lines = [`ddns doctor ${report.version}: ${report.configPath}`, ''];
  for (const check of report.checks) lines.push(...formatCheck(check, titleWidth));
  lines.push('', summaryLine(report));
  return lines.join('\n');
}

function formatCheck(check: DoctorCheck, titleWidth: number): string[] {
  const indent = ' '.repeat(6);
  const title = check.title.length > titleWidth ? check.title : check.title.padEnd(titleWidth);
  const lines = [`${STATUS_MARK[check.status].padEnd(4)}  ${title}  ${check.detail}`];
  for (const extra of check.lines ?? []) lines.push(`${indent}  ${extra}`);
  if (check.hint && check.status !== 'ok') lines.push(`${indent}fix: ${check.hint}`);
  return lines;
}

export function summaryLine(report: DoctorReport): string {
  const { ok, warn, fail, skip } = report.summary;
  const parts = [`${ok} ok`, plural(warn, 'warning'), `${fail} failed`, ...(skip > 0 ? [`${skip} skipped`] : [])];
  const verdict =
    report.exitCode === 0 ? (warn > 0 ? 'nothing failed, but read the warnings (exit 0)' : 'all good (exit 0)') : `exit ${report.exitCode}: ${DOCTOR_EXIT_MEANING[report.exitCode] ?? 'a check failed'}`;
  return `${parts.join(', ')}: ${verdict}`;
}

export { formatDuration };
