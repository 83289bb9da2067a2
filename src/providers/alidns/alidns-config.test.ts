import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../config/load.js';
import { PROVIDERS } from '../registry.js';
import { alidnsMetadata } from './metadata.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const KEY_ID = 'LTAI5tConfigTestKey01';
const SECRET = 'cOnFiG-tEsT-sEcReT_0123456789';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ddns-alidns-config-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function load(providerLines: string[], recordLines: string[] = [], env: Record<string, string> = {}) {
  const file = path.join(directory, 'config.toml');
  await writeFile(
    file,
    [
      '[[provider]]',
      'name = "ali"',
      'type = "alidns"',
      ...providerLines,
      '',
      '[[record]]',
      'provider = "ali"',
      'name = "home.example.com.cn"',
      ...recordLines,
      '',
    ].join('\n'),
  );
  return loadConfig(file, { env, platform: 'linux', isRoot: false });
}

async function problems(providerLines: string[], recordLines: string[] = []): Promise<string> {
  const error = await load(providerLines, recordLines).catch((caught: unknown) => caught);
  if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
  return error.message;
}

describe('alidns config', () => {
  it('is registered as type "alidns"', () => {
    expect(PROVIDERS.get('alidns')).toBe(alidnsMetadata);
    expect(alidnsMetadata.secretKeys).toEqual(['access_key_secret']);
  });

  it('loads examples/alidns.toml with the secret from the environment, registering it for masking', async () => {
    const config = await loadConfig(path.join(REPO_ROOT, 'examples', 'alidns.toml'), {
      env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET },
      platform: 'linux',
      isRoot: false,
    });

    expect(config.providers).toEqual([
      expect.objectContaining({ name: 'ali', type: 'alidns', options: { access_key_id: 'LTAI5t0000000000EXAMPLE', access_key_secret: SECRET } }),
    ]);
    expect(config.records.map((record) => `${record.name} ${record.type} ${record.zone ?? '-'} ${record.ttl ?? '-'}`)).toEqual([
      'home.example.com.cn A - 600',
      'home.example.com.cn AAAA example.com.cn -',
    ]);
    expect(config.secrets).toContain(SECRET);
  });

  it('accepts the secret as a value, from a file, and a line on the record', async () => {
    await writeFile(path.join(directory, 'alidns.secret'), `${SECRET}\n`);

    const fromFile = await load([`access_key_id = "${KEY_ID}"`, 'access_key_secret_file = "alidns.secret"'], ['line = "telecom"']);
    const inline = await load([`access_key_id = "${KEY_ID}"`, `access_key_secret = "${SECRET}"`]);

    expect(fromFile.providers[0]?.options).toEqual({ access_key_id: KEY_ID, access_key_secret: SECRET });
    expect(fromFile.records[0]?.options).toEqual({ line: 'telecom' });
    expect(inline.records[0]?.options).toEqual({});
  });

  it('names a missing secret, a missing key id, a malformed line and an unknown key', async () => {
    expect(await problems([`access_key_id = "${KEY_ID}"`])).toMatch(/provider\[1\]\.access_key_secret: missing credential access_key_secret/);
    expect(await problems([`access_key_secret = "${SECRET}"`])).toMatch(/provider\[1\]\.access_key_id/);
    expect(await problems([`access_key_id = "${KEY_ID}"`, `access_key_secret = "${SECRET}"`], ['line = "电信"'])).toMatch(/record\[1\]\.line: must be a line code/);
    expect(await problems([`access_key_id = "${KEY_ID}"`, `access_key_secret = "${SECRET}"`, 'region = "cn-hangzhou"'])).toMatch(/provider\[1\]\.region/);
  });
});
