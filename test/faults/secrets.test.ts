import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startScenario, SECOND_IP, type Scenario } from '../helpers/scenario.js';
import type { CliResult } from '../helpers/cli.js';

/**
 * Every command and error path with a distinctive token: the token, its URL-encoded and base64
 * forms must appear nowhere in stdout, stderr, the log files or the state.
 */
const TOKEN = 'Zt0k3n-DISTINCTIVE_secret+value/42';
const FAKE_ACCEPTS = 'Zt0k3n-DISTINCTIVE_secret_value_42';

function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64').replace(/=+$/, '')];
}

async function everythingWritten(scenario: Scenario, results: CliResult[]): Promise<string> {
  const files = await readdir(scenario.dir);
  const contents = await Promise.all(
    files.filter((name) => name.startsWith('ddns.log') || name.startsWith('state.json')).map((name) => readFile(join(scenario.dir, name), 'utf8').catch(() => '')),
  );
  return [...results.map((result) => `${result.stdout}\n${result.stderr}`), ...contents].join('\n');
}

describe('secrets never leak', () => {
  it.each([
    ['the token the fake accepts', FAKE_ACCEPTS],
    ['a token the fake rejects', TOKEN],
  ])('across every command and error path, with %s', async (_label, token) => {
    const scenario = await startScenario({ token: FAKE_ACCEPTS, configToken: token });
    try {
      const config = ['--config', scenario.configPath];
      const results: CliResult[] = [];
      const run = async (...args: string[]) => {
        const result = await scenario.run(args);
        results.push(result);
        return result;
      };
      await run('check', ...config, '-v');
      await run('check', ...config, '--json', '-v');
      await run('check', ...config, '--dry-run', '-v');
      await run('check', ...config, '--force', '--json');
      scenario.ipv4.current = SECOND_IP;
      await run('check', ...config, '-v');
      scenario.cloudflare.server.injectFault({ kind: 'reply', reply: { status: 500, body: `oops ${token}` } }, 50);
      scenario.ipv4.current = '81.2.69.1';
      await run('check', ...config, '-v', '--json');
      scenario.cloudflare.server.clearFaults();
      await run('status', ...config);
      await run('status', ...config, '--json');
      await run('config', 'validate', ...config);
      await run('config', 'validate', ...config, '--json');
      await run('config', 'path', ...config, '--json');
      for (const platform of ['windows', 'systemd', 'cron', 'launchd']) await run('setup-task', ...config, '--print', '--platform', platform);
      // Config errors next to the secret: a bad key, a wrong type, an unknown provider key.
      const text = await readFile(scenario.configPath, 'utf8');
      await writeFile(scenario.configPath, text.replace('retries = 2', 'retries = "two"'));
      await run('check', ...config, '--json');
      await writeFile(scenario.configPath, text.replace(`api_token = "${token}"`, `api_token = ["${token}"]`));
      await run('config', 'validate', ...config);
      await writeFile(scenario.configPath, text.replace(`api_token = "${token}"`, `api_token = "${token}"\napi_token_env = "X"`));
      await run('check', ...config);

      expect(results.some((result) => result.exitCode === 2)).toBe(true);
      const written = await everythingWritten(scenario, results);
      expect(written).toMatch(/HTTP (GET|PATCH|POST)/);
      for (const form of forms(token)) expect(written).not.toContain(form);
    } finally {
      await scenario.close();
    }
  }, 120_000);
});
