import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configCachePath, readCachedConfig, writeConfigCache } from '../../src/config/cache.js';
import { loadConfig } from '../../src/config/load.js';
import { fingerprint } from '../../src/core/fingerprint.js';

const INLINE_TOKEN = 'inline-token-Zq81hG5wP0';
const ENV_TOKEN = 'env-token-Lm20vB7xQ4';
const FILE_TOKEN = 'file-token-Yt63cN9kR1';

let directory: string;
let configFile: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ddns-config-cache-'));
  configFile = path.join(directory, 'config.toml');
  env = { HOME: '/home/ann', XDG_STATE_HOME: path.join(directory, 'state'), TOKEN_B: ENV_TOKEN };
  await writeFile(path.join(directory, 'token-c'), `${FILE_TOKEN}\n`);
  await writeFile(configFile, lines());
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function lines(...extra: string[]): string {
  return [
    '[ip.ipv4]',
    'sources = ["http://127.0.0.1:9/v4"]',
    '',
    '[[provider]]',
    'name = "a"',
    'type = "cloudflare"',
    `api_token = "${INLINE_TOKEN}"`,
    '',
    '[[provider]]',
    'name = "b"',
    'type = "cloudflare"',
    'api_token_env = "TOKEN_B"',
    '',
    '[[provider]]',
    'name = "c"',
    'type = "cloudflare"',
    'api_token_file = "token-c"',
    '',
    '[[record]]',
    'provider = "a"',
    'name = "a.example.com"',
    '',
    '[[record]]',
    'provider = "b"',
    'name = "b.example.com"',
    'ttl = 300',
    '',
    '[[record]]',
    'provider = "c"',
    'name = "c.example.com"',
    ...extra,
    '',
  ].join('\n');
}

const load = () => loadConfig(configFile, { env, platform: process.platform, isRoot: false });
const cached = () => readCachedConfig(configFile, env, false);

async function loadAndCache() {
  const config = await load();
  await writeConfigCache(config, env);
  return config;
}

/**
 * src/config/cache.ts: a plain `ddns check` whose config, environment and secret files are as
 * they were reads the config from its cache, which never holds a secret; any change to any input
 * is a miss.
 */
describe('the config cache', () => {
  it('gives back the config without a single secret, each record with the fingerprint of the full config', async () => {
    const full = await loadAndCache();
    const text = await readFile(configCachePath(configFile), 'utf8');
    for (const secret of [INLINE_TOKEN, ENV_TOKEN, FILE_TOKEN]) expect(text).not.toContain(secret);

    const config = await cached();
    expect(config).toBeDefined();
    expect(config?.secretsOmitted).toBe(true);
    expect(config?.secrets).toEqual([]);
    expect(config?.providers.map((provider) => [provider.name, provider.type, provider.options, provider.secrets])).toEqual([
      ['a', 'cloudflare', {}, []],
      ['b', 'cloudflare', {}, []],
      ['c', 'cloudflare', {}, []],
    ]);
    expect(config?.settings).toEqual(full.settings);
    expect(config?.detection).toEqual(full.detection);
    expect(config?.secretsInFile).toBe(true);
    const byName = new Map(full.providers.map((provider) => [provider.name, provider]));
    expect(config?.records.map((record) => record.fingerprint)).toEqual(
      full.records.map((record) => {
        const provider = byName.get(record.provider);
        return provider && fingerprint(provider, record);
      }),
    );
    // The fingerprints depend on the credentials: another token, another fingerprint.
    expect(new Set(config?.records.map((record) => record.fingerprint)).size).toBe(3);
    expect(full.sources?.env).toEqual(expect.arrayContaining(['TOKEN_B', 'XDG_STATE_HOME']));
    expect(full.sources?.files).toEqual([path.join(directory, 'token-c')]);
  });

  it('misses when one byte of the config changes, and a rewrite makes it hit again', async () => {
    await loadAndCache();
    await writeFile(configFile, lines().replace('ttl = 300', 'ttl = 301'));
    expect(await cached()).toBeUndefined();
    await loadAndCache();
    expect((await cached())?.records[1]?.ttl).toBe(301);
  });

  it('misses when a variable the config read changes: a secret from _env, a default path', async () => {
    await loadAndCache();
    expect(await cached()).toBeDefined();
    env = { ...env, TOKEN_B: 'rotated-token-Pq55' };
    expect(await cached()).toBeUndefined();
    env = { ...env, TOKEN_B: ENV_TOKEN };
    expect(await cached()).toBeDefined();
    env = { ...env, XDG_STATE_HOME: '/elsewhere' };
    expect(await cached()).toBeUndefined();
  });

  it('does not care about variables the config never read', async () => {
    await loadAndCache();
    env = { ...env, UNRELATED: 'x' };
    expect(await cached()).toBeDefined();
  });

  it('misses when a secret file changes or goes away', async () => {
    await loadAndCache();
    await writeFile(path.join(directory, 'token-c'), 'rotated-token-Ux80\n');
    expect(await cached()).toBeUndefined();
    await loadAndCache();
    expect(await cached()).toBeDefined();
    await unlink(path.join(directory, 'token-c'));
    expect(await cached()).toBeUndefined();
  });

  it('misses for another user kind (root or not) and for a damaged or foreign cache file', async () => {
    await loadAndCache();
    expect(await readCachedConfig(configFile, env, true)).toBeUndefined();
    const cachePath = configCachePath(configFile);
    const good = await readFile(cachePath, 'utf8');
    for (const damaged of ['', '{', 'null', good.slice(0, good.length / 2), good.replace('"format":1', '"format":2'), good.replace(/"build":"[^"]*"/, '"build":"other"'), good.replace(/"digest":"[^"]*"/, '"digest":"0"')]) {
      await writeFile(cachePath, damaged);
      expect(await cached()).toBeUndefined();
    }
  });

  it('is never written for a config with a notifier or a proxy (their URLs may carry secrets every run needs)', async () => {
    await writeFile(configFile, lines('', '[[notify]]', 'type = "webhook"', 'url = "https://hooks.example/secret-path-Wq1"'));
    await loadAndCache();
    await expect(readFile(configCachePath(configFile))).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(configFile, `[settings]\nproxy = "http://user:pw-Zx3@127.0.0.1:3128"\n\n${lines()}`);
    await loadAndCache();
    await expect(readFile(configCachePath(configFile))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a folder it cannot write to only means no cache', async () => {
    const config = await load();
    await writeConfigCache({ ...config, path: path.join(directory, 'missing-folder', 'config.toml') }, env);
    expect(await readCachedConfig(path.join(directory, 'missing-folder', 'config.toml'), env, false)).toBeUndefined();
  });
});
