import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../helpers/cli.js';
import { startScenario, type Scenario } from '../helpers/scenario.js';

/**
 * bin/load-bundle.js: `ddns check` loads the bundle through a V8 code cache kept beside it. The
 * cache only ever costs or saves time: a damaged or foreign one is rejected by V8 and rewritten,
 * and the run's result never depends on it.
 */
describe('the code cache of ddns check', () => {
  const cachePath = join(PACKAGE_ROOT, 'dist', `ddns.cjs.${process.version}-${process.arch}.v8cache`);
  let scenario: Scenario;

  beforeEach(async () => {
    scenario = await startScenario();
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('a garbage cache file is rejected, the run is unaffected, and the cache is written anew', async () => {
    const garbage = Buffer.alloc(4096, 0x5a);
    await writeFile(cachePath, garbage);
    const result = await scenario.check();
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(scenario.cloudflare.records()).toHaveLength(1);
    // Other test files run `ddns check` at the same time and may also rewrite it: any valid
    // rewrite will do, so only "no longer the garbage" is checked.
    const rewritten = await readFile(cachePath);
    expect(rewritten.equals(garbage)).toBe(false);
    expect((await stat(cachePath)).size).toBeGreaterThan(10_000);
  });

  it('without the cache (DDNS_NO_CODE_CACHE=1) a check does the same work', async () => {
    const result = await scenario.run(['check', '--config', scenario.configPath], { DDNS_NO_CODE_CACHE: '1' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(cf\)/);
  });
});
