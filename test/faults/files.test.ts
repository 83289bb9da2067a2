import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScenario, FIRST_IP, type Scenario } from '../helpers/scenario.js';

const posix = process.platform !== 'win32';

/** Files: owner-only creation, a warning for a world-readable config, unusable state locations. */
describe('files and permissions', () => {
  let scenario: Scenario;
  beforeEach(async () => {
    scenario = await startScenario();
  });
  afterEach(async () => {
    await scenario.close();
  });

  it('creates the state, its directory and the log owner-only', async () => {
    await scenario.writeConfig({ settings: 'state_file = "var/lib/state.json"\nlog_file = "var/log/ddns.log"' });
    const text = (await readFile(scenario.configPath, 'utf8')).replace(/^state_file = "state\.json"\n/m, '').replace(/^log_file = "ddns\.log"\n/m, '');
    await writeFile(scenario.configPath, text);
    expect((await scenario.check()).exitCode).toBe(0);
    if (!posix) return;
    expect((await stat(join(scenario.dir, 'var', 'lib', 'state.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(scenario.dir, 'var', 'lib'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(scenario.dir, 'var', 'log', 'ddns.log'))).mode & 0o777).toBe(0o600);
  });

  it('warns when the config holding a secret is readable by other users', async () => {
    await chmod(scenario.configPath, 0o644);
    const result = await scenario.check();
    expect(result.exitCode).toBe(0);
    if (posix) expect(result.stderr).toMatch(/warning: the config file .*config\.toml holds secrets and is readable by every user .*mode 0644.*chmod 600/);
    await chmod(scenario.configPath, 0o600);
    expect((await scenario.check()).stderr).not.toMatch(/readable by/);
  });

  it.each([
    ['under a regular file', async (dir: string) => writeFile(join(dir, 'blocker'), 'x').then(() => 'blocker/state.json'), /ENOTDIR|EEXIST/],
    ['in a dangling symlinked directory', async (dir: string) => symlink(join(dir, 'gone'), join(dir, 'dangling')).then(() => 'dangling/state.json'), /ENOENT|EEXIST/],
  ])('refuses a state file %s with a clear exit 2 and no provider request', async (_label, prepare, reason) => {
    const statePath = await prepare(scenario.dir);
    const text = (await readFile(scenario.configPath, 'utf8')).replace('state_file = "state.json"', `state_file = "${statePath}"`);
    await writeFile(scenario.configPath, text);
    const result = await scenario.check();
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/cannot use the lock .*state\.json\.lock|cannot read the state file/);
    expect(result.stdout + result.stderr).toMatch(reason);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(scenario.cloudflare.server.requests).toHaveLength(0);
  });

  it('follows a symlinked state directory and creates missing ones', async () => {
    const target = await mkdtemp(join(tmpdir(), 'ddns-target-'));
    try {
      await symlink(target, join(scenario.dir, 'linked'));
      await mkdir(join(scenario.dir, 'unused'));
      const text = (await readFile(scenario.configPath, 'utf8')).replace('state_file = "state.json"', 'state_file = "linked/deep/er/state.json"');
      await writeFile(scenario.configPath, text);
      expect((await scenario.check()).exitCode).toBe(0);
      const state = JSON.parse(await readFile(join(target, 'deep', 'er', 'state.json'), 'utf8')) as { records: Record<string, { ip: string }> };
      expect(state.records['cf/home.example.com/A']?.ip).toBe(FIRST_IP);
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });
});
