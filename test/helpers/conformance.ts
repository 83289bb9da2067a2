import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import type { Provider, RecordSpec, WriteOnlyProvider } from '../../src/providers/types.js';
import type { ProviderTestKit, RunningFake } from './provider-kit.js';
import { providerTable, recordTable } from './workspace.js';
import { PACE_FACTOR_ENV } from '../../src/core/pacer.js';

/**
 * For the CLI runs of the registry-wide suites: every provider's published rate a thousand times
 * higher, so that pacing runs without its real-time waits (route53's own tests check the pacing).
 */
export const FAST_PACING: NodeJS.ProcessEnv = { [PACE_FACTOR_ENV]: '1000' };

/**
 * The test kit of every registered provider, from its folder's testkit.ts. The suites in
 * test/conformance/ iterate these: a provider is covered because it is registered, not because
 * someone remembered to add it to a list. A registered type without a kit is an error here.
 */

/** What the suites call a kit: its label (a variant) or its type. */
export function kitTitle(kit: ProviderTestKit): string {
  return kit.label ?? kit.type;
}

/**
 * Every `shards`-th kit from `shard` on: a long suite is split over several test files so that
 * jest's workers share it (each file runs in one worker).
 */
export async function loadKitShard(shard: number, shards: number, transport?: ProviderTestKit['transport']): Promise<ProviderTestKit[]> {
  const kits = (await loadKits()).filter((kit) => transport === undefined || kit.transport === transport);
  return kits.filter((_kit, index) => index % shards === shard);
}

export async function loadKits(): Promise<ProviderTestKit[]> {
  const kits: ProviderTestKit[] = [];
  for (const type of [...PROVIDERS.keys()].sort()) {
    const url = new URL(`../../src/providers/${type}/testkit.js`, import.meta.url);
    let module: { testKit?: ProviderTestKit; testKitVariants?: readonly ProviderTestKit[] };
    try {
      module = (await import(url.href)) as { testKit?: ProviderTestKit; testKitVariants?: readonly ProviderTestKit[] };
    } catch (error) {
      throw new Error(`provider ${type} is registered but src/providers/${type}/testkit.ts cannot be loaded: ${(error as Error).message}`);
    }
    if (module.testKit?.type !== type) throw new Error(`src/providers/${type}/testkit.ts must export testKit with type "${type}"`);
    kits.push(module.testKit);
    for (const variant of module.testKitVariants ?? []) {
      if (variant.type !== type || variant.label === undefined) throw new Error(`src/providers/${type}/testkit.ts: every testKitVariants entry needs type "${type}" and a label`);
      kits.push(variant);
    }
  }
  return kits;
}

/** The record types a kit's provider can set: A and AAAA, unless its metadata names fewer (Namecheap: A only). */
export function kitRecordTypes(kit: ProviderTestKit): ('A' | 'AAAA')[] {
  const types = PROVIDERS.get(kit.type)?.recordTypes;
  return types === undefined ? ['A', 'AAAA'] : (['A', 'AAAA'] as const).filter((type) => types.includes(type));
}

/** The `[[provider]]` (named "p") and `[[record]]` tables of a kit's provider pointed at `endpoint`. */
export function kitTables(kit: ProviderTestKit, endpoint: string, records: { name?: string; type?: 'A' | 'AAAA' }[] = [{}]): string[] {
  return [
    ...providerTable('p', kit.type, [...kit.providerLines, `${kit.endpointKey ?? 'endpoint'} = ${JSON.stringify(endpoint)}`]),
    ...records.flatMap((record) => recordTable('p', record.name ?? kit.recordName, record.type ?? 'A')),
  ];
}

export interface BuiltProvider {
  provider: Provider | WriteOnlyProvider;
  /** The record of the kit, as the config loader makes it. */
  spec(type?: 'A' | 'AAAA'): RecordSpec;
}

/**
 * The provider as a run builds it (config loader, metadata, factory), pointed at `fake`, with a
 * silent logger: for suites that call find/create/update directly.
 */
export async function buildProvider(kit: ProviderTestKit, fake: RunningFake, timeoutMs = 2_000): Promise<BuiltProvider> {
  const config = await kitConfig(kit, fake.endpoint);
  const providerConfig = config.providers[0];
  const metadata = providerConfig === undefined ? undefined : PROVIDERS.get(providerConfig.type);
  if (providerConfig === undefined || metadata === undefined) throw new Error(`the kit of ${kit.type} gives no loadable [[provider]]`);
  const factory = await metadata.load();
  const provider = factory(providerConfig.options, {
    http: createHttpClient({ timeoutMs }),
    log: { debug() {}, warn() {} },
    endpoint: providerConfig.endpoint,
    timeoutMs,
    countRequest: () => undefined,
  });
  return {
    provider,
    spec(type = 'A') {
      const record = config.records.find((candidate) => candidate.type === type);
      if (record === undefined) throw new Error('no record of that type');
      return { name: record.name, type: record.type, zone: record.zone, ttl: record.ttl, options: record.options };
    },
  };
}

/**
 * The kit's config as the loader makes it, loaded once per kit and endpoint: the suites build a
 * fresh provider for every call (so that no cache hides a reply), and loading the same file
 * thousands of times would only cost time.
 */
const kitConfigs = new Map<string, Promise<Config>>();

function kitConfig(kit: ProviderTestKit, endpoint: string): Promise<Config> {
  const key = `${kitTitle(kit)} ${endpoint}`;
  let config = kitConfigs.get(key);
  if (config === undefined) {
    config = loadKitConfig(kit, endpoint);
    kitConfigs.set(key, config);
    config.catch(() => kitConfigs.delete(key));
  }
  return config;
}

async function loadKitConfig(kit: ProviderTestKit, endpoint: string): Promise<Config> {
  const dir = await mkdtemp(join(tmpdir(), `ddns-kit-${kit.type}-`));
  try {
    const configPath = join(dir, 'config.toml');
    await writeFile(configPath, ['[settings]', 'state_file = "state.json"', '', ...kitTables(kit, endpoint, kitRecordTypes(kit).map((type) => ({ type })))].join('\n'), { mode: 0o600 });
    return await loadConfig(configPath, { env: {} });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Starts a kit's fake for one test and always closes it. */
export async function withFake<T>(kit: ProviderTestKit, body: (fake: RunningFake) => Promise<T>): Promise<T> {
  const fake = await kit.start();
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

/** The content the fake holds for the kit's record of `type`, if any (the first of that name). */
export function heldContent(kit: ProviderTestKit, fake: RunningFake, type: 'A' | 'AAAA' = 'A'): string | undefined {
  return fake.store.records({ name: kit.recordName, type })[0]?.content;
}
