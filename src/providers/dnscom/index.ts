import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { nameOfHost, relativeHost } from '../listing.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DnscomClient, type DnscomDomain, type DnscomRecord } from './client.js';

/** What a record gets when the config sets no ttl. */
const DEFAULT_TTL = 600;
/** The view (line) of a record made without one: the default line (**unconfirmed** as 0, WIRE.md). */
const DEFAULT_VIEW = '0';

function viewOf(spec: RecordSpec): string | undefined {
  const line = spec.options['line'];
  return typeof line === 'string' && line !== '' ? line : undefined;
}

function zoneName(zone: DnscomDomain): string {
  return zone.domains.replace(/\.$/, '').toLowerCase();
}

function hostIn(name: string, zone: DnscomDomain): string {
  return relativeHost(name, zoneName(zone));
}

function nameOf(record: DnscomRecord, zone: DnscomDomain): string {
  const host = (record.record ?? record.host ?? '').replace(/\.$/, '').toLowerCase();
  const apex = zoneName(zone);
  // Relative, as NewFuture reads it; a full name (as lego's recorded answer writes it) is taken as it is.
  return host === apex || host.endsWith(`.${apex}`) ? host : nameOfHost(host, apex);
}

function ttlOf(record: DnscomRecord): number | undefined {
  const ttl = Number(record.TTL ?? record.ttl);
  return Number.isFinite(ttl) ? ttl : undefined;
}

function toZonedRecord(record: DnscomRecord, zone: DnscomDomain): ZonedRecord {
  return { id: String(record.recordID), name: nameOf(record, zone), type: record.type.toUpperCase(), content: record.value, ttl: ttlOf(record) };
}

function nextPage(page: number, got: number, pageCount: number | undefined): number | undefined {
  if (got === 0) return undefined;
  return pageCount !== undefined && page < pageCount ? page + 1 : undefined;
}

function dnscomApi(client: DnscomClient): ZonedRestApi<DnscomDomain> {
  const domainPage = async (page: number): Promise<Page<DnscomDomain, number>> => {
    const { items, pageCount } = await client.listDomains(page);
    return { items, next: nextPage(page, items.length, pageCount) };
  };
  return {
    service: '51DNS',
    zoneNoun: '51DNS domain',
    zoneHint: 'check that the domain is in this 51DNS account',
    zones: {
      listAll: () => readAllPages(1, domainPage, '51DNS domain/list'),
      async listNamed(name) {
        try {
          return [await client.domainNamed(name)];
        } catch (error) {
          // Not in the account: the template then says which zone it could not find.
          if (error instanceof ProviderError && error.kind === 'not-found') return [];
          throw error;
        }
      },
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const records = await readAllPages(
        1,
        async (page: number): Promise<Page<DnscomRecord, number>> => {
          const { items, pageCount } = await client.listRecords(String(zone.domainID), hostIn(spec.name, zone), page);
          return { items, next: nextPage(page, items.length, pageCount) };
        },
        '51DNS record/list',
      );
      // A record on another view (line) is another record: the template then sees only this line's.
      const view = viewOf(spec) ?? DEFAULT_VIEW;
      return records.filter((record) => String(record.viewID ?? DEFAULT_VIEW) === view).map((record) => toZonedRecord(record, zone));
    },
    async createRecord(zone, spec, ip) {
      const TTL = spec.ttl ?? DEFAULT_TTL;
      const view = viewOf(spec);
      const id = await client.createRecord({ domainID: String(zone.domainID), host: hostIn(spec.name, zone), type: spec.type, value: ip, TTL, ...(view === undefined ? {} : { viewID: view }) });
      return { id, name: spec.name, type: spec.type, content: ip, ttl: TTL };
    },
    async updateRecord(zone, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      await client.modifyRecord({ domainID: String(zone.domainID), recordID: existing.id, newvalue: ip, newTTL: ttl });
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createDnscomProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  const apiSecret = options['api_secret'];
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string') throw new ProviderError('config', 'dnscom: api_key and api_secret are required');
  return createZonedRestProvider(dnscomApi(new DnscomClient({ http: context.http, apiKey, apiSecret, endpoint: context.endpoint })), context.log);
};
