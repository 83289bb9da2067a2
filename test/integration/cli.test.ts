import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns } from '../helpers/cli.js';
import { startScenario } from '../helpers/scenario.js';
import { VERSION } from '../../src/version.js';

describe('ddns command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the version and help with exit 0', async () => {
    expect(await runDdns(['--version'])).toMatchObject({ exitCode: 0, stdout: VERSION });
    const help = await runDdns(['help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/Usage: ddns .*\n[\s\S]*check[\s\S]*status[\s\S]*config/);
    const checkHelp = await runDdns(['help', 'check']);
    expect(checkHelp.stdout).toMatch(/--dry-run[\s\S]*--force[\s\S]*--json/);
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['check', '--bogus'], /unknown option '--bogus'/],
    [['status', '--dry-run'], /unknown option '--dry-run'/],
    [['config'], /expected a subcommand/],
    [[], /Usage: ddns/],
  ])('exits 2 with usage for %j', async (args, message) => {
    const result = await runDdns(args);
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).toMatch(message);
    expect(result.stdout + result.stderr).toMatch(/Usage: ddns/);
  });

  it('config init writes a commented example owner-only and never overwrites it', async () => {
    const path = join(dir, 'nested', 'config.toml');
    const first = await runDdns(['config', 'init', '--config', path]);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain(`wrote ${path}`);
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/^#/m);
    expect(text).toMatch(/\[\[record\]\]/);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, '# mine\n');
    const second = await runDdns(['config', 'init', '--config', path]);
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toMatch(/already exists/);
    expect(await readFile(path, 'utf8')).toBe('# mine\n');
  });

  it('config validate accepts the example once its token variable is set, and names problems otherwise', async () => {
    const path = join(dir, 'config.toml');
    await runDdns(['config', 'init', '--config', path]);
    const missing = await runDdns(['config', 'validate', '--config', path], { CLOUDFLARE_API_TOKEN: '' });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/config\.toml:\d+: .*CLOUDFLARE_API_TOKEN/);
    const ok = await runDdns(['config', 'validate', '--config', path], { CLOUDFLARE_API_TOKEN: 'example-token-value' });
    expect(ok).toMatchObject({ exitCode: 0 });
    expect(ok.stdout).toMatch(/^ok: .*config\.toml \(1 provider, \d+ records?\)/);
    // The same file once Notepad has saved it: byte-order mark and CRLF line ends.
    await writeFile(path, `\uFEFF${(await readFile(path, 'utf8')).replace(/\n/g, '\r\n')}`);
    const notepad = await runDdns(['config', 'validate', '--config', path], { CLOUDFLARE_API_TOKEN: 'example-token-value' });
    expect({ exitCode: notepad.exitCode, stdout: notepad.stdout, stderr: notepad.stderr }).toEqual({ exitCode: 0, stdout: ok.stdout, stderr: ok.stderr });
  });

  it('config validate warns, with file:line, about keys a write-only provider ignores, and still accepts the config', async () => {
    const path = join(dir, 'config.toml');
    const lines = [
      '[[provider]]',
      'name = "duck"',
      'type = "duckdns"',
      'token = "a7c4d0ad-114e-40ef-ba1d-d217904a50f2"',
      '',
      '[[record]]',
      'provider = "duck"',
      'name = "myhome"',
      'ttl = 60',
      'zone = "duckdns.org"',
    ];
    await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
    const text = await runDdns(['config', 'validate', '--config', path]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^ok: .*config\.toml \(1 provider, 1 record\)/);
    expect(text.stderr.trim().split('\n')).toEqual([
      `warning: ${path}:9: record[1].ttl: has no effect for a "duckdns" provider: the service sets the TTL itself`,
      `warning: ${path}:10: record[1].zone: has no effect for a "duckdns" provider: it has no zones to look up`,
    ]);
    const json = await runDdns(['config', 'validate', '--config', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, warnings: [expect.stringContaining(':9: record[1].ttl: has no effect'), expect.stringContaining(':10: record[1].zone')] });
  });

  it('config validate and check --dry-run take a config saved by Notepad (BOM, CRLF, comments), with problems on the same lines as in LF', async () => {
    const scenario = await startScenario();
    try {
      const lines = (await readFile(scenario.configPath, 'utf8')).split('\n');
      // Comments where people write them: a heading, and notes after values.
      const commented = ['# ddns, edited in Notepad', ...lines.map((line) => (line.startsWith('name = ') ? `${line}   # see the README` : line))];
      const notepad = (text: string[]) => `\uFEFF${text.join('\r\n')}`;
      await writeFile(scenario.configPath, notepad(commented), { mode: 0o600 });
      const validate = await scenario.run(['config', 'validate', '--config', scenario.configPath]);
      expect(validate.stderr).toBe('');
      expect(validate.exitCode).toBe(0);
      expect(validate.stdout).toMatch(/^ok: .*config\.toml \(1 provider, 1 record\)/);
      const dry = await scenario.check('--dry-run');
      expect(dry.stderr).toBe('');
      expect(dry.exitCode).toBe(0);
      expect(dry.stdout).toMatch(/would create\s+home\.example\.com A \(cf\)\s+→ 81\.2\.69\.160/);
      expect(scenario.cloudflare.server.writes()).toEqual([]);

      const typeLine = commented.indexOf('type = "A"') + 1;
      const retriesLine = commented.findIndex((line) => line.startsWith('retries = ')) + 1;
      const mistakes: [string[], RegExp][] = [
        [commented.map((line, index) => (index + 1 === typeLine ? 'type = "MX"   # a typo' : line)), new RegExp(`config\\.toml:${typeLine}: record\\[1\\]\\.type: must be one of A, AAAA`)],
        [commented.map((line, index) => (index + 1 === retriesLine ? 'retries =   # forgot the number' : line)), new RegExp(`config\\.toml:${retriesLine}:13: Unexpected character`)],
      ];
      for (const [text, expected] of mistakes) {
        await writeFile(scenario.configPath, `${text.join('\n')}`, { mode: 0o600 });
        const lf = await scenario.run(['config', 'validate', '--config', scenario.configPath]);
        await writeFile(scenario.configPath, notepad(text), { mode: 0o600 });
        const crlf = await scenario.run(['config', 'validate', '--config', scenario.configPath]);
        expect(lf.exitCode).toBe(2);
        expect(lf.stderr).toMatch(expected);
        expect({ exitCode: crlf.exitCode, stderr: crlf.stderr }).toEqual({ exitCode: lf.exitCode, stderr: lf.stderr });
      }
    } finally {
      await scenario.close();
    }
  });

  it('reports a missing config file with exit 2 and a hint', async () => {
    const result = await runDdns(['check', '--config', join(dir, 'nope.toml')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/not found: .*nope\.toml.*ddns config init/);
  });

  it('config path resolves --config, then DDNS_CONFIG, and derives state, lock and log', async () => {
    const path = join(dir, 'config.toml');
    await writeFile(path, '');
    const viaEnv = await runDdns(['config', 'path', '--json'], { DDNS_CONFIG: path });
    const paths = JSON.parse(viaEnv.stdout) as { config: string; state: string; lock: string; log: string };
    expect(paths.config).toBe(path);
    expect(paths.lock).toBe(`${paths.state}.lock`);
    const other = join(dir, 'other.toml');
    await writeFile(
      other,
      ['[settings]', 'state_file = "var/state.json"', 'log_file = "var/ddns.log"', '[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token = "abcd1234"', '[[record]]', 'provider = "cf"', 'name = "a.example.com"'].join('\n'),
    );
    const viaFlag = await runDdns(['config', 'path', '--config', other], { DDNS_CONFIG: path });
    expect(viaFlag.exitCode).toBe(0);
    expect(viaFlag.stdout).toContain(`config ${other}`);
    expect(viaFlag.stdout).toContain(`state  ${join(dir, 'var', 'state.json')}`);
    expect(viaFlag.stdout).toContain(`lock   ${join(dir, 'var', 'state.json.lock')}`);
    expect(viaFlag.stdout).toContain(`log    ${join(dir, 'var', 'ddns.log')}`);
  });
});
