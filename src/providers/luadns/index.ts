import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { LuadnsClient, type LuadnsRecord, type LuadnsZone } from './client.js';

const DEFAULT_TTL = 300;

const toZonedRecord = (record: LuadnsRecord): ZonedRecord => ({ id: String(record.id), name: record.name.replace(/\.$/, ''), type: record.type, content: record.content, ttl: record.ttl });

function luadnsApi(client: LuadnsClient): ZonedRestApi<LuadnsZone> {
  return {
    service: 'LuaDNS',
    zoneHint: 'check that the zone is in this LuaDNS account',
    zones: { listAll: () => client.listZones(), namesOf: (zone) => [zone.name.toLowerCase()] },
    listRecords: async (zone) => (await client.listRecords(zone.id)).map(toZonedRecord),
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.createRecord(zone.id, { name: `${spec.name}.`, type: spec.type, content: ip, ttl: spec.ttl ?? DEFAULT_TTL })),
    updateRecord: async (zone, existing, spec, ip) =>
      toZonedRecord(await client.updateRecord(zone.id, existing.id, { name: `${spec.name}.`, type: spec.type, content: ip, ttl: spec.ttl ?? existing.ttl ?? DEFAULT_TTL })),
  };
}

export const createLuadnsProvider: ProviderFactory = (options, context) => {
  const email = options['email'];
  const apiKey = options['api_key'];
  if (typeof email !== 'string' || email === '' || typeof apiKey !== 'string' || apiKey === '') throw new ProviderError('config', 'luadns: email and api_key are required');
  return createZonedRestProvider(luadnsApi(new LuadnsClient(context.http, email, apiKey, context.endpoint)), context.log);
};
