import type { ProviderMetadata } from './types.js';
import { cloudflareMetadata } from './cloudflare/metadata.js';

/**
 * Every provider type the config accepts. Only the metadata is imported here; a provider's
 * implementation is loaded by `metadata.load()` when a record uses it.
 */
export const PROVIDERS: ReadonlyMap<string, ProviderMetadata> = new Map(
  [cloudflareMetadata].map((metadata) => [metadata.type, metadata]),
);

export function providerTypes(): string[] {
  return [...PROVIDERS.keys()].sort();
}
