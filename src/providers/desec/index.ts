import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, ProviderLogger, RecordSpec } from '../types.js';
import { nameOfHost, relativeHost } from '../listing.js';
import { plainZoneName, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DesecClient, type DesecDomain, type DesecRrset } from './client.js';

/** What a record gets when neither the config nor the domain names a ttl: deSEC's usual minimum_ttl. */
const DEFAULT_TTL = 3600;

function domainName(domain: DesecDomain): string {
  return plainZoneName(domain.name);
}

/** deSEC names RRsets by subname: "" for the apex. */
function subnameIn(name: string, domain: DesecDomain): string {
  const host = relativeHost(name, domainName(domain));
  return host === '@' ? '' : host;
}

/**
 * The ttl a write sends for a configured `ttl`: deSEC refuses one below the domain's own minimum_ttl
 * (3600 for most domains, 60 for dedyn.io names), which the config cannot know; it is raised to it.
 */
function ttlFor(ttl: number, domain: DesecDomain): number {
  return Math.max(ttl, domain.minimum_ttl ?? 0);
}

/**
 * One RRset is one record to ddns (its id is subname/type, what the update path names); several
 * values read as one content, so a set of two is never "current" and the update leaves one. A ttl
 * that is what the configured one was raised to reads as the configured one, so it is not rewritten
 * on every run.
 */
function toZonedRecord(rrset: DesecRrset, domain: DesecDomain, spec: RecordSpec): ZonedRecord {
  const ttl = rrset.ttl ?? undefined;
  const asked = spec.ttl !== undefined && ttl === ttlFor(spec.ttl, domain) ? spec.ttl : ttl;
  return { id: `${rrset.subname}/${rrset.type}`, name: nameOfHost(rrset.subname, domainName(domain)), type: rrset.type, content: rrset.records.join(','), ttl: asked };
}

export function desecApi(client: DesecClient, log: ProviderLogger): ZonedRestApi<DesecDomain> {
  const ttlToSend = (spec: RecordSpec, domain: DesecDomain): number | undefined => {
    if (spec.ttl === undefined) return undefined;
    const ttl = ttlFor(spec.ttl, domain);
    if (ttl !== spec.ttl) log.warn(`deSEC domain ${domainName(domain)} accepts a ttl of at least ${ttl} (its minimum_ttl): ${spec.name} ${spec.type} is written with ttl ${ttl}, not ${spec.ttl}`);
    return ttl;
  };
  return {
    service: 'deSEC',
    zoneNoun: 'deSEC domain',
    zoneHint: 'check that the domain is in this deSEC account (deSEC → Domain Management)',
    zones: { listAll: () => readAllPages('', (cursor: string) => client.listDomains(cursor), 'deSEC GET /domains/'), namesOf: (domain) => [domainName(domain)] },
    listRecords: async (domain, spec) => (await client.listRrsets(domainName(domain), subnameIn(spec.name, domain), spec.type)).map((rrset) => toZonedRecord(rrset, domain, spec)),
    createRecord: async (domain, spec, ip) => {
      const ttl = ttlToSend(spec, domain) ?? domain.minimum_ttl ?? DEFAULT_TTL;
      return toZonedRecord(await client.createRrset(domainName(domain), { subname: subnameIn(spec.name, domain), type: spec.type, records: [ip], ttl }), domain, spec);
    },
    // A create of an RRset that exists is refused with 400: counted done only when a fresh listing holds the address.
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
    updateRecord: async (domain, _existing, spec, ip) => {
      const ttl = ttlToSend(spec, domain);
      const body = { records: [ip], ...(ttl === undefined ? {} : { ttl }) };
      return toZonedRecord(await client.updateRrset(domainName(domain), subnameIn(spec.name, domain), spec.type, body), domain, spec);
    },
  };
}

export const createDesecProvider: ProviderFactory = (options, context) => {
  const token = options['token'];
  if (typeof token !== 'string' || token === '') throw new ProviderError('config', 'desec: token is missing or empty');
  return createZonedRestProvider(desecApi(new DesecClient({ http: context.http, token, endpoint: context.endpoint }), context.log), context.log);
};
