import { createHash } from 'node:crypto';
import type { ProviderConfig, RecordConfig } from '../config/types.js';

/**
 * Identifies the settings a provider's confirmation was made under. The state keeps it beside
 * the confirmed IP, so editing the record (ttl, zone, proxied …) or the provider (endpoint,
 * credentials) makes the next run re-read the provider instead of trusting the cache.
 * Only a truncated hash is stored: no setting, secret or not, can be read back from it.
 */
export function fingerprint(provider: ProviderConfig, record: RecordConfig): string {
  const material = JSON.stringify([
    provider.type,
    provider.endpoint ?? null,
    sortedEntries(provider.options),
    record.zone ?? null,
    record.ttl ?? null,
    sortedEntries(record.options),
  ]);
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

function sortedEntries(options: Record<string, unknown>): [string, unknown][] {
  return Object.entries(options).sort(([a], [b]) => a.localeCompare(b));
}
