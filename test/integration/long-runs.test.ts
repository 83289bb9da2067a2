import { readFile } from 'node:fs/promises';
import { startScenario, FIRST_IP, SECOND_IP, type Scenario } from '../helpers/scenario.js';
import { expectFinishedWithItsLock, LOCK_LOSS, sleep, startCheck, until } from '../helpers/long-run.js';
import { LOCK_STALE_ENV } from '../../src/state/lock.js';

/**
 * Runs that last longer than the lock's refresh interval and stale threshold, and runs killed at
 * any moment of such a run, through the real CLI. The lock runs on its shortest timing here
 * (stale 2 s, refreshed every second) so that seconds stand for minutes; test/long/ does the same
 * with the real timing (30 s / 5 s) and a two-minute run.
 */
const SHORT_LOCK = { [LOCK_STALE_ENV]: '2000' };

describe('long runs and the lock (stale threshold 2 s)', () => {
  let scenario: Scenario;
  beforeEach(async () => {
    // A long per-source timeout: detection waits for the held echo instead of giving up.
    scenario = await startScenario({ settings: 'timeout = "60s"' });
  });
  afterEach(async () => {
    await scenario.close();
  });

  it('a run that holds the lock for 6 s (6 refreshes, 3 stale thresholds) keeps it: others exit 5, no loss is reported', async () => {
    const held = scenario.ipEcho.holdAnswers(() => true);
    const long = startCheck(scenario, SHORT_LOCK, '-v');
    await until(() => scenario.ipEcho.requests.length >= 1);
    await sleep(3_000);
    // Past the stale threshold: another run must still find the lock held.
    const meanwhile = await scenario.run(['check', '--config', scenario.configPath], SHORT_LOCK);
    expect(meanwhile.exitCode).toBe(5);
    expect(meanwhile.stdout).toMatch(/another ddns check is running.*this run did nothing/);
    await sleep(3_000);
    held.release();
    await expectFinishedWithItsLock(scenario, long);
  }, 30_000);

  it.each([300, 1_500, 3_000, 4_500])('SIGKILL %i ms into a long run: the next run takes the lock over at once and finishes (never exit 2)', async (delayMs) => {
    const held = scenario.ipEcho.holdAnswers(() => true);
    const long = startCheck(scenario, SHORT_LOCK);
    await sleep(delayMs);
    long.child.kill('SIGKILL');
    const killed = await long.done;
    expect(killed.signal).toBe('SIGKILL');
    held.release();
    // The echo answers at once now; from here on the next run may hold nothing up.
    const next = await scenario.run(['check', '--config', scenario.configPath, '-v'], SHORT_LOCK);
    expect(next.exitCode).toBe(0);
    expect(next.stderr).not.toMatch(LOCK_LOSS);
    expect(scenario.cloudflare.records()).toEqual([expect.objectContaining({ content: FIRST_IP })]);
    // The run after that finds nothing left over either.
    expect((await scenario.run(['check', '--config', scenario.configPath], SHORT_LOCK)).exitCode).toBe(0);
  }, 30_000);

  it('a run stopped past the stale threshold loses the lock to the next run and then sends nothing (exit 5)', async () => {
    const held = scenario.ipEcho.holdAnswers(() => true);
    const stopped = startCheck(scenario, SHORT_LOCK, '-v');
    try {
      await until(() => scenario.ipEcho.requests.length >= 1);
      stopped.child.kill('SIGSTOP');
      await sleep(3_000);
      // The stopped run's answer is sent now and waits in its socket: an address the next run will
      // not publish, so the stopped one would have a change to write when it wakes.
      scenario.ipv4.current = SECOND_IP;
      held.release();
      await sleep(200);
      scenario.ipv4.current = FIRST_IP;
      const next = await scenario.run(['check', '--config', scenario.configPath, '-v'], SHORT_LOCK);
      expect(next.exitCode).toBe(0);
      expect(next.stderr).toMatch(/took over the lock left by a run/);
      const writesBefore = scenario.cloudflare.server.writes().length;
      stopped.child.kill('SIGCONT');
      const result = await stopped.done;
      // Its detection answer arrives after it wakes: it must not write, nor save over the new state.
      expect(scenario.cloudflare.server.writes().length).toBe(writesBefore);
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(/took over the run lock/);
      expect(scenario.cloudflare.records()).toEqual([expect.objectContaining({ content: FIRST_IP })]);
      const state = JSON.parse(await readFile(scenario.statePath, 'utf8')) as { runs: { exitCode: number }[] };
      expect(state.runs.map((run) => run.exitCode)).toEqual([0]);
    } finally {
      // A failed expectation must not leave a stopped process behind (jest would wait for it forever).
      stopped.child.kill('SIGCONT');
      stopped.child.kill('SIGKILL');
    }
  }, 30_000);
});
