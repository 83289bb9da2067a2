import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import TOML from '@iarna/toml';
import { exampleConfig, writeExampleConfig } from '../../src/config/example.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const PLATFORMS = ['win32', 'linux', 'darwin'] as const;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ddns-config-example-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('exampleConfig', () => {
  test.each(PLATFORMS)('the %s example parses and validates when CLOUDFLARE_API_TOKEN is set', async (platform) => {
    const text = exampleConfig(platform);
    expect(() => TOML.parse(text)).not.toThrow();
    const file = path.join(directory, 'config.toml');
    await writeFile(file, text);
    const config = await loadConfig(file, { env: { CLOUDFLARE_API_TOKEN: 'example-token-value' }, platform, isRoot: false });
    expect(config.providers).toHaveLength(1);
    expect(config.providers[0]?.type).toBe('cloudflare');
    expect(config.records).toEqual([expect.objectContaining({ provider: 'cf', name: 'home.example.com', type: 'A' })]);
    expect(config.secrets).toEqual(['example-token-value']);
  });

  // Opened in Notepad, edited and saved: a byte-order mark (older Notepad), CRLF line ends, comments everywhere.
  test.each(PLATFORMS.flatMap((platform) => [[platform, 'CRLF', ''] as const, [platform, 'BOM + CRLF', '\uFEFF'] as const]))(
    'the %s example, edited and saved with %s, validates',
    async (platform, _form, bom) => {
      const edited = exampleConfig(platform)
        .replace('# retry_delay = "1s" ', 'retry_delay = "2s"   ')
        .replace('# [ip.ipv6]\n# sources', '[ip.ipv6]\nsources')
        .replace('type = "A"                #', 'type = "AAAA"             #');
      const file = path.join(directory, 'config.toml');
      await writeFile(file, bom + edited.replace(/\n/g, '\r\n'));
      const config = await loadConfig(file, { env: { CLOUDFLARE_API_TOKEN: 'example-token-value' }, platform, isRoot: false });
      expect(config.settings.retryDelayMs).toBe(2_000);
      expect(config.detection.ipv6?.sources).toEqual(['https://api6.ipify.org', 'cloudflare-trace']);
      expect(config.records).toEqual([expect.objectContaining({ name: 'home.example.com', type: 'AAAA' })]);
    },
  );

  test('without the environment variable the example names it as the problem', async () => {
    const file = path.join(directory, 'config.toml');
    await writeFile(file, exampleConfig('linux'));
    const error = await loadConfig(file, { env: {}, platform: 'linux', isRoot: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(1);
    expect((error as ConfigError).message).toMatch(/provider\[1\]\.api_token_env: environment variable CLOUDFLARE_API_TOKEN is not set$/);
  });

  test('explains the three forms of a secret and the platform specifics', () => {
    const windows = exampleConfig('win32');
    expect(windows).toMatch(/api_token_env = "CLOUDFLARE_API_TOKEN"/);
    expect(windows).toMatch(/api_token_file/);
    expect(windows).toMatch(/# \[ip\.ipv6\]/);
    expect(windows).toMatch(/SYSTEM/);
    expect(windows).toMatch(/interface:Ethernet/);
    expect(exampleConfig('linux')).toMatch(/interface:eth0/);
  });
});

describe('writeExampleConfig', () => {
  test('creates missing directories and writes a private file', async () => {
    const file = path.join(directory, 'nested', 'ddns', 'config.toml');
    await writeExampleConfig(file, 'linux');
    expect(await readFile(file, 'utf8')).toBe(exampleConfig('linux'));
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test('never overwrites an existing config', async () => {
    const file = path.join(directory, 'config.toml');
    await writeFile(file, '# my precious config\n');
    await expect(writeExampleConfig(file, 'linux')).rejects.toThrow(`config file already exists: ${file} (not overwritten)`);
    expect(await readFile(file, 'utf8')).toBe('# my precious config\n');
  });
});

test('examples/cloudflare.toml is a complete, valid config', async () => {
  const config = await loadConfig(path.join(REPO_ROOT, 'examples', 'cloudflare.toml'), {
    env: { CLOUDFLARE_API_TOKEN: 'example-token-value' },
    platform: 'linux',
    isRoot: false,
  });
  expect(config.records.map((record) => record.type)).toEqual(['A', 'AAAA']);
  expect(config.records[0]?.options).toEqual({ proxied: false, comment: 'managed by ddns' });
  expect(config.detection.ipv4?.quorum).toBe(2);
  expect(config.detection.ipv6?.sources.length).toBeGreaterThan(0);
  expect(config.notify).toEqual([]);
});
