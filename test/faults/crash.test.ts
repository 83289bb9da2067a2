import { readFile, readdir } from 'node:fs/promises';
import { execa } from 'execa';
import { DDNS_BIN } from '../helpers/cli.js';
import { startScenario, FIRST_IP, SECOND_IP, type Scenario } from '../helpers/scenario.js';
import { CRASH_POINTS } from '../../src/crash-point.js';

/**
 * Crash consistency: `ddns check` killed with SIGKILL (no cleanup at all) at every named step and
 * at many random instants. After each crash a normal run must succeed: the state file is
 * valid JSON (or absent), the lock does not block, and the record ends at the right address
 * with no duplicate created.
 * DDNS_CRASH_RUNS sets the number of random kills: 40 in `npm test` (about 10 s), 200 in the
 * full lane (`npm run test:all`, about a minute).
 */
const RANDOM_KILLS = Number(process.env.DDNS_CRASH_RUNS || 40);
const WORKERS = 4;

/** mulberry32: a tiny seeded PRNG so a failing sequence of kill delays can be replayed. */
function createRandom(seed: number): { int(min: number, max: number): number } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

interface Outcome {
  killed: boolean;
  exitCode: number | undefined;
}

async function checkKilledAfter(scenario: Scenario, delayMs: number | undefined, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const child = execa(process.execPath, [DDNS_BIN, 'check', '--config', scenario.configPath], {
    env: { ...env, DDNS_CONFIG: '' },
    reject: false,
  });
  const timer = delayMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), delayMs);
  const result = await child;
  clearTimeout(timer);
  return { killed: result.signal === 'SIGKILL', exitCode: result.exitCode };
}

async function expectConsistent(scenario: Scenario, ip: string): Promise<void> {
  const files = await readdir(scenario.dir);
  if (files.includes('state.json')) {
    const text = await readFile(scenario.statePath, 'utf8');
    expect(() => JSON.parse(text)).not.toThrow();
  }
  const recovery = await scenario.check();
  if (recovery.exitCode !== 0) throw new Error(`recovery run exited ${recovery.exitCode}: ${recovery.stdout}\n${recovery.stderr}`);
  expect(recovery.stderr).not.toMatch(/state file was unreadable/);
  const records = scenario.cloudflare.records();
  expect(records).toHaveLength(1);
  expect(records[0]?.content).toBe(ip);
  const state = JSON.parse(await readFile(scenario.statePath, 'utf8')) as { records: Record<string, { ip?: string }> };
  expect(state.records['cf/home.example.com/A']?.ip).toBe(ip);
}

describe('crash consistency (SIGKILL)', () => {
  it.each(CRASH_POINTS)('recovers from a kill at %s, on create and on update', async (point) => {
    const scenario = await startScenario();
    try {
      const first = await checkKilledAfter(scenario, undefined, { DDNS_TEST_CRASH_AT: point });
      expect(first.killed || first.exitCode === 0).toBe(true);
      await expectConsistent(scenario, FIRST_IP);
      scenario.ipv4.current = SECOND_IP;
      const second = await checkKilledAfter(scenario, undefined, { DDNS_TEST_CRASH_AT: point });
      expect(second.killed || second.exitCode === 0).toBe(true);
      await expectConsistent(scenario, SECOND_IP);
    } finally {
      await scenario.close();
    }
  });

  it('named crash points are really reached (the hook works)', async () => {
    const scenario = await startScenario();
    try {
      for (const point of ['after-lock', 'before-provider-write', 'state-temp-written'] as const) {
        const outcome = await checkKilledAfter(scenario, undefined, { DDNS_TEST_CRASH_AT: point });
        expect({ point, killed: outcome.killed }).toEqual({ point, killed: true });
      }
    } finally {
      await scenario.close();
    }
  });

  it(`survives ${RANDOM_KILLS} kills at random instants`, async () => {
    const seed = Number(process.env.DDNS_CRASH_SEED ?? 20261123);
    const tally = { killed: 0, completed: 0 };
    await Promise.all(
      Array.from({ length: WORKERS }, async (_unused, worker) => {
        const random = createRandom(seed + worker);
        const scenario = await startScenario();
        try {
          // How long a whole run takes here and now (~0.2 s alone, several times that on a busy
          // machine): the median of three unkilled runs (a create, then two updates). The kills
          // are spread over start-up, lock, detection, provider writes, state saves and a little
          // past the end of such a run, whatever the machine's speed.
          const durations: number[] = [];
          for (const ip of [FIRST_IP, SECOND_IP, FIRST_IP]) {
            scenario.ipv4.current = ip;
            const started = Date.now();
            expect(await checkKilledAfter(scenario, undefined)).toEqual({ killed: false, exitCode: 0 });
            durations.push(Date.now() - started);
          }
          const typicalRun = [...durations].sort((a, b) => a - b)[1] ?? 300;
          const latestKill = Math.max(300, Math.round(typicalRun * 1.3));
          for (let run = worker, turn = 0; run < RANDOM_KILLS; run += WORKERS, turn++) {
            // A new address every run, so that each one has a record to write (with an even
            // number of workers, `run % 2` gave a worker the same address every time: no-change
            // runs, which now end before most of the kill instants).
            scenario.ipv4.current = turn % 2 === 0 ? SECOND_IP : FIRST_IP;
            const outcome = await checkKilledAfter(scenario, random.int(40, latestKill));
            if (outcome.killed) tally.killed += 1;
            else {
              tally.completed += 1;
              expect(outcome.exitCode).toBe(0);
            }
            await expectConsistent(scenario, scenario.ipv4.current);
          }
        } finally {
          await scenario.close();
        }
      }),
    );
    process.stdout.write(`crash suite: ${RANDOM_KILLS} random kills (seed ${seed}): ${tally.killed} killed mid-run, ${tally.completed} finished first; all recovered\n`);
    expect(tally.killed).toBeGreaterThan(RANDOM_KILLS / 4);
    expect(tally.completed).toBeGreaterThan(0);
  }, 300_000);
});
