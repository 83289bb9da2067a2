import { readFile, writeFile } from 'node:fs/promises';
import { configCachePath } from '../../src/config/cache.js';
import { SECOND_IP } from '../helpers/workspace.js';
import { startScenario, type Scenario } from '../helpers/scenario.js';

/**
 * The config cache through the built CLI (bin/ddns.js, the bundle): a no-change run reads the
 * cached config; a run that must call the provider loads the full one, credentials included; an
 * edited config or a rotated secret is never answered from the cache.
 */
describe('ddns check with the config cache', () => {
  let scenario: Scenario;

  beforeEach(async () => {
    scenario = await startScenario();
  });

  afterEach(async () => {
    await scenario.close();
  });

  const cachePath = () => configCachePath(scenario.configPath);

  it('a no-change run answers from the cache; a change then loads the credentials and updates the record', async () => {
    expect((await scenario.check()).exitCode).toBe(0);
    const cache = JSON.parse(await readFile(cachePath(), 'utf8')) as { config: { settings: { logFile: string } } };
    expect(JSON.stringify(cache)).not.toContain(scenario.token);

    // Proof that the next run takes the cached config and not the file: the cache is made to name
    // another log file (its key covers the inputs, not the cached content), and that is where the
    // run writes its line.
    const otherLog = `${scenario.dir}/other.log`;
    cache.config.settings.logFile = otherLog;
    await writeFile(cachePath(), JSON.stringify(cache));
    const unchanged = await scenario.check('-v');
    expect(unchanged.exitCode).toBe(0);
    expect(unchanged.stdout).toMatch(/unchanged\s+home\.example\.com A/);
    expect(await readFile(otherLog, 'utf8')).toMatch(/run finished: .*1 unchanged/);
    expect(scenario.cloudflare.server.requests).toHaveLength(3);

    scenario.ipv4.current = SECOND_IP;
    const changed = await scenario.check();
    expect(changed.stderr).toBe('');
    expect(changed.exitCode).toBe(0);
    expect(changed.stdout).toMatch(/updated\s+home\.example\.com A \(cf\)/);
    expect(scenario.cloudflare.records()[0]?.content).toBe(SECOND_IP);
    for (const request of scenario.cloudflare.server.requests.slice(3)) expect(request.headers.authorization).toBe(`Bearer ${scenario.token}`);
    expect(`${changed.stdout}${changed.stderr}`).not.toContain(scenario.token);
  });

  it('an edited config is loaded in full: the edit takes effect on the next run', async () => {
    expect((await scenario.check()).exitCode).toBe(0);
    await scenario.writeConfig({ records: [{ name: 'home.example.com', extra: 'ttl = 600' }] });
    const edited = await scenario.check();
    expect(edited.exitCode).toBe(0);
    // A new ttl changes the record's fingerprint: the provider is read and the record written again.
    expect(edited.stdout).toMatch(/updated\s+home\.example\.com A/);
    expect(scenario.cloudflare.records()[0]?.ttl).toBe(600);
  });

  it('--dry-run and --force never answer from the cache: they read the provider', async () => {
    expect((await scenario.check()).exitCode).toBe(0);
    const before = scenario.cloudflare.server.requests.length;
    const forced = await scenario.check('--force');
    expect(forced.exitCode).toBe(0);
    expect(scenario.cloudflare.server.requests.length).toBeGreaterThan(before);
  });
});
