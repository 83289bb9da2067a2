import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { EdgeoneClient, RECORDS_PER_PAGE, ZONES_PER_PAGE, type EdgeoneRecord, type EdgeoneZone } from './client.js';

/** CreateDnsRecord's own default TTL. */
export const DEFAULT_TTL = 300;

function zoneName(zone: EdgeoneZone): string {
  return zone.ZoneName.replace(/\.$/, '').toLowerCase();
}

function toZonedRecord(record: EdgeoneRecord): ZonedRecord {
  return { id: record.RecordId, name: record.Name, type: record.Type, content: record.Content, ttl: record.TTL };
}

function nextOffset(offset: number, perPage: number, got: number, total: number | undefined): number | undefined {
  if (got < perPage) return undefined;
  return total === undefined || offset + got < total ? offset + got : undefined;
}

/** The config's ttl (held to EdgeOne's range when the config loaded), else the record's own, else the default. */
function ttlFor(spec: RecordSpec, fallback: number | undefined): number {
  return spec.ttl ?? fallback ?? DEFAULT_TTL;
}

function edgeoneApi(client: EdgeoneClient): ZonedRestApi<EdgeoneZone> {
  const zonePage = async (offset: number): Promise<Page<EdgeoneZone, number>> => {
    const { zones, total } = await client.describeZones(offset);
    return { items: zones, next: nextOffset(offset, ZONES_PER_PAGE, zones.length, total) };
  };
  return {
    service: 'Tencent Cloud EdgeOne',
    zoneNoun: 'Tencent Cloud EdgeOne site',
    zoneHint: 'check that the domain is added to EdgeOne (NS access) in this account',
    zones: {
      listAll: () => readAllPages(0, zonePage, 'Tencent Cloud EdgeOne DescribeZones'),
      listNamed: async (name) => (await client.describeZones(0, name)).zones,
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const records = await readAllPages(
        0,
        async (offset: number): Promise<Page<EdgeoneRecord, number>> => {
          const { records: items, total } = await client.describeDnsRecords(zone.ZoneId, spec.name, spec.type, offset);
          return { items, next: nextOffset(offset, RECORDS_PER_PAGE, items.length, total) };
        },
        'Tencent Cloud EdgeOne DescribeDnsRecords',
      );
      return records.map(toZonedRecord);
    },
    async createRecord(zone, spec, ip) {
      const ttl = ttlFor(spec, undefined);
      const id = await client.createDnsRecord({ ZoneId: zone.ZoneId, Name: spec.name, Type: spec.type, Content: ip, TTL: ttl });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(zone, existing, spec, ip) {
      // ModifyDnsRecords replaces the record with what is sent: the record's own TTL goes back when none is configured.
      const ttl = ttlFor(spec, existing.ttl);
      await client.modifyDnsRecord(zone.ZoneId, { RecordId: existing.id, Name: spec.name, Type: spec.type, Content: ip, TTL: ttl });
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createEdgeoneProvider: ProviderFactory = (options, context) => {
  const secretId = options['secret_id'];
  const secretKey = options['secret_key'];
  if (typeof secretId !== 'string' || typeof secretKey !== 'string') throw new ProviderError('config', 'edgeone: secret_id and secret_key are required');
  return createZonedRestProvider(edgeoneApi(new EdgeoneClient({ http: context.http, secretId, secretKey, endpoint: context.endpoint })), context.log);
};
