import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DOMAINS_PER_PAGE, GandiClient, type GandiDomain } from './client.js';

/** What an rrset gets when the config sets no ttl: Gandi's minimum, every peer's default. */
const DEFAULT_TTL = 300;

function domainName(domain: GandiDomain): string {
  return domain.fqdn.replace(/\.$/, '').toLowerCase();
}

/** The rrset name relative to the domain, "@" for the apex. */
function hostIn(name: string, domain: GandiDomain): string {
  const apex = domainName(domain);
  return name === apex ? '@' : name.slice(0, -(apex.length + 1));
}

/** An rrset has no id of its own: its name and type are its address. */
function rrsetId(spec: RecordSpec, domain: GandiDomain): string {
  return `${hostIn(spec.name, domain)}/${spec.type}`;
}

function gandiApi(client: GandiClient): ZonedRestApi<GandiDomain> {
  const domainPage = async (page: number): Promise<Page<GandiDomain, number>> => {
    const { items, total } = await client.listDomains(page);
    const more = total === undefined ? items.length >= DOMAINS_PER_PAGE : page * DOMAINS_PER_PAGE < total;
    return { items, next: more ? page + 1 : undefined };
  };
  // The PUT answer carries no rrset: what was sent is what the set now holds.
  const put = async (domain: GandiDomain, spec: RecordSpec, ip: string, ttl: number): Promise<ZonedRecord> => {
    await client.putRrset(domainName(domain), hostIn(spec.name, domain), spec.type, { rrset_values: [ip], rrset_ttl: ttl });
    return { id: rrsetId(spec, domain), name: spec.name, type: spec.type, content: ip, ttl };
  };
  return {
    service: 'Gandi',
    zoneNoun: 'Gandi LiveDNS domain',
    zoneHint: 'check that the domain uses LiveDNS in this Gandi account and that the token may manage it',
    zones: { listAll: () => readAllPages(1, domainPage, 'Gandi GET /domains'), namesOf: (domain) => [domainName(domain)] },
    async listRecords(domain, spec) {
      const rrset = await client.getRrset(domainName(domain), hostIn(spec.name, domain), spec.type);
      if (rrset === undefined || rrset.rrset_values.length === 0) return [];
      // A set of several addresses reads as their list: it differs from any one address, so the
      // update replaces the set with the one ddns writes.
      return [{ id: rrsetId(spec, domain), name: spec.name, type: rrset.rrset_type, content: rrset.rrset_values.join(', '), ttl: rrset.rrset_ttl }];
    },
    createRecord: (domain, spec, ip) => put(domain, spec, ip, spec.ttl ?? DEFAULT_TTL),
    updateRecord: (domain, existing, spec, ip) => put(domain, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL),
  };
}

export const createGandiProvider: ProviderFactory = (options, context) => {
  const token = options['token'];
  if (typeof token !== 'string' || token === '') throw new ProviderError('config', 'gandi: token is missing or empty');
  return createZonedRestProvider(gandiApi(new GandiClient({ http: context.http, token, endpoint: context.endpoint })), context.log);
};
