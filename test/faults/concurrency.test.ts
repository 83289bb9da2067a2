import { readFile } from 'node:fs/promises';
import { startScenario, FIRST_IP, SECOND_IP } from '../helpers/scenario.js';

/** Ten `ddns check` processes started together against one config: one writer, no corruption. */
describe('concurrent runs', () => {
  it('10 simultaneous runs make exactly the writes one run would, and leave a valid state', async () => {
    // Ten Node processes starting at once on a small machine: give detection time, so that what
    // is tested is the lock, not how fast a loaded machine answers.
    const scenario = await startScenario({ records: [{ name: 'home.example.com' }, { name: 'vpn.example.com' }], settings: 'timeout = "20s"\ndetect_wait = "20s"' });
    try {
      for (const ip of [FIRST_IP, SECOND_IP]) {
        scenario.ipv4.current = ip;
        const writesBefore = scenario.cloudflare.server.writes().length;
        const results = await Promise.all(Array.from({ length: 10 }, () => scenario.check()));
        const codes = results.map((result) => result.exitCode);
        for (const code of codes) expect([0, 5]).toContain(code);
        expect(codes.filter((code) => code === 0).length).toBeGreaterThanOrEqual(1);
        // Two records, one write each: whoever held the lock wrote; later holders found them current.
        expect(scenario.cloudflare.server.writes().length - writesBefore).toBe(2);
        expect(scenario.cloudflare.records().map((record) => record.content)).toEqual([ip, ip]);
        const locked = results.filter((result) => result.exitCode === 5);
        for (const result of locked) expect(result.stdout).toMatch(/another ddns check is running.*this run did nothing/);
        const state = JSON.parse(await readFile(scenario.statePath, 'utf8')) as { records: Record<string, { ip: string }>; runs: unknown[] };
        expect(Object.values(state.records).map((record) => record.ip)).toEqual([ip, ip]);
      }
      const state = JSON.parse(await readFile(scenario.statePath, 'utf8')) as { runs: { exitCode: number }[] };
      // Runs that exited 5 never touched the state: only lock holders appended a run.
      expect(state.runs.every((run) => run.exitCode === 0)).toBe(true);
    } finally {
      await scenario.close();
    }
  }, 120_000);
});
