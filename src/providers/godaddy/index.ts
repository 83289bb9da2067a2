import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { relativeHost } from '../listing.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { GodaddyClient, type GodaddyDomain } from './client.js';

/** What a record set gets when the config sets no ttl: GoDaddy's minimum, every peer's default. */
const DEFAULT_TTL = 600;

function domainName(domain: GodaddyDomain): string {
  return domain.domain.replace(/\.$/, '').toLowerCase();
}

/** The record name relative to the domain, "@" for the apex. */
function hostIn(name: string, domain: GodaddyDomain): string {
  return relativeHost(name, domainName(domain));
}

/** A GoDaddy record set has no id of its own: its name and type are its address. */
function setId(spec: RecordSpec, domain: GodaddyDomain): string {
  return `${hostIn(spec.name, domain)}/${spec.type}`;
}

function godaddyApi(client: GodaddyClient): ZonedRestApi<GodaddyDomain> {
  // The PUT answer carries no record: what was sent is what the set now holds.
  const put = async (domain: GodaddyDomain, spec: RecordSpec, ip: string, ttl: number): Promise<ZonedRecord> => {
    await client.putRecords(domainName(domain), spec.type, hostIn(spec.name, domain), [{ data: ip, ttl }]);
    return { id: setId(spec, domain), name: spec.name, type: spec.type, content: ip, ttl };
  };
  return {
    service: 'GoDaddy',
    zoneNoun: 'GoDaddy domain',
    zoneHint: 'check that the domain is in this GoDaddy account',
    zones: {
      listAll: () => readAllPages('', (marker: string) => client.listDomains(marker), 'GoDaddy GET /v1/domains'),
      // A configured zone is one request, not the whole listing (60 requests per minute).
      listNamed: async (name) => {
        const domain = await client.getDomain(name);
        return domain === undefined ? [] : [domain];
      },
      namesOf: (domain) => [domainName(domain)],
    },
    async listRecords(domain, spec) {
      const records = (await client.getRecords(domainName(domain), spec.type, hostIn(spec.name, domain))).filter((record) => record.type === undefined || record.type === spec.type);
      const first = records[0];
      if (first === undefined) return [];
      // A set of several addresses reads as their list: it differs from any one address, so the
      // update replaces the set with the one ddns writes.
      return [{ id: setId(spec, domain), name: spec.name, type: spec.type, content: records.map((record) => record.data).join(', '), ttl: first.ttl }];
    },
    createRecord: (domain, spec, ip) => put(domain, spec, ip, spec.ttl ?? DEFAULT_TTL),
    updateRecord: (domain, existing, spec, ip) => put(domain, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL),
  };
}

export const createGodaddyProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  const apiSecret = options['api_secret'];
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string' || apiKey === '' || apiSecret === '') throw new ProviderError('config', 'godaddy: api_key and api_secret are required');
  return createZonedRestProvider(godaddyApi(new GodaddyClient({ http: context.http, apiKey, apiSecret, endpoint: context.endpoint })), context.log);
};
