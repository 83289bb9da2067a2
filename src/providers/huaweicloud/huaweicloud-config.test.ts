import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../config/load.js';
import { PROVIDERS } from '../registry.js';
import { huaweicloudMetadata } from './metadata.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const ACCESS_KEY = 'HPUAJ5QXCWVT3RMN8KZE';
const SECRET_KEY = 'q7VfT2kLp9WzR4mXc8NbJ6hYd3GsA1eU5oIiK0tQ';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ddns-huaweicloud-config-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function load(providerLines: string[], env: Record<string, string> = {}) {
  const file = path.join(directory, 'config.toml');
  await writeFile(
    file,
    ['[[provider]]', 'name = "huawei"', 'type = "huaweicloud"', ...providerLines, '', '[[record]]', 'provider = "huawei"', 'name = "home.example.com"', ''].join('\n'),
  );
  return loadConfig(file, { env, platform: 'linux', isRoot: false });
}

async function problems(providerLines: string[], env: Record<string, string> = {}): Promise<string> {
  const error = await load(providerLines, env).catch((caught: unknown) => caught);
  if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
  return error.message;
}

describe('huaweicloud config', () => {
  it('is registered', () => {
    expect(PROVIDERS.get('huaweicloud')).toBe(huaweicloudMetadata);
  });

  it('loads examples/huaweicloud.toml with the keys in the environment, masking both', async () => {
    const config = await loadConfig(path.join(REPO_ROOT, 'examples', 'huaweicloud.toml'), {
      env: { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY },
      platform: 'linux',
      isRoot: false,
    });
    expect(config.providers).toEqual([
      expect.objectContaining({ name: 'huawei', type: 'huaweicloud', options: { access_key: ACCESS_KEY, secret_key: SECRET_KEY } }),
    ]);
    expect(config.records.map((record) => `${record.name} ${record.type}`)).toEqual(['home.example.com A', 'home.example.com AAAA', 'nas.example.com.cn A']);
    expect(config.secrets).toEqual(expect.arrayContaining([ACCESS_KEY, SECRET_KEY]));
  });

  it('accepts region and project_id, and each key as a value, _env or _file', async () => {
    await writeFile(path.join(directory, 'huawei.sk'), `${SECRET_KEY}\n`);
    const config = await load(['access_key = "AK1"', 'secret_key_file = "huawei.sk"', 'region = "cn-south-1"', 'project_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"']);
    expect(config.providers[0]?.options).toEqual({
      access_key: 'AK1',
      secret_key: SECRET_KEY,
      region: 'cn-south-1',
      project_id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    });
  });

  it('names a missing secret key, a malformed region and an unknown key', async () => {
    expect(await problems(['access_key = "AK1"'])).toMatch(/provider\[1\]\.secret_key: missing credential secret_key/);
    expect(await problems(['access_key = "AK1"', 'secret_key = "sk"', 'region = "dns.myhuaweicloud.com"'])).toMatch(
      /provider\[1\]\.region: must be a Huawei Cloud region ID/,
    );
    expect(await problems(['access_key = "AK1"', 'secret_key = "sk"', 'line = "default_view"'])).toMatch(/provider\[1\]\.line/);
  });

  it('refuses provider-specific keys in a record', async () => {
    const file = path.join(directory, 'config.toml');
    await writeFile(
      file,
      ['[[provider]]', 'name = "huawei"', 'type = "huaweicloud"', 'access_key = "AK1"', 'secret_key = "sk"', '', '[[record]]', 'provider = "huawei"', 'name = "home.example.com"', 'proxied = true', ''].join('\n'),
    );
    const error = await loadConfig(file, { env: {}, platform: 'linux', isRoot: false }).catch((caught: unknown) => caught);
    expect((error as ConfigError).message).toMatch(/record\[1\]\.proxied/);
  });
});
