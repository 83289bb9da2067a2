import { isJournalLineShape, isStateData } from '../../src/state/shape.js';
import { journalLineSchema, stateSchema } from '../../src/state/schema.js';
import { Prng } from '../helpers/prng.js';

const SEED = 20261204;
const CASES = 3000;

/** A state as ddns writes it, with every optional part present or not. */
function validState(prng: Prng): Record<string, unknown> {
  const time = () => `2026-12-0${prng.int(1, 9)}T1${prng.int(0, 9)}:00:00.000Z`;
  const records: Record<string, unknown> = {};
  for (let index = 0; index < prng.int(0, 4); index++) {
    const record: Record<string, unknown> = { provider: 'cf', name: `h${index}.example.com`, type: prng.pick(['A', 'AAAA']) };
    if (prng.chance(0.7)) record['ip'] = '81.2.69.160';
    if (prng.chance(0.5)) record['recordId'] = `id${index}`;
    for (const key of ['lastChange', 'lastConfirmed', 'lastCheck']) if (prng.chance(0.6)) record[key] = time();
    if (prng.chance(0.3)) record['lastError'] = prng.chance(0.5) ? null : { message: 'no', kind: 'auth', at: time() };
    if (prng.chance(0.3)) record['hold'] = prng.chance(0.5) ? null : { reason: 'r', kind: 'auth', since: time(), ...(prng.chance(0.5) ? { until: time() } : {}), fingerprint: 'f' };
    if (prng.chance(0.7)) record['fingerprint'] = 'abcdef0123456789';
    records[`cf/h${index}.example.com/${String(record['type'])}`] = record;
  }
  const detected: Record<string, unknown> = {};
  if (prng.chance(0.7)) detected['ipv4'] = { ip: '81.2.69.160', source: 'http://127.0.0.1/v4', at: time() };
  if (prng.chance(0.4)) detected['ipv6'] = { ip: '2a02::1', source: 'http://127.0.0.1/v6', at: time() };
  const runs = Array.from({ length: prng.int(0, 3) }, () => ({ start: time(), durationMs: prng.int(0, 900), exitCode: prng.pick([0, 4]), changes: prng.int(0, 2), failures: 0, ...(prng.chance(0.2) ? { dryRun: prng.chance(0.5) } : {}) }));
  const state: Record<string, unknown> = { version: 1, records, detected, runs };
  if (prng.chance(0.3)) state['notify'] = { hook: { type: 'webhook', ...(prng.chance(0.5) ? { failingSince: time(), failedRuns: 2, alerted: true, lastError: null } : {}) } };
  return state;
}

const WRONG_VALUES: unknown[] = [null, undefined, 0, 1.5, -1, '', 'x', true, false, [], {}, [1], { a: 1 }, Number.NaN, Infinity];
/** A fresh copy each time: one shared object placed twice could end up inside itself. */
const wrongValue = (prng: Prng): unknown => structuredClone(prng.pick(WRONG_VALUES));

/** Every place in a JSON value: [parent, key] pairs. */
function places(value: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const found: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, index) => (found.push([node, index]), walk(child)));
    else if (typeof node === 'object' && node !== null) for (const [key, child] of Object.entries(node)) (found.push([node as Record<string, unknown>, key]), walk(child));
  };
  walk(value);
  return found;
}

/** One random change: a value replaced, a key removed or added. */
function mutate(prng: Prng, value: Record<string, unknown>): void {
  const spots = places(value);
  if (spots.length === 0 || prng.chance(0.1)) {
    value[prng.pick(['extra', 'version', 'records', 'runs'])] = wrongValue(prng);
    return;
  }
  const [parent, key] = prng.pick(spots);
  const what = prng.int(0, 2);
  if (what === 0) (parent as Record<string | number, unknown>)[key] = wrongValue(prng);
  else if (what === 1 && !Array.isArray(parent)) delete parent[key as string];
  else if (!Array.isArray(parent)) parent[prng.pick(['unknownKey', 'ip', 'type', 'at', 'until', '__proto__'])] = wrongValue(prng);
}

/**
 * src/state/shape.ts: the quick checks may refuse what zod accepts (zod then decides), but must
 * never accept what zod refuses or would change; and they must accept the files ddns writes, or
 * they save nothing.
 */
describe('the quick shape checks of the state and the journal', () => {
  it(`accept every state and journal line as ddns writes them, exactly as zod returns them (${CASES} generated)`, () => {
    for (let index = 0; index < CASES; index++) {
      const state = validState(Prng.forCase(SEED, index, 'valid'));
      expect(isStateData(state)).toBe(true);
      expect(stateSchema.parse(state)).toEqual(state);
      const line = { runs: state['runs'], lastCheck: { 'cf/h0.example.com/A': '2026-12-04T10:00:00.000Z' }, detected: state['detected'] };
      expect(isJournalLineShape(line)).toBe(true);
      expect(journalLineSchema.parse(line)).toEqual(line);
      const compact = { ...line, lastCheck: {}, checked: { at: '2026-12-04T10:00:00.000Z', except: Object.keys(state['records'] as object) } };
      expect(isJournalLineShape(compact)).toBe(true);
      expect(journalLineSchema.parse(compact)).toEqual(compact);
    }
  });

  it(`never accept a changed one that zod refuses or would strip (${CASES} random changes, each 1–3 edits)`, () => {
    let refused = 0;
    for (let index = 0; index < CASES; index++) {
      const prng = Prng.forCase(SEED, index, 'mutated');
      const state = validState(prng);
      for (let edit = 0; edit < prng.int(1, 3); edit++) mutate(prng, state);
      const text = JSON.stringify(state);
      if (text === undefined) continue;
      const parsed: unknown = JSON.parse(text);
      const zod = stateSchema.safeParse(parsed);
      if (isStateData(parsed)) {
        expect(zod.success).toBe(true);
        expect(zod.data).toEqual(parsed);
      } else refused += 1;
      const checked = prng.chance(0.5) ? { checked: state['checked'] ?? { at: state['version'], except: state['records'] } } : {};
      const line: unknown = JSON.parse(JSON.stringify({ runs: state['runs'], lastCheck: state['lastCheck'] ?? {}, ...checked, detected: state['detected'] }) ?? 'null');
      if (isJournalLineShape(line)) expect(journalLineSchema.safeParse(line)).toEqual({ success: true, data: line });
    }
    // The changes must really produce invalid states, or the test proves nothing.
    expect(refused).toBeGreaterThan(CASES / 2);
  });

  it('refuse a key zod would drop, and leave the state to zod, which drops it', () => {
    const state = { version: 1, records: {}, detected: {}, runs: [], addedByHand: true };
    expect(isStateData(state)).toBe(false);
    expect(stateSchema.parse(state)).toEqual({ version: 1, records: {}, detected: {}, runs: [] });
  });
});
