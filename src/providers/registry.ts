import type { ProviderMetadata } from './types.js';
import * as all from './all.js';

/**
 * Every provider type the config accepts, by type. Only the metadata is imported here; a
 * provider's implementation is loaded by `metadata.load()` when a record uses it.
 */
export const PROVIDERS: ReadonlyMap<string, ProviderMetadata> = new Map(
  Object.entries(all as Record<string, ProviderMetadata>).map(([exported, metadata]) => {
    // The export name in all.ts is the type: a mismatch would list the provider under one name and configure it under another.
    if (exported !== metadata.type) throw new Error(`src/providers/all.ts exports ${metadata.type} as ${exported}`);
    return [metadata.type, metadata];
  }),
);

export function providerTypes(): string[] {
  return [...PROVIDERS.keys()].sort();
}
