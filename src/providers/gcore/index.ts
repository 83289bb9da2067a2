import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { GcoreClient, ZONES_PER_PAGE, type GcoreRrset, type GcoreZone } from './client.js';

/** What an rrset gets when the config sets no ttl. */
const DEFAULT_TTL = 300;

/** An rrset is named by its name and type: that is its id here. ddns manages its first enabled value. */
function toZonedRecord(rrset: GcoreRrset, spec: RecordSpec): ZonedRecord {
  const first = rrset.resource_records.find((record) => record.enabled !== false)?.content[0];
  // An rrset with no enabled value still exists: it is replaced (PUT), not created again.
  return { id: `${spec.name}/${spec.type}`, name: rrset.name, type: rrset.type, content: typeof first === 'string' ? first : '', ttl: rrset.ttl };
}

function gcoreApi(client: GcoreClient): ZonedRestApi<GcoreZone> {
  const zonePage = async (offset: number): Promise<Page<GcoreZone, number>> => {
    const { items, total } = await client.listZones(offset);
    const next = offset + items.length;
    const more = total === undefined ? items.length >= ZONES_PER_PAGE : next < total;
    return { items, next: more ? next : undefined };
  };
  const body = (ip: string, ttl: number) => ({ ttl, resource_records: [{ content: [ip], enabled: true }] });
  return {
    service: 'Gcore',
    zoneNoun: 'Gcore DNS zone',
    zoneHint: 'check that the zone is in this Gcore account (DNS → Zones)',
    zones: { listAll: () => readAllPages(0, zonePage, 'Gcore GET /v2/zones'), listNamed: (name) => client.zonesNamed(name), namesOf: (zone) => [zone.name] },
    async listRecords(zone, spec) {
      const rrset = await client.getRrset(zone.name, spec.name, spec.type);
      return rrset === undefined ? [] : [toZonedRecord(rrset, spec)];
    },
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.writeRrset('POST', zone.name, spec.name, spec.type, body(ip, spec.ttl ?? DEFAULT_TTL)), spec),
    updateRecord: async (zone, existing, spec, ip) =>
      toZonedRecord(await client.writeRrset('PUT', zone.name, spec.name, spec.type, body(ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL)), spec),
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createGcoreProvider: ProviderFactory = (options, context) => {
  const apiToken = options['api_token'];
  if (typeof apiToken !== 'string' || apiToken === '') throw new ProviderError('config', 'gcore: api_token is missing or empty');
  return createZonedRestProvider(gcoreApi(new GcoreClient({ http: context.http, apiToken, endpoint: context.endpoint })), context.log);
};
