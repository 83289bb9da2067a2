/**
 * The config cache: what a scheduled `ddns check` needs to decide that nothing changed, kept from
 * the last full load so that a run whose config, environment and secret files are all as they were
 * skips the TOML parser and the schemas. It lives beside the config as `.<name>.ddns-cache.json`
 * and holds no secret: credentials are left out (the provider pool loads the full config before
 * it creates a provider), and a config with notifiers or a proxy, whose URLs may carry secrets
 * needed on every run, is never cached. Every input of the full load goes into the key: the
 * text, each environment variable it read, each secret file's content, the platform and whether
 * the run is root's, and the build of ddns that wrote it. Any doubt (missing, unreadable,
 * another build, any input changed) means a full load, which then rewrites the cache.
 */
import { createHash } from 'node:crypto';
// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import { readFileSync, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fingerprint } from '../core/fingerprint.js';
import { sha256Hex } from '../providers/signing.js';
import { BUILD_ID } from '../version.js';
import type { Config, ConfigSources } from './types.js';

const FORMAT = 1;

interface CacheFile {
  format: number;
  build: string;
  digest: string;
  config: Config;
}

export function configCachePath(configPath: string): string {
  return join(dirname(configPath), `.${basename(configPath)}.ddns-cache.json`);
}

/** Whether the config can be cached: it needs no secret until a provider is called. */
export function cacheable(config: Config): config is Config & { sources: ConfigSources } {
  return config.notify.length === 0 && config.settings.proxy === undefined && config.sources !== undefined;
}

// The cache's reads are synchronous: every scheduled run makes them, and through the thread pool
// each small read cost more than the run's use of it (docs/design/startup.md).
function contentsOrMissing(file: string): string {
  try {
    return sha256Hex(readFileSync(file));
  } catch {
    return 'missing';
  }
}

/** The key: a hash of every input of the full load (never stored in the clear: some are secrets). */
function digestOf(configPath: string, sources: ConfigSources, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([FORMAT, BUILD_ID, configPath, sources.textSha256, sources.platform, sources.isRoot, process.platform]));
  for (const name of sources.env) hash.update(JSON.stringify([name, env[name] ?? null]));
  for (const file of sources.files) hash.update(JSON.stringify([file, contentsOrMissing(file)]));
  return hash.digest('hex');
}

/** The config as the cache keeps it: no secret, each record's fingerprint computed from the full one. */
export function withoutSecrets(config: Config): Config {
  const providers = new Map(config.providers.map((provider) => [provider.name, provider]));
  return {
    ...config,
    providers: config.providers.map((provider) => ({ ...provider, options: {}, secrets: [] })),
    records: config.records.map((record) => {
      const provider = providers.get(record.provider);
      return provider === undefined ? record : { ...record, fingerprint: fingerprint(provider, record) };
    }),
    notify: [],
    secrets: [],
    secretsOmitted: true,
  };
}

/**
 * The cached config for `configPath` when every input is as it was; undefined otherwise. Never
 * throws: a cache that cannot be read is a cache miss.
 */
export async function readCachedConfig(configPath: string, env: NodeJS.ProcessEnv, isRoot: boolean): Promise<Config | undefined> {
  try {
    const cacheText = readFileSync(configCachePath(configPath), 'utf8');
    const text = readFileSync(configPath, 'utf8');
    const cache = JSON.parse(cacheText) as Partial<CacheFile>;
    const config = cache.config;
    if (cache.format !== FORMAT || cache.build !== BUILD_ID || config?.secretsOmitted !== true || config.path !== configPath) return undefined;
    const sources = config.sources;
    if (sources === undefined || sources.isRoot !== isRoot || sources.platform !== process.platform) return undefined;
    if (sha256Hex(text) !== sources.textSha256) return undefined;
    return digestOf(configPath, sources, env) === cache.digest ? config : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache for a config just loaded in full, atomically, readable by its owner only.
 * Failing to write it (a read-only config folder) only costs the next run its speed.
 */
export async function writeConfigCache(config: Config, env: NodeJS.ProcessEnv): Promise<void> {
  if (!cacheable(config)) return;
  const path = configCachePath(config.path);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const cache: CacheFile = { format: FORMAT, build: BUILD_ID, digest: digestOf(config.path, config.sources, env), config: withoutSecrets(config) };
    const handle = await fsp.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(cache));
    } finally {
      await handle.close();
    }
    await fsp.rename(temporary, path);
  } catch {
    await fsp.unlink(temporary).catch(() => undefined);
  }
}
