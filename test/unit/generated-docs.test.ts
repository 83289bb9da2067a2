import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { $ZodType } from 'zod/v4/core';
import { loadConfig } from '../../src/config/load.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { generatedFiles, providerDocs, ROOT, schemaKeys } from '../../scripts/generate.js';

/**
 * The provider pages, the examples and the README's provider table are generated from the
 * provider folders (`npm run generate`). These tests fail when a generated file is stale, when a
 * page describes other keys than the schemas accept, or when an example does not validate.
 */
// Read before anything below touches a schema: every type's metadata builds its schemas on first read.
const eagerSchemas = [...PROVIDERS.values()].flatMap((metadata) =>
  (['configSchema', 'recordSchema'] as const).filter((key) => Object.getOwnPropertyDescriptor(metadata, key)?.get === undefined).map((key) => `${metadata.type}.${key}`),
);
const files = await generatedFiles();
const documented = (await Promise.all([...PROVIDERS.keys()].map(async (type) => [type, await providerDocs(type)] as const))).flatMap(([type, docs]) =>
  docs === undefined ? [] : [[type, docs] as const],
);

describe('generated docs', () => {
  it.each([...files.keys()])('%s is what `npm run generate` writes (run it after changing a provider)', async (path) => {
    const onDisk = await readFile(join(ROOT, path), 'utf8').catch(() => '(missing)');
    expect(onDisk === files.get(path) ? 'current' : `stale: run npm run generate`).toBe('current');
  });

  it('every metadata.ts builds its zod schemas on first read (lazyProperty), so a run builds only those of the types its config uses', () => {
    expect(eagerSchemas).toEqual([]);
  });

  it('every registered provider has its docs.ts', () => {
    const missing = [...PROVIDERS.keys()].filter((type) => !documented.some(([documentedType]) => documentedType === type));
    expect(missing).toEqual([]);
  });

  it.each(documented)('%s: the docs describe exactly the keys its schemas accept, and every required one as required', (type, docs) => {
    const metadata = PROVIDERS.get(type);
    if (metadata === undefined) throw new Error(`${type} is not registered`);
    const providerKeys = docs.providerKeys.map((key) => key.key);
    expect([...providerKeys].sort()).toEqual(schemaKeys(metadata.configSchema).sort());
    expect(docs.recordKeys.map((key) => key.key).sort()).toEqual(schemaKeys(metadata.recordSchema).sort());
    expect(providerKeys).toEqual(expect.arrayContaining([...metadata.credentialKeys]));
    const shape = (metadata.configSchema as unknown as { _zod: { def: { shape: Record<string, $ZodType> } } })._zod.def.shape;
    // A key with a default (zod's optin "defaulted", a webhook's method) may be left out as well as an optional one.
    const required = Object.entries(shape).filter(([, schema]) => schema._zod.optin === undefined).map(([key]) => key);
    const documentedRequired = docs.providerKeys.filter((key) => key.required === true).map((key) => key.key);
    expect(documentedRequired).toEqual(expect.arrayContaining(required));
    for (const preset of metadata.presets ?? []) expect(docs.presets?.[preset.name]).toBeDefined();
  });

  const examples = [...files.keys()].filter((path) => path.startsWith('examples/'));
  it.each(examples)('%s validates', async (path) => {
    const text = files.get(path) ?? '';
    // Secrets come from the environment variables the example names; a secret url (a webhook's) must still be a URL.
    const env = Object.fromEntries(
      [...text.matchAll(/^\s*(\w+)_env\s*=\s*"([^"]+)"/gm)].map((match) => [match[2] ?? '', match[1] === 'url' ? 'https://update.example.org/?host={name}&ip={ip}&key=example-secret-value-0123456789' : 'example-secret-value-0123456789']),
    );
    const config = await loadConfig(join(ROOT, path), { env, platform: 'linux', isRoot: false });
    expect(config.records.length).toBeGreaterThan(0);
    expect(config.warnings ?? []).toEqual([]);
  });
});
