import type { ProviderMetadata } from './types.js';
import { cloudflareMetadata } from './cloudflare/metadata.js';
import { dnspodMetadata } from './dnspod/metadata.js';
import { alidnsMetadata } from './alidns/metadata.js';
import { huaweicloudMetadata } from './huaweicloud/metadata.js';
import { rfc2136Metadata } from './rfc2136/metadata.js';
import { route53Metadata } from './route53/metadata.js';
import { dyndns2Metadata } from './dyndns2/metadata.js';
import { duckdnsMetadata } from './duckdns/metadata.js';
import { webhookMetadata } from './webhook/metadata.js';

/**
 * Every provider type the config accepts. Only the metadata is imported here; a provider's
 * implementation is loaded by `metadata.load()` when a record uses it.
 */
export const PROVIDERS: ReadonlyMap<string, ProviderMetadata> = new Map(
  [cloudflareMetadata, alidnsMetadata, dnspodMetadata, huaweicloudMetadata, rfc2136Metadata, route53Metadata, dyndns2Metadata, duckdnsMetadata, webhookMetadata].map((metadata) => [metadata.type, metadata]),
);

export function providerTypes(): string[] {
  return [...PROVIDERS.keys()].sort();
}
