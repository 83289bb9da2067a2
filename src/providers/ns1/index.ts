import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { Ns1Client, type Ns1Record, type Ns1Zone } from './client.js';

/** What a record gets when the config sets no ttl (NS1's own default). */
const DEFAULT_TTL = 3600;

/** One NS1 record holds every answer of its name and type; ddns manages it as one address. */
function toZonedRecord(record: Ns1Record): ZonedRecord {
  const first = record.answers[0]?.answer[0];
  return { id: record.id ?? `${record.domain}/${record.type}`, name: record.domain, type: record.type, content: first === undefined ? '' : String(first), ttl: record.ttl };
}

function ns1Api(client: Ns1Client): ZonedRestApi<Ns1Zone> {
  const body = (zone: Ns1Zone, name: string, type: string, ip: string, ttl: number) => ({ zone: zone.zone, domain: name, type, answers: [{ answer: [ip] }], ttl });
  return {
    service: 'NS1',
    zoneHint: 'check that the zone is in this NS1 account',
    zones: { listAll: () => readAllPages('/v1/zones', (path: string) => client.listZones(path), 'NS1 GET /v1/zones'), namesOf: (zone) => [zone.zone] },
    async listRecords(zone, spec) {
      const record = await client.getRecord(zone.zone, spec.name, spec.type);
      return record === undefined ? [] : [toZonedRecord(record)];
    },
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.createRecord(body(zone, spec.name, spec.type, ip, spec.ttl ?? DEFAULT_TTL))),
    updateRecord: async (zone, existing, spec, ip) => toZonedRecord(await client.updateRecord(body(zone, spec.name, spec.type, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL))),
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createNs1Provider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  if (typeof apiKey !== 'string') throw new ProviderError('config', 'ns1: api_key is required');
  return createZonedRestProvider(ns1Api(new Ns1Client({ http: context.http, apiKey, endpoint: context.endpoint })), context.log);
};
