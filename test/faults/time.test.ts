import { readFile, writeFile } from 'node:fs/promises';
import { startScenario } from '../helpers/scenario.js';

/** Clock jumps: state times in the future must not freeze the cache forever. */
describe('time', () => {
  it('re-reads the provider when the state was written by a clock set in the future', async () => {
    const scenario = await startScenario();
    try {
      await scenario.check();
      const state = JSON.parse(await readFile(scenario.statePath, 'utf8')) as { records: Record<string, { lastConfirmed: string; lastCheck: string }>; runs: { start: string }[] };
      const future = new Date(Date.now() + 400 * 24 * 3_600_000).toISOString();
      for (const record of Object.values(state.records)) {
        record.lastConfirmed = future;
        record.lastCheck = future;
      }
      await writeFile(scenario.statePath, JSON.stringify(state));
      const before = scenario.cloudflare.server.requests.length;
      const result = await scenario.check();
      expect(result.exitCode).toBe(0);
      expect(scenario.cloudflare.server.requests.length).toBeGreaterThan(before);
      expect(scenario.cloudflare.server.writes()).toHaveLength(1);
      // The re-read confirmation is dated by the (correct) clock again, so the next run is cached.
      const again = scenario.cloudflare.server.requests.length;
      await scenario.check();
      expect(scenario.cloudflare.server.requests.length).toBe(again);
      const status = await scenario.run(['status', '--config', scenario.configPath]);
      expect(status.exitCode).toBe(0);
    } finally {
      await scenario.close();
    }
  });
});
