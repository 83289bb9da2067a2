import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { nameOfHost, relativeHost } from '../listing.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DomeneshopClient, type DomeneshopDomain, type DomeneshopRecord, type RecordBody } from './client.js';

/** What a record gets when the config sets no ttl: Domeneshop's own default. */
const DEFAULT_TTL = 3600;

function domainName(domain: DomeneshopDomain): string {
  return domain.domain.replace(/\.$/, '').toLowerCase();
}

/** Domeneshop takes only multiples of 60 seconds: a ttl between them is rounded up. */
function wireTtl(ttl: number): number {
  return Math.ceil(ttl / 60) * 60;
}

/** Only a domain with Domeneshop's DNS service can hold records. */
function hasDns(domain: DomeneshopDomain): boolean {
  return domain.services?.dns !== false;
}

function toZonedRecord(record: DomeneshopRecord, domain: DomeneshopDomain): ZonedRecord {
  return { id: String(record.id), name: nameOfHost(record.host, domainName(domain)), type: record.type, content: record.data, ttl: record.ttl };
}

function domeneshopApi(client: DomeneshopClient): ZonedRestApi<DomeneshopDomain> {
  const body = (domain: DomeneshopDomain, spec: RecordSpec, ip: string, ttl: number): RecordBody => ({ host: relativeHost(spec.name, domainName(domain)), type: spec.type, data: ip, ttl: wireTtl(ttl) });
  // Neither answer carries the record: what was sent is what it now holds.
  const sent = (id: string, spec: RecordSpec, record: RecordBody): ZonedRecord => ({ id, name: spec.name, type: spec.type, content: record.data, ttl: record.ttl });
  return {
    service: 'Domeneshop',
    zoneNoun: 'Domeneshop domain with DNS service',
    zoneHint: "check that the domain is in this Domeneshop account and uses Domeneshop's DNS service",
    zones: {
      listAll: async () => (await client.listDomains()).filter(hasDns),
      listNamed: async (name) => (await client.listDomains(name)).filter(hasDns),
      namesOf: (domain) => [domainName(domain)],
    },
    async listRecords(domain, spec) {
      const records = await client.listRecords(domain.id, relativeHost(spec.name, domainName(domain)), spec.type);
      return records.map((record) => toZonedRecord(record, domain));
    },
    async createRecord(domain, spec, ip) {
      const record = body(domain, spec, ip, spec.ttl ?? DEFAULT_TTL);
      return sent(String(await client.createRecord(domain.id, record)), spec, record);
    },
    async updateRecord(domain, existing, spec, ip) {
      const record = body(domain, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL);
      await client.updateRecord(domain.id, existing.id, record);
      return sent(existing.id, spec, record);
    },
  };
}

export const createDomeneshopProvider: ProviderFactory = (options, context) => {
  const token = options['token'];
  const secret = options['secret'];
  if (typeof token !== 'string' || typeof secret !== 'string' || token === '' || secret === '') throw new ProviderError('config', 'domeneshop: token and secret are required');
  return createZonedRestProvider(domeneshopApi(new DomeneshopClient({ http: context.http, token, secret, endpoint: context.endpoint })), context.log);
};
