import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { IonosClient, type IonosRecord, type IonosZone } from './client.js';

/** What a record gets when the config sets no ttl (IONOS's own default). */
const DEFAULT_TTL = 3600;

function toZonedRecord(record: IonosRecord): ZonedRecord {
  return { id: record.id, name: record.name, type: record.type, content: record.content, ttl: record.ttl };
}

function ionosApi(client: IonosClient): ZonedRestApi<IonosZone> {
  return {
    service: 'IONOS',
    zoneHint: 'check that the zone is in this IONOS account',
    zones: { listAll: () => client.listZones(), namesOf: (zone) => [zone.name] },
    listRecords: async (zone, spec) => (await client.listRecords(zone.id, spec.name, spec.type)).map(toZonedRecord),
    async createRecord(zone, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      return toZonedRecord(await client.createRecord(zone.id, { name: spec.name, type: spec.type, content: ip, ttl, prio: 0, disabled: false }));
    },
    async updateRecord(zone, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      return toZonedRecord(await client.updateRecord(zone.id, existing.id, { content: ip, ttl, prio: 0, disabled: false }));
    },
  };
}

export const createIonosProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  if (typeof apiKey !== 'string') throw new ProviderError('config', 'ionos: api_key is required');
  return createZonedRestProvider(ionosApi(new IonosClient({ http: context.http, apiKey, endpoint: context.endpoint })), context.log);
};
