// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import { appendFileSync, readFileSync, promises as fsp } from 'node:fs';
import { Low } from 'lowdb';
import { DurableTextFile } from './durable-file.js';
import type { JournalLine } from './schema.js';
import { isJournalLineShape, isStateData } from './shape.js';
import { emptyState, MAX_RUNS, type DetectedState, type RunEntry, type StateData } from './types.js';
import { redactValue } from '../log/redact.js';

/**
 * Lines the journal may hold before a save rewrites the state file in full (fsync'd) and removes it:
 * at one run every 5 minutes, one durable write about every 4 hours when nothing changes.
 */
export const MAX_JOURNAL_LINES = 50;

/** The run journal beside a state file. */
export function journalPathFor(statePath: string): string {
  return `${statePath}.runs`;
}

/**
 * The state without what a run changes when it changes nothing else (run history, `lastCheck`,
 * the detection's time): two states with the same durable view hold the same confirmed addresses,
 * record ids, errors, holds and notifier streaks.
 */
function durableView(data: StateData): string {
  // The records' `lastCheck` is blanked in place and put back, not left out of 200 record copies:
  // a no-change run computes this view twice, and the copies were most of its cost.
  const checked = Object.values(data.records).filter((record) => record.lastCheck !== undefined);
  const checks = checked.map((record) => record.lastCheck);
  for (const record of checked) record.lastCheck = undefined;
  const detected = Object.fromEntries(Object.entries(data.detected).map(([family, value]) => [family, { ip: value.ip, source: value.source }]));
  try {
    return JSON.stringify({ ...data, detected, runs: undefined });
  } finally {
    checked.forEach((record, index) => (record.lastCheck = checks[index]));
  }
}

const runKey = (run: RunEntry): string => `${run.start}|${run.durationMs}`;

/** The journal's lines applied to `data` (in place); unreadable lines (a torn last write) are skipped. Returns the lines used. */
async function applyJournal(data: StateData, text: string | undefined): Promise<number> {
  if (text === undefined) return 0;
  let used = 0;
  const known = new Set(data.runs.map(runKey));
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    let entry: JournalLine;
    if (isJournalLineShape(parsed)) entry = parsed;
    else {
      const { journalLineSchema } = await import('./schema.js');
      const result = journalLineSchema.safeParse(parsed);
      if (!result.success) continue;
      entry = result.data;
    }
    used += 1;
    // Idempotent: a line already merged into a full write (the journal outlived it in a crash) changes nothing.
    for (const run of entry.runs) if (!known.has(runKey(run))) (known.add(runKey(run)), data.runs.push(run));
    const checkedAt = (key: string, at: string) => {
      const record = data.records[key];
      if (record && (record.lastCheck === undefined || record.lastCheck < at)) record.lastCheck = at;
    };
    if (entry.checked) {
      const except = new Set(entry.checked.except);
      for (const key of Object.keys(data.records)) if (!except.has(key)) checkedAt(key, entry.checked.at);
    }
    for (const [key, at] of Object.entries(entry.lastCheck)) checkedAt(key, at);
    for (const [family, value] of Object.entries(entry.detected) as [keyof StateData['detected'], DetectedState | undefined][]) {
      const current = data.detected[family];
      // Only the time of an unchanged detection is journaled.
      if (value && current && current.ip === value.ip && current.source === value.source && current.at < value.at) current.at = value.at;
    }
  }
  if (used === 0) return 0;
  data.runs.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (data.runs.length > MAX_RUNS) data.runs.splice(0, data.runs.length - MAX_RUNS);
  return used;
}

// Synchronous, like DurableTextFile's read: the state and its journal are read once per run, and
// the thread pool's round trips cost a no-change run more than the reading (docs/design/startup.md).
function readJournal(path: string): string | undefined {
  try {
    return readFileSync(journalPathFor(path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface OpenedState {
  store: StateStore;
  /** Set when the file was unreadable or corrupt and has been moved aside. */
  recovered?: { movedTo: string; reason: string };
}

/**
 * The lowdb-backed state file. Every save that changes a confirmed address, a record id, an
 * error, a hold or a notifier streak rewrites the file atomically (see DurableTextFile). A save
 * that changes only the run history, the records' `lastCheck` and the detection's time, in a run
 * that has rewritten nothing (it found everything current), appends one line to the run journal `<state>.runs` instead,
 * without fsync: a crash may lose that line, never anything the providers confirmed. The journal
 * is read back with the state and folded into the next full write (docs/design/reliability.md).
 */
export class StateStore {
  private constructor(
    private readonly db: Low<string>,
    public data: StateData,
    private readonly path: string,
    /** The durable view of what the state file holds; null when there is no file yet. */
    private durableOnDisk: string | null,
    /** Lines in the journal now (read or appended). */
    private journalLines: number,
  ) {
    // With journal lines folded in, the file's text is not the state's: the next full save writes.
    this.persisted = journalLines > 0 ? null : db.data;
    this.persistedRuns = new Set(data.runs.map(runKey));
    this.persistedChecks = lastChecks(data);
  }

  /** The JSON the state file holds, while it is all of the state (no journal lines since); else null. */
  private persisted: string | null;
  /** The runs the state file or the journal already hold. */
  private persistedRuns: Set<string>;
  /** Each record's `lastCheck` as the state file or the journal hold it. */
  private persistedChecks: Map<string, string>;
  /** This store has rewritten the file: its later saves do too. */
  private wroteFile = false;

  private static async read(path: string): Promise<{ db: Low<string>; journal: string | undefined }> {
    const db = new Low<string>(new DurableTextFile(path), '');
    await db.read();
    const journal = readJournal(path);
    return { db, journal };
  }

  /** The store over `data`, read from `db`, with the journal folded in. */
  private static async fromFile(db: Low<string>, path: string, data: StateData, journal: string | undefined): Promise<StateStore> {
    const durable = db.data ? durableView(data) : null;
    const lines = await applyJournal(data, journal);
    return new StateStore(db, data, path, durable, journal === undefined ? 0 : Math.max(lines, 1));
  }

  /**
   * Reads the state. A file that is not valid JSON of the expected shape is moved aside as
   * `state.json.corrupt-<time>` and replaced by an empty state: the providers are then re-read,
   * which rebuilds it. Only an I/O error other than "missing" is thrown.
   */
  static async open(path: string, now: () => Date = () => new Date()): Promise<OpenedState> {
    const { db, journal } = await StateStore.read(path);
    const text = db.data;
    if (text === '' || text === null) return { store: await StateStore.fromFile(db, path, emptyState(), journal) };
    const state = await parseState(text);
    if ('data' in state) return { store: await StateStore.fromFile(db, path, state.data, journal) };
    const reason = state.problem;
    const movedTo = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    await fsp.rename(path, movedTo);
    db.data = '';
    return { store: await StateStore.fromFile(db, path, emptyState(), journal), recovered: { movedTo, reason } };
  }

  /** Reads without repairing anything (for `status`, which must not move files around). */
  static async peek(path: string): Promise<StateData | undefined> {
    const { db, journal } = await StateStore.read(path);
    if (!db.data) return undefined;
    const state = await parseState(db.data);
    if (!('data' in state)) return undefined;
    await applyJournal(state.data, journal);
    return state.data;
  }

  /** A store over data read elsewhere (a dry run's read-only view). */
  static fromData(path: string, data: StateData): StateStore {
    return new StateStore(new Low<string>(new DurableTextFile(path), ''), data, path, null, 0);
  }

  appendRun(run: RunEntry): void {
    this.data.runs.push(run);
    if (this.data.runs.length > MAX_RUNS) this.data.runs.splice(0, this.data.runs.length - MAX_RUNS);
  }

  /**
   * Saves are serialised: records finish concurrently, and two writes racing through the same
   * temporary file could rename a half-written one. Each write takes the data as it is when the
   * write starts, so a save asked for while another one waits its turn joins the waiting one:
   * that write will hold both callers' changes (records finishing together cost one write, not one each).
   */
  save(): Promise<void> {
    if (this.waitingSave !== undefined) return this.waitingSave;
    const next = this.pendingSave.then(async () => {
      this.waitingSave = undefined;
      await this.write();
    });
    this.waitingSave = next;
    this.pendingSave = next.catch(() => undefined);
    return next;
  }

  private async write(): Promise<void> {
    const durable = durableView(this.data);
    const volatileOnly = durable === this.durableOnDisk && !this.wroteFile;
    const newRuns = volatileOnly ? this.data.runs.filter((run) => !this.persistedRuns.has(runKey(run))) : [];
    // Nothing new but `lastCheck` times: they wait for the run line.
    if (volatileOnly && newRuns.length === 0) return;
    if (volatileOnly && this.journalLines < MAX_JOURNAL_LINES) {
      // At most volatile fields changed, in a run that has changed nothing else (and without
      // serializing the whole state, run history and all: that was most of a no-change run's
      // saving). A record's `lastCheck` waits for the run's own line (the run's last save), which
      // carries it: a record confirmed from the state costs no write.
      const runs = newRuns;
      const checks = lastChecks(this.data);
      const line: JournalLine = { runs, ...journaledChecks(this.data, checks, this.persistedChecks), detected: this.data.detected };
      appendFileSync(journalPathFor(this.path), `${JSON.stringify(redactValue(line))}\n`, { encoding: 'utf8', mode: 0o600 });
      this.journalLines += 1;
      for (const run of runs) this.persistedRuns.add(runKey(run));
      this.persistedChecks = checks;
      return;
    }
    const text = serialize(this.data);
    // Unchanged since the last read or write: nothing to do.
    if (text === this.persisted) return;
    this.db.data = text;
    await this.db.write();
    this.persisted = text;
    this.durableOnDisk = durable;
    // A run that changed something keeps its whole record, run line included, in the file.
    this.wroteFile = true;
    this.persistedRuns = new Set(this.data.runs.map(runKey));
    this.persistedChecks = lastChecks(this.data);
    if (this.journalLines > 0) {
      // Everything it held is in the file now. Left behind by a crash, it is folded in again harmlessly.
      await fsp.unlink(journalPathFor(this.path)).catch(() => undefined);
      this.journalLines = 0;
    }
  }

  private pendingSave: Promise<void> = Promise.resolve();
  /** The save queued behind the one being written, not yet started. */
  private waitingSave: Promise<void> | undefined;
}

/**
 * The `lastCheck` times a journal line carries: one entry per record that changed, or, when a run
 * checked most records (every run that finds everything current checks them all), one time for
 * all of them but the few named. That time is the run's earliest check, so a record's journaled
 * `lastCheck` may be up to the run's duration earlier than its own; a full write keeps each exact.
 * With 200 records, one entry each made every line 12 KB, and the next run parsed 50 of them.
 */
function journaledChecks(data: StateData, checks: Map<string, string>, persisted: Map<string, string>): Pick<JournalLine, 'lastCheck' | 'checked'> {
  const changed = [...checks].filter(([key, at]) => persisted.get(key) !== at);
  const keys = Object.keys(data.records);
  if (changed.length < COMPACT_CHECKS_FROM || changed.length * 2 < keys.length) return { lastCheck: Object.fromEntries(changed) };
  const changedKeys = new Set(changed.map(([key]) => key));
  const at = changed.reduce((earliest, [, time]) => (time < earliest ? time : earliest), changed[0]![1]);
  return { lastCheck: {}, checked: { at, except: keys.filter((key) => !changedKeys.has(key)) } };
}

/** Below this many checked records, one entry each is as short as the compact form. */
const COMPACT_CHECKS_FROM = 4;

function lastChecks(data: StateData): Map<string, string> {
  const checks = new Map<string, string>();
  for (const [key, record] of Object.entries(data.records)) if (record.lastCheck !== undefined) checks.set(key, record.lastCheck);
  return checks;
}

function serialize(data: StateData): string {
  return `${JSON.stringify(redactValue(data), null, 2)}\n`;
}

/** The state in `text`, or why it cannot be used; parsed and validated once. */
async function parseState(text: string): Promise<{ data: StateData } | { problem: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (isStateData(parsed)) return { data: parsed };
  const { stateSchema } = await import('./schema.js');
  const result = stateSchema.safeParse(parsed);
  if (result.success) return { data: result.data as StateData };
  const issue = result.error.issues[0];
  return { problem: `unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}` };
}
