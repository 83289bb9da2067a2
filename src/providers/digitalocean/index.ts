import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DigitaloceanClient, type DigitaloceanDomain, type DigitaloceanRecord } from './client.js';

/** What a record gets when the config sets no ttl (DigitalOcean's own default). */
const DEFAULT_TTL = 1800;

function zoneName(domain: DigitaloceanDomain): string {
  return domain.name.replace(/\.$/, '').toLowerCase();
}

/** The name relative to the zone, "@" for the apex, as the API writes it. */
function hostIn(name: string, zone: DigitaloceanDomain): string {
  const apex = zoneName(zone);
  return name === apex ? '@' : name.slice(0, -(apex.length + 1));
}

function toZonedRecord(record: DigitaloceanRecord, zone: DigitaloceanDomain): ZonedRecord {
  const apex = zoneName(zone);
  const name = record.name === '@' || record.name === '' ? apex : `${record.name}.${apex}`;
  return { id: String(record.id), name, type: record.type, content: record.data, ttl: record.ttl ?? undefined };
}

function digitaloceanApi(client: DigitaloceanClient): ZonedRestApi<DigitaloceanDomain> {
  const body = (zone: DigitaloceanDomain, spec: RecordSpec, ip: string, ttl: number) => ({ type: spec.type, name: hostIn(spec.name, zone), data: ip, ttl });
  return {
    service: 'DigitalOcean',
    zoneNoun: 'DigitalOcean domain',
    zoneHint: 'check that the domain is in this DigitalOcean account (Networking → Domains)',
    zones: {
      listAll: () => readAllPages(1, (page: number) => client.listDomains(page), 'DigitalOcean GET /domains'),
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const records = await readAllPages(1, (page: number) => client.listRecords(zoneName(zone), spec.name, spec.type, page), 'DigitalOcean GET /domains/…/records');
      return records.map((record) => toZonedRecord(record, zone));
    },
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.createRecord(zoneName(zone), body(zone, spec, ip, spec.ttl ?? DEFAULT_TTL)), zone),
    updateRecord: async (zone, existing, spec, ip) =>
      toZonedRecord(await client.updateRecord(zoneName(zone), existing.id, body(zone, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL)), zone),
  };
}

export const createDigitaloceanProvider: ProviderFactory = (options, context) => {
  const apiToken = options['api_token'];
  if (typeof apiToken !== 'string' || apiToken === '') throw new ProviderError('config', 'digitalocean: api_token is missing or empty');
  return createZonedRestProvider(digitaloceanApi(new DigitaloceanClient({ http: context.http, apiToken, endpoint: context.endpoint })), context.log);
};
