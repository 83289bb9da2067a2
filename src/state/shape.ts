/**
 * Quick shape checks of the state file and of the run journal's lines, for the file as ddns
 * writes it. Every run reads both, and validating a state of 200 records plus a journal of 50
 * lines through the zod schemas of store.ts cost a no-change run more than all of its own work.
 * These accept only what those schemas accept, and nothing they would change: an unknown key
 * (which zod drops), a wrong type, anything unusual is refused here and left to zod, which then
 * decides and names the problem. test/unit/state-shape.test.ts holds them to that.
 */
import type { JournalLine } from './schema.js';
import type { StateData } from './types.js';

type Check = (value: unknown) => boolean;
type Shape = Record<string, { check: Check; optional?: true }>;

const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const required = (check: Check) => ({ check });
const optional = (check: Check) => ({ check, optional: true as const });
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function object(shape: Shape): Check {
  const keys = Object.keys(shape);
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) return false;
    for (const key of keys) {
      const field = shape[key];
      const present = Object.hasOwn(value, key);
      if (field === undefined || (!present && field.optional !== true) || (present && !field.check(value[key]))) return false;
    }
    return true;
  };
}

function arrayOf(check: Check): Check {
  return (value) => Array.isArray(value) && value.every(check);
}

/** Values of a record keyed by any string; `__proto__` and the like are left to zod. */
function recordOf(check: Check): Check {
  return (value) => isPlainObject(value) && Object.keys(value).every((key) => key !== '__proto__' && check(value[key]));
}

const isRun = object({
  start: required(isString),
  durationMs: required(isNumber),
  exitCode: required(isNumber),
  changes: required(isNumber),
  failures: required(isNumber),
  dryRun: optional(isBoolean),
});
const isDetection = object({ ip: required(isString), source: required(isString), at: required(isString) });
const isDetected = object({ ipv4: optional(isDetection), ipv6: optional(isDetection) });
const isRecordState = object({
  provider: required(isString),
  name: required(isString),
  type: required((value) => value === 'A' || value === 'AAAA'),
  ip: optional(isString),
  recordId: optional(isString),
  lastChange: optional(isString),
  lastConfirmed: optional(isString),
  lastCheck: optional(isString),
  lastError: optional(nullable(object({ message: required(isString), kind: required(isString), at: required(isString) }))),
  hold: optional(
    nullable(object({ reason: required(isString), kind: required(isString), since: required(isString), until: optional(isString), fingerprint: required(isString) })),
  ),
  fingerprint: optional(isString),
});
const isNotifierState = object({
  type: required(isString),
  failingSince: optional(isString),
  failedRuns: optional(isNumber),
  alerted: optional(isBoolean),
  lastError: optional(nullable(object({ message: required(isString), at: required(isString) }))),
});
const isState = object({
  version: required((value) => value === 1),
  records: required(recordOf(isRecordState)),
  detected: required(isDetected),
  runs: required(arrayOf(isRun)),
  notify: optional(recordOf(isNotifierState)),
});
const isLine = object({
  runs: required(arrayOf(isRun)),
  lastCheck: required(recordOf(isString)),
  checked: optional(object({ at: required(isString), except: required(arrayOf(isString)) })),
  detected: required(isDetected),
});

/** True when `value` is a state exactly as the state schema would return it. */
export function isStateData(value: unknown): value is StateData {
  return isState(value);
}

/** True when `value` is a journal line exactly as the journal line schema would return it. */
export function isJournalLineShape(value: unknown): value is JournalLine {
  return isLine(value);
}
