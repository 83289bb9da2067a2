import type { Config } from '../config/types.js';
import { familyName, recordKey, recordLabel, type Family } from '../domain.js';
import type { FamilyReport, RecordReport, RunReport } from '../core/report.js';
import { EXIT_MEANING } from '../core/exit-codes.js';
import { ago, formatDuration } from '../config/duration.js';
import { escapeUnprintable, printableExcerpt } from '../text.js';
import { MAX_REASON_LENGTH } from '../messages.js';
import type { StateData } from '../state/types.js';
import type { NotifierStatus } from '../notify/status.js';

/** Everything the CLI prints for people lives here; `--json` output is built from the same data. */

/**
 * A reason that came from outside (a provider's error text, an echo service's body): one line,
 * without the control characters or terminal escapes a hostile or broken server could send.
 */
function reason(text: string): string {
  return printableExcerpt(text, MAX_REASON_LENGTH);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : pad(cell, widths[index] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

function familyLine(family: FamilyReport): string {
  const label = familyName(family.family);
  // Not shortened: it lists every source's reason, each already cut to one short line.
  if (!family.ip) return `${label}: detection failed: ${escapeUnprintable(family.error ?? 'no address')}`;
  const answered = family.answers.filter((answer) => answer.ip !== undefined).length;
  const agreeing = family.agreeing?.length ?? 1;
  return `${label} ${family.ip} from ${family.source ?? '?'} (${agreeing} agreeing, ${answered}/${family.answers.length || 1} sources answered, ${family.elapsedMs}ms)`;
}

function recordVerb(record: RecordReport): string {
  if (record.planned) return record.action === 'created' ? 'would create' : 'would update';
  return record.action;
}

function recordDetail(record: RecordReport): string {
  switch (record.action) {
    case 'created':
      return `→ ${record.new ?? ''}`;
    case 'updated':
      return `${record.old ?? '?'} → ${record.new ?? ''}`;
    case 'unchanged':
      return `${record.new ?? ''}${record.cached ? ' (state: confirmed recently, nothing sent)' : ' (provider checked)'}`;
    default:
      return reason(record.error ?? '');
  }
}

export function formatRunReport(report: RunReport): string {
  if (report.exitCode === 5) {
    const owner = report.lockedBy ? ` (pid ${report.lockedBy.pid}, since ${report.lockedBy.started})` : '';
    return `another ddns check is running${owner}; this run did nothing (exit 5)`;
  }
  if (report.error) return `${report.error} (exit ${report.exitCode})`;
  const lines: string[] = [];
  if (report.dryRun) lines.push('dry run: the providers are read, nothing is written');
  for (const family of report.detection) lines.push(familyLine(family));
  if (report.records.length > 0) {
    lines.push(
      table(
        report.records.map((record) => [
          `  ${recordVerb(record)}`,
          recordLabel(record),
          recordDetail(record),
        ]),
      ),
    );
  }
  const counts = Object.entries(report.summary)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${action}`)
    .join(', ');
  lines.push(
    `${counts || 'no records'} · ${report.providerRequests} provider request${report.providerRequests === 1 ? '' : 's'} · ${formatDuration(report.durationMs)} · exit ${report.exitCode}${report.exitCode === 0 ? '' : ` (${EXIT_MEANING[report.exitCode] ?? 'error'})`}`,
  );
  return lines.join('\n');
}

export interface StatusRecord {
  key: string;
  provider: string;
  name: string;
  type: string;
  ip: string | null;
  lastChange: string | null;
  lastCheck: string | null;
  lastConfirmed: string | null;
  lastError: string | null;
  inConfig: boolean;
}

export function statusRecords(config: Config, state: StateData | undefined): StatusRecord[] {
  const keys = new Set<string>();
  const rows: StatusRecord[] = [];
  const add = (key: string, provider: string, name: string, type: string, inConfig: boolean) => {
    keys.add(key);
    const record = state?.records[key];
    rows.push({
      key,
      provider,
      name,
      type,
      ip: record?.ip ?? null,
      lastChange: record?.lastChange ?? null,
      lastCheck: record?.lastCheck ?? null,
      lastConfirmed: record?.lastConfirmed ?? null,
      lastError: record?.lastError?.message ?? null,
      inConfig,
    });
  };
  for (const record of config.records) add(recordKey(record), record.provider, record.name, record.type, true);
  for (const [key, record] of Object.entries(state?.records ?? {})) {
    if (!keys.has(key)) add(key, record.provider, record.name, record.type, false);
  }
  return rows;
}

function notifierStreak(notifier: NotifierStatus, now: Date): string {
  if (!notifier.used) return 'not used yet';
  if (notifier.failingSince === null) return 'ok';
  const alert = notifier.alertDelivered === null ? '' : notifier.alertDelivered ? ', alert delivered' : ', alert not delivered';
  return `failing since ${ago(notifier.failingSince, now)} (${notifier.failedRuns} failed run${notifier.failedRuns === 1 ? '' : 's'})${alert}`;
}

export function formatStatus(records: StatusRecord[], state: StateData | undefined, statePath: string, now: Date, notifiers: readonly NotifierStatus[] = []): string {
  const lines: string[] = [];
  if (!state) lines.push(`no state yet at ${statePath}: run \`ddns check\` first`);
  lines.push(
    table([
      ['NAME', 'TYPE', 'PROVIDER', 'IP', 'LAST CHANGE', 'LAST CHECK', 'LAST ERROR'],
      ...records.map((record) => [
        record.inConfig ? record.name : `${record.name} (not in config)`,
        record.type,
        record.provider,
        record.ip ?? '-',
        ago(record.lastChange ?? undefined, now),
        ago(record.lastCheck ?? undefined, now),
        record.lastError === null ? '-' : reason(record.lastError),
      ]),
    ]),
  );
  for (const [family, detected] of Object.entries(state?.detected ?? {})) {
    if (detected) lines.push(`${familyName(family as Family)} last detected: ${detected.ip} from ${detected.source}, ${ago(detected.at, now)}`);
  }
  const runs = state?.runs.slice(-5).reverse() ?? [];
  if (runs.length > 0) {
    lines.push('', 'Last runs:');
    lines.push(
      table(
        runs.map((run) => [
          `  ${ago(run.start, now)}`,
          `exit ${run.exitCode}`,
          `${run.changes} change${run.changes === 1 ? '' : 's'}, ${run.failures} failure${run.failures === 1 ? '' : 's'}`,
          formatDuration(run.durationMs),
        ]),
      ),
    );
  }
  if (notifiers.length > 0) {
    lines.push('', 'Notifications:');
    lines.push(
      table(
        notifiers.map((notifier) => [
          `  ${notifier.type}`,
          notifier.target,
          notifierStreak(notifier, now),
          notifier.lastError ? `last error ${ago(notifier.lastError.at, now)}: ${reason(notifier.lastError.message)}` : '',
        ]),
      ),
    );
  }
  return lines.join('\n');
}
