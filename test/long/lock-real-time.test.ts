import { startScenario, FIRST_IP, type Scenario } from '../helpers/scenario.js';
import { expectFinishedWithItsLock, LOCK_LOSS, sleep, startCheck, until } from '../helpers/long-run.js';

/**
 * The lock on its real timing (stale after 30 s, refreshed every 5 s), in real time: a run that
 * holds it for two minutes, and runs killed 1, 10, 35 and 90 seconds in (before and after the
 * stale threshold). All cases run at once, so the file takes about two minutes.
 * `npm run test:long` (part of .ci/run); test/integration/long-runs.test.ts is the fast version.
 */
const HOLD_MS = 120_000;
const KILLS_MS = [1_000, 10_000, 35_000, 90_000];

async function withScenario<T>(body: (scenario: Scenario) => Promise<T>): Promise<T> {
  const scenario = await startScenario({ settings: ['timeout = "300s"', 'detect_wait = "0s"'].join('\n') });
  try {
    return await body(scenario);
  } finally {
    await scenario.close();
  }
}

async function holdForTwoMinutes(): Promise<void> {
  await withScenario(async (scenario) => {
    const held = scenario.ipEcho.holdAnswers(() => true);
    const long = startCheck(scenario, {}, '-v');
    await until(() => scenario.ipEcho.requests.length >= 1);
    const refusedAt: number[] = [];
    for (const at of [40_000, 100_000]) {
      await sleep(at - (refusedAt.at(-1) ?? 0));
      const meanwhile = await scenario.run(['check', '--config', scenario.configPath]);
      expect(meanwhile.exitCode).toBe(5);
      refusedAt.push(at);
    }
    await sleep(HOLD_MS - 100_000);
    held.release();
    await expectFinishedWithItsLock(scenario, long);
  });
}

async function killAfter(delayMs: number): Promise<{ delayMs: number; next: number; after: number }> {
  return withScenario(async (scenario) => {
    const held = scenario.ipEcho.holdAnswers(() => true);
    const long = startCheck(scenario);
    await sleep(delayMs);
    long.child.kill('SIGKILL');
    expect((await long.done).signal).toBe('SIGKILL');
    held.release();
    const next = await scenario.run(['check', '--config', scenario.configPath, '-v']);
    if (next.exitCode !== 0) throw new Error(`after a kill at ${delayMs} ms the next run exited ${next.exitCode}: ${next.stderr}`);
    expect(next.stderr).not.toMatch(LOCK_LOSS);
    expect(scenario.cloudflare.records()).toEqual([expect.objectContaining({ content: FIRST_IP })]);
    const after = await scenario.run(['check', '--config', scenario.configPath]);
    return { delayMs, next: next.exitCode, after: after.exitCode };
  });
}

describe('the run lock in real time (30 s stale threshold, 5 s refresh)', () => {
  it('a two-minute run keeps its lock; kills at 1, 10, 35 and 90 s never wedge the next run', async () => {
    const [, ...kills] = await Promise.all([holdForTwoMinutes(), ...KILLS_MS.map(killAfter)]);
    expect(kills).toEqual(KILLS_MS.map((delayMs) => ({ delayMs, next: 0, after: 0 })));
  }, 200_000);
});
