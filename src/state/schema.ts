/**
 * The zod schemas of the state file and of the run journal's lines. A run loads them only when
 * the quick shape checks (shape.ts) refuse what it read: zod then decides, drops unknown keys and
 * names the problem.
 */
import * as z from 'zod/mini';
import '../zod-english.js';

const isoTime = z.string();
const runSchema = z.object({
  start: isoTime,
  durationMs: z.number(),
  exitCode: z.number(),
  changes: z.number(),
  failures: z.number(),
  dryRun: z.optional(z.boolean()),
});
const detectedSchema = z.object({
  ipv4: z.optional(z.object({ ip: z.string(), source: z.string(), at: isoTime })),
  ipv6: z.optional(z.object({ ip: z.string(), source: z.string(), at: isoTime })),
});
export const stateSchema = z.object({
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
  detected: detectedSchema,
  runs: z.array(runSchema),
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

/**
 * One line of the run journal (`<state>.runs`, see StateStore.save): what a run changed when it
 * changed nothing but its run-history line, the records' `lastCheck` and the detection's time.
 */
export const journalLineSchema = z.object({
  runs: z.array(runSchema),
  lastCheck: z.record(z.string(), isoTime),
  /**
   * A run that checked (nearly) every record: each record of the state except those named gets
   * `lastCheck` `at` (the run's earliest check), instead of one `lastCheck` entry per record.
   */
  checked: z.optional(z.object({ at: isoTime, except: z.array(z.string()) })),
  detected: detectedSchema,
});
export type JournalLine = z.infer<typeof journalLineSchema>;
