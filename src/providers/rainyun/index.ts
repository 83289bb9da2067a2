import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { nameOfHost, nextPageOf, relativeHost } from '../listing.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DOMAINS_PER_PAGE, RainyunClient, RECORDS_PER_PAGE, type RainyunDomain, type RainyunRecord } from './client.js';

/** What a record gets when the config sets no ttl (Rainyun's console default, and ddns-go's). */
const DEFAULT_TTL = 600;
/** The line every record is on unless the config names another. */
export const DEFAULT_LINE = 'DEFAULT';
/** The priority field every record carries; it only means something for MX. */
const LEVEL = 10;

function lineOf(spec: RecordSpec): string {
  const line = spec.options['line'];
  return typeof line === 'string' && line !== '' ? line : DEFAULT_LINE;
}

function zoneName(zone: RainyunDomain): string {
  return zone.domain.replace(/\.$/, '').toLowerCase();
}

function hostIn(name: string, zone: RainyunDomain): string {
  return relativeHost(name, zoneName(zone));
}

function toZonedRecord(record: RainyunRecord, zone: RainyunDomain): ZonedRecord {
  return { id: String(record.record_id), name: nameOfHost(record.host, zoneName(zone)), type: record.type.toUpperCase(), content: record.value, ttl: record.ttl ?? record.TTL };
}

function rainyunApi(client: RainyunClient): ZonedRestApi<RainyunDomain> {
  const domainPage = async (page: number): Promise<Page<RainyunDomain, number>> => {
    const { items, total } = await client.listDomains(page);
    return { items, next: nextPageOf(page, DOMAINS_PER_PAGE, items.length, total) };
  };
  const recordsOf = async (zone: RainyunDomain, spec: RecordSpec): Promise<ZonedRecord[]> => {
    const records = await readAllPages(
      1,
      async (page: number): Promise<Page<RainyunRecord, number>> => {
        const { items, total } = await client.listRecords(zone.id, page);
        return { items, next: nextPageOf(page, RECORDS_PER_PAGE, items.length, total) };
      },
      'Rainyun GET /product/domain/{id}/dns',
    );
    // A record on another line is another record: the template then sees only this line's.
    const line = lineOf(spec);
    return records.filter((record) => (record.line ?? DEFAULT_LINE).toUpperCase() === line.toUpperCase()).map((record) => toZonedRecord(record, zone));
  };
  return {
    service: 'Rainyun',
    zoneNoun: 'Rainyun domain',
    zoneHint: 'check that the domain is in the Rainyun account of this API key',
    zones: { listAll: () => readAllPages(1, domainPage, 'Rainyun GET /product/domain'), namesOf: (zone) => [zoneName(zone)] },
    listRecords: recordsOf,
    async createRecord(zone, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      await client.createRecord(zone.id, { record_id: 0, host: hostIn(spec.name, zone), type: spec.type, value: ip, ttl, line: lineOf(spec), level: LEVEL });
      // The create answer carries no record id (WIRE.md): the record is read back to learn it.
      const created = (await recordsOf(zone, spec)).find((record) => record.type === spec.type && record.name === spec.name && sameAddress(record.content, ip));
      if (created === undefined) throw new ProviderError('protocol', `Rainyun answered success to creating ${spec.type} ${spec.name}, but the record list does not show it`);
      return created;
    },
    async updateRecord(zone, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      const recordId = Number(existing.id);
      await client.updateRecord(zone.id, { record_id: recordId, host: hostIn(spec.name, zone), type: spec.type, value: ip, ttl, line: lineOf(spec), level: LEVEL });
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createRainyunProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  if (typeof apiKey !== 'string') throw new ProviderError('config', 'rainyun: api_key is required');
  return createZonedRestProvider(rainyunApi(new RainyunClient({ http: context.http, apiKey, endpoint: context.endpoint })), context.log);
};
