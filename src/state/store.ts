import { rename } from 'node:fs/promises';
import { Low } from 'lowdb';
import * as z from 'zod/mini';
import '../zod-english.js';
import { DurableTextFile } from './durable-file.js';
import { emptyState, MAX_RUNS, type RunEntry, type StateData } from './types.js';
import { redactValue } from '../log/redact.js';

const isoTime = z.string();
const stateSchema = z.object({
  version: z.literal(1),
  records: z.record(
    z.string(),
    z.object({
      provider: z.string(),
      name: z.string(),
      type: z.enum(['A', 'AAAA']),
      ip: z.optional(z.string()),
      recordId: z.optional(z.string()),
      lastChange: z.optional(isoTime),
      lastConfirmed: z.optional(isoTime),
      lastCheck: z.optional(isoTime),
      lastError: z.optional(z.nullable(z.object({ message: z.string(), kind: z.string(), at: isoTime }))),
      hold: z.optional(
        z.nullable(z.object({ reason: z.string(), kind: z.string(), since: isoTime, until: z.optional(isoTime), fingerprint: z.string() })),
      ),
      fingerprint: z.optional(z.string()),
    }),
  ),
  detected: z.object({
    ipv4: z.optional(z.object({ ip: z.string(), source: z.string(), at: isoTime })),
    ipv6: z.optional(z.object({ ip: z.string(), source: z.string(), at: isoTime })),
  }),
  runs: z.array(
    z.object({
      start: isoTime,
      durationMs: z.number(),
      exitCode: z.number(),
      changes: z.number(),
      failures: z.number(),
      dryRun: z.optional(z.boolean()),
    }),
  ),
  notify: z.optional(
    z.record(
      z.string(),
      z.object({
        type: z.string(),
        failingSince: z.optional(isoTime),
        failedRuns: z.optional(z.number()),
        alerted: z.optional(z.boolean()),
        lastError: z.optional(z.nullable(z.object({ message: z.string(), at: isoTime }))),
      }),
    ),
  ),
});

export interface OpenedState {
  store: StateStore;
  /** Set when the file was unreadable or corrupt and has been moved aside. */
  recovered?: { movedTo: string; reason: string };
}

/** The lowdb-backed state file. Every save is atomic (see DurableTextFile). */
export class StateStore {
  private constructor(
    private readonly db: Low<string>,
    public data: StateData,
  ) {}

  /**
   * Reads the state. A file that is not valid JSON of the expected shape is moved aside as
   * `state.json.corrupt-<time>` and replaced by an empty state: the providers are then re-read,
   * which rebuilds it. Only an I/O error other than "missing" is thrown.
   */
  static async open(path: string, now: () => Date = () => new Date()): Promise<OpenedState> {
    const db = new Low<string>(new DurableTextFile(path), '');
    await db.read();
    const text = db.data;
    if (text === '' || text === null) return { store: new StateStore(db, emptyState()) };
    const state = parseState(text);
    if ('data' in state) return { store: new StateStore(db, state.data) };
    const reason = state.problem;
    const movedTo = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, movedTo);
    return { store: new StateStore(db, emptyState()), recovered: { movedTo, reason } };
  }

  /** Reads without repairing anything (for `status`, which must not move files around). */
  static async peek(path: string): Promise<StateData | undefined> {
    const db = new Low<string>(new DurableTextFile(path), '');
    await db.read();
    if (!db.data) return undefined;
    const state = parseState(db.data);
    return 'data' in state ? state.data : undefined;
  }

  /** A store over data read elsewhere (a dry run's read-only view). */
  static fromData(path: string, data: StateData): StateStore {
    return new StateStore(new Low<string>(new DurableTextFile(path), ''), data);
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
      const text = `${JSON.stringify(redactValue(this.data), null, 2)}\n`;
      // Unchanged since the last read or write (a record answered from the state): an fsync'd
      // write per record would be pure cost.
      if (text === this.db.data) return;
      this.db.data = text;
      await this.db.write();
    });
    this.waitingSave = next;
    this.pendingSave = next.catch(() => undefined);
    return next;
  }

  private pendingSave: Promise<void> = Promise.resolve();
  /** The save queued behind the one being written, not yet started. */
  private waitingSave: Promise<void> | undefined;
}

/** The state in `text`, or why it cannot be used; parsed and validated once. */
function parseState(text: string): { data: StateData } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  const result = stateSchema.safeParse(parsed);
  if (result.success) return { data: result.data as StateData };
  const issue = result.error.issues[0];
  return { problem: `unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}` };
}
