import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DnslaClient, DOMAINS_PER_PAGE, TYPE_CODE, type DnslaDomain, type DnslaRecord } from './client.js';

/** What a record gets when the config sets no ttl (DNS.LA's own default). */
const DEFAULT_TTL = 600;

/** DNS.LA names domains with the trailing dot ("example.com."). */
function domainName(domain: DnslaDomain): string {
  return domain.domain.replace(/\.$/, '').toLowerCase();
}

/** The host part of `name` in `zone`: "@" for the apex, as the API writes it. */
function hostIn(name: string, zone: DnslaDomain): string {
  const zoneName = domainName(zone);
  return name === zoneName ? '@' : name.slice(0, -(zoneName.length + 1));
}

function toZonedRecord(record: DnslaRecord, zone: DnslaDomain, type: RecordSpec['type']): ZonedRecord {
  const zoneName = domainName(zone);
  const name = record.host === '@' || record.host === '' ? zoneName : `${record.host}.${zoneName}`;
  return { id: record.id, name, type: record.type === TYPE_CODE[type] ? type : String(record.type), content: record.data, ttl: record.ttl };
}

function dnslaApi(client: DnslaClient): ZonedRestApi<DnslaDomain> {
  const domainPage = async (page: number): Promise<Page<DnslaDomain, number>> => {
    const { items, total } = await client.listDomains(page);
    return { items, next: page * DOMAINS_PER_PAGE < total ? page + 1 : undefined };
  };
  return {
    service: 'DNS.LA',
    zoneNoun: 'DNS.LA domain',
    zoneHint: 'check that the domain is in this DNS.LA account',
    zones: { listAll: () => readAllPages(1, domainPage, 'DNS.LA GET /api/domainList'), namesOf: (zone) => [domainName(zone)] },
    listRecords: async (zone, spec) => (await client.listRecords(domainName(zone), hostIn(spec.name, zone), spec.type)).map((record) => toZonedRecord(record, zone, spec.type)),
    async createRecord(zone, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      const id = await client.createRecord({ domainId: zone.id, host: hostIn(spec.name, zone), type: TYPE_CODE[spec.type], data: ip, ttl });
      // The answer carries only the new id: what was sent is what the record now holds.
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(zone, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      await client.updateRecord({ id: existing.id, host: hostIn(spec.name, zone), type: TYPE_CODE[spec.type], data: ip, ttl });
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
  };
}

export const createDnslaProvider: ProviderFactory = (options, context) => {
  const apiId = options['api_id'];
  const apiSecret = options['api_secret'];
  if (typeof apiId !== 'string' || typeof apiSecret !== 'string') throw new ProviderError('config', 'dnsla: api_id and api_secret are required');
  return createZonedRestProvider(dnslaApi(new DnslaClient({ http: context.http, apiId, apiSecret, endpoint: context.endpoint })), context.log);
};
