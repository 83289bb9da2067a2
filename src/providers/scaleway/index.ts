import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { numberedPage, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { PAGE_SIZE, ScalewayClient, type RecordBody, type ScalewayRecord, type ScalewayZone } from './client.js';

/** What a record gets when the config sets no ttl. */
const DEFAULT_TTL = 3600;

/** A zone's full name: `subdomain.domain`, or the domain for a root zone. */
function zoneName(zone: ScalewayZone): string {
  const domain = zone.domain.toLowerCase().replace(/\.$/, '');
  return zone.subdomain ? `${zone.subdomain.toLowerCase()}.${domain}` : domain;
}

/** Scaleway names records relative to the zone; the apex is the empty name. */
function hostIn(name: string, zone: string): string {
  return name === zone ? '' : name.slice(0, -(zone.length + 1));
}

function toZonedRecord(record: ScalewayRecord, zone: string): ZonedRecord {
  const host = record.name.toLowerCase().replace(/\.$/, '');
  const name = host === '' || host === '@' ? zone : `${host}.${zone}`;
  return { id: record.id, name, type: record.type, content: record.data, ttl: record.ttl };
}

function scalewayApi(client: ScalewayClient): ZonedRestApi<ScalewayZone> {
  const zonePage = async (page: number) => {
    const { items, total } = await client.listZones(page);
    return numberedPage(page, items, PAGE_SIZE, total === undefined ? undefined : Math.ceil(total / PAGE_SIZE));
  };
  const listed = async (zone: string, spec: RecordSpec): Promise<ZonedRecord[]> => {
    const records = await readAllPages(
      1,
      async (page: number) => {
        const { items, total } = await client.listRecords(zone, spec.type, page);
        return numberedPage(page, items, PAGE_SIZE, total === undefined ? undefined : Math.ceil(total / PAGE_SIZE));
      },
      'Scaleway GET /domain/v2beta1/dns-zones/…/records',
    );
    return records.map((record) => toZonedRecord(record, zone));
  };
  /** What the PATCH changed, from its answer or, when the answer does not show it, from a fresh listing. */
  const written = async (zone: string, spec: RecordSpec, ip: string, answer: ScalewayRecord[]): Promise<ZonedRecord> => {
    const holds = (record: ZonedRecord) => record.name === spec.name && record.type === spec.type && sameAddress(record.content, ip);
    const shown = answer.map((record) => toZonedRecord(record, zone)).find(holds) ?? (await listed(zone, spec)).find(holds);
    if (shown === undefined) throw new ProviderError('protocol', `Scaleway answered success but zone ${zone} holds no ${spec.type} ${spec.name} with ${ip}`);
    return shown;
  };
  return {
    service: 'Scaleway',
    zoneNoun: 'Scaleway DNS zone',
    zoneHint: 'check that the zone is in this Scaleway organization (console → Domains and DNS) and that the API key may read it',
    zones: { listAll: () => readAllPages(1, zonePage, 'Scaleway GET /domain/v2beta1/dns-zones'), namesOf: (zone) => [zoneName(zone)] },
    listRecords: (zone, spec) => listed(zoneName(zone), spec),
    async createRecord(zone, spec, ip) {
      const name = zoneName(zone);
      const record: RecordBody = { name: hostIn(spec.name, name), type: spec.type, data: ip, ttl: spec.ttl ?? DEFAULT_TTL };
      return written(name, spec, ip, await client.changeRecords(name, { add: { records: [record] } }));
    },
    async updateRecord(zone, existing, spec, ip) {
      const name = zoneName(zone);
      const record: RecordBody = { name: hostIn(spec.name, name), type: spec.type, data: ip, ttl: spec.ttl ?? existing.ttl ?? DEFAULT_TTL };
      return written(name, spec, ip, await client.changeRecords(name, { set: { id: existing.id, records: [record] } }));
    },
  };
}

export const createScalewayProvider: ProviderFactory = (options, context) => {
  const secretKey = options['secret_key'];
  if (typeof secretKey !== 'string' || secretKey === '') throw new ProviderError('config', 'scaleway: secret_key is missing or empty');
  return createZonedRestProvider(scalewayApi(new ScalewayClient(context.http, secretKey, context.endpoint)), context.log);
};
