import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { NamecomClient, type NamecomDomain, type NamecomRecord } from './client.js';

/** What a record gets when the config sets no ttl (Name.com's own default and minimum). */
const DEFAULT_TTL = 300;

function domainName(domain: NamecomDomain): string {
  return domain.domainName.replace(/\.$/, '').toLowerCase();
}

/** The host relative to the domain: "" for the apex, as Name.com writes it. */
function hostIn(name: string, domain: NamecomDomain): string {
  const apex = domainName(domain);
  return name === apex ? '' : name.slice(0, -(apex.length + 1));
}

function toZonedRecord(record: NamecomRecord, domain: NamecomDomain): ZonedRecord {
  const apex = domainName(domain);
  const host = record.host ?? '';
  return { id: String(record.id), name: host === '' || host === '@' ? apex : `${host}.${apex}`, type: record.type, content: record.answer, ttl: record.ttl };
}

function namecomApi(client: NamecomClient): ZonedRestApi<NamecomDomain> {
  const body = (domain: NamecomDomain, spec: RecordSpec, ip: string, ttl: number) => ({ host: hostIn(spec.name, domain), type: spec.type, answer: ip, ttl });
  return {
    service: 'Name.com',
    zoneNoun: 'Name.com domain',
    zoneHint: 'check that the domain is in this Name.com account',
    zones: { listAll: () => readAllPages(1, (page: number) => client.listDomains(page), 'Name.com GET /domains'), namesOf: (domain) => [domainName(domain)] },
    async listRecords(domain, spec) {
      // No name or type filter on this wire: every page of the domain's records, filtered here.
      const records = await readAllPages(1, (page: number) => client.listRecords(domainName(domain), page), 'Name.com GET /domains/…/records');
      return records.filter((record) => record.type === spec.type).map((record) => toZonedRecord(record, domain));
    },
    createRecord: async (domain, spec, ip) => toZonedRecord(await client.createRecord(domainName(domain), body(domain, spec, ip, spec.ttl ?? DEFAULT_TTL)), domain),
    updateRecord: async (domain, existing, spec, ip) =>
      toZonedRecord(await client.updateRecord(domainName(domain), existing.id, body(domain, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL)), domain),
  };
}

export const createNamecomProvider: ProviderFactory = (options, context) => {
  const username = options['username'];
  const token = options['token'];
  if (typeof username !== 'string' || typeof token !== 'string') throw new ProviderError('config', 'namecom: username and token are required');
  return createZonedRestProvider(namecomApi(new NamecomClient({ http: context.http, username, token, endpoint: context.endpoint })), context.log);
};
