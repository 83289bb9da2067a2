import { familyName, recordLabel } from '../domain.js';
import type { RunReport } from '../core/report.js';
import { EXIT, EXIT_MEANING } from '../core/exit-codes.js';
import { redact } from '../log/redact.js';
import { describeFailure, execaRunner, SchedulerError, type Runner } from './runner.js';

/** The Application log source ddns writes as; Event Viewer lists it beside Task Scheduler's history. */
export const EVENT_SOURCE = 'ddns';

export type WindowsEventType = 'INFORMATION' | 'WARNING' | 'ERROR';

export interface WindowsEvent {
  type: WindowsEventType;
  /** eventcreate accepts 1–1000. */
  id: number;
  message: string;
}

/** Event IDs, so Event Viewer filters can pick them: 100 = records changed, 100 + exit code = a failed run. */
export const EVENT_ID = {
  TASK_INSTALLED: 1,
  CHANGED: 100,
  FAILED_BASE: 100,
} as const;

/** eventcreate's description limit is generous but not documented; a long run summary is cut here. */
const MAX_MESSAGE_LENGTH = 2000;

function oneLine(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}

/** Writes one event to the Application log with `eventcreate` (which registers the source on first use). */
export async function writeWindowsEvent(runner: Runner, event: WindowsEvent): Promise<void> {
  if (!Number.isInteger(event.id) || event.id < 1 || event.id > 1000) throw new Error(`event id ${event.id} is outside eventcreate's 1-1000`);
  const message = oneLine(event.message) || '(no details)';
  const args = ['/L', 'APPLICATION', '/SO', EVENT_SOURCE, '/T', event.type, '/ID', String(event.id), '/D', message];
  const result = await runner('eventcreate', args);
  if (result.exitCode !== 0) throw new SchedulerError(`could not write a Windows event: ${describeFailure('eventcreate', args, result)}`);
}

/**
 * The event a finished `ddns check` leaves: one for a run that changed records, one for a run that
 * failed; none for a quiet run (every 5 minutes would drown the log) or a dry run.
 */
export function eventForRun(report: RunReport): WindowsEvent | undefined {
  if (report.dryRun) return undefined;
  const changed = report.records.filter((record) => record.action === 'created' || record.action === 'updated');
  const failed = report.records.filter((record) => record.action === 'failed');
  if (report.exitCode === EXIT.OK && changed.length === 0) return undefined;
  const parts: string[] = report.error ? [report.error] : [];
  for (const family of report.detection) {
    if (!family.ip) parts.push(`${familyName(family.family)} detection failed: ${family.error ?? 'no address'}`);
  }
  for (const record of changed) {
    const from = record.action === 'updated' ? `${record.old ?? '?'} -> ` : '';
    parts.push(`${record.action} ${recordLabel(record)}: ${from}${record.new ?? ''}`);
  }
  for (const record of failed) parts.push(`failed ${recordLabel(record)}: ${record.error ?? 'unknown error'}`);
  if (report.exitCode === EXIT.OK) {
    return { type: 'INFORMATION', id: EVENT_ID.CHANGED, message: redact(`ddns check: ${parts.join('; ')}`) };
  }
  const meaning = EXIT_MEANING[report.exitCode] ?? 'error';
  const summary = `ddns check exit ${report.exitCode} (${meaning})${parts.length ? `: ${parts.join('; ')}` : ''}`;
  return {
    // Exit 5 means another run held the lock: worth seeing, but nothing failed.
    type: report.exitCode === EXIT.LOCKED ? 'WARNING' : 'ERROR',
    id: EVENT_ID.FAILED_BASE + report.exitCode,
    message: redact(summary),
  };
}

/**
 * The event of a scheduled run that stopped at its config (exit 2): without it, Task Scheduler's
 * history shows only "0x2" and the reason would be on a console nobody sees.
 */
export function eventForConfigError(configPath: string, problems: readonly string[]): WindowsEvent {
  const shown = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more; run ddns config validate)` : '';
  return {
    type: 'ERROR',
    id: EVENT_ID.FAILED_BASE + EXIT.USAGE,
    message: redact(`ddns check exit ${EXIT.USAGE} (${EXIT_MEANING[EXIT.USAGE] ?? 'configuration error'}): ${configPath}: ${shown}${more}`),
  };
}

/** Writes `event`, never throwing: the exit code must not depend on the event log (see recordRunInEventLog). */
export async function recordEventQuietly(event: WindowsEvent, options: { runner?: Runner; onError?: (message: string) => void } = {}): Promise<void> {
  try {
    await writeWindowsEvent(options.runner ?? execaRunner, event);
  } catch (error) {
    options.onError?.(redact(error instanceof Error ? error.message : String(error)));
  }
}

/**
 * Called by `ddns check` on Windows after a run. Never throws: a run's exit code must not depend on
 * whether the event log could be written; `onError` (used with -v) hears about failures.
 */
export async function recordRunInEventLog(
  report: RunReport,
  options: { runner?: Runner; onError?: (message: string) => void } = {},
): Promise<void> {
  const event = eventForRun(report);
  if (event) await recordEventQuietly(event, options);
}
