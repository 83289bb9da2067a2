import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { plainZoneName, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { SpaceshipClient, type RecordItem, type SpaceshipDomain, type SpaceshipRecord } from './client.js';

/** What a record gets when the config sets no ttl (the TTL Spaceship's console proposes). */
const DEFAULT_TTL = 3600;

/** The names a domain answers to: its ASCII (punycode) name and its Unicode one. */
function namesOf(domain: SpaceshipDomain): string[] {
  return [...new Set([domain.name, domain.unicodeName ?? domain.name].map(plainZoneName))];
}

/** The record name relative to the domain, as Spaceship writes it: "@" for the apex. */
function hostIn(name: string, domain: SpaceshipDomain): string {
  const apex = namesOf(domain).find((candidate) => name === candidate || name.endsWith(`.${candidate}`)) ?? plainZoneName(domain.name);
  return name === apex ? '@' : name.slice(0, -(apex.length + 1));
}

/** Spaceship records have no id: ddns names one by its relative name and type. */
function toZonedRecord(record: { type: string; name: string; address: string; ttl?: number | undefined }, domain: SpaceshipDomain): ZonedRecord {
  const host = record.name.toLowerCase();
  const apex = plainZoneName(domain.name);
  return { id: `${host}/${record.type}`, name: host === '@' || host === '' ? apex : `${host}.${apex}`, type: record.type, content: record.address, ttl: record.ttl };
}

function spaceshipApi(client: SpaceshipClient): ZonedRestApi<SpaceshipDomain> {
  const put = async (domain: SpaceshipDomain, spec: RecordSpec, ip: string, ttl: number): Promise<ZonedRecord> => {
    const item: RecordItem = { type: spec.type, name: hostIn(spec.name, domain), address: ip, ttl };
    await client.putRecords(domain.name, [item]);
    return toZonedRecord(item, domain);
  };
  return {
    service: 'Spaceship',
    zoneNoun: 'Spaceship domain',
    zoneHint: 'check that the domain is in this Spaceship account and the API key has the domains:read permission',
    zones: { listAll: () => readAllPages(0, (skip: number) => client.listDomains(skip), 'Spaceship GET /domains'), namesOf },
    async listRecords(domain, spec) {
      // No name or type filter on this wire: every page of the domain's records, filtered here.
      const records = await readAllPages(0, (skip: number) => client.listRecords(domain.name, skip), 'Spaceship GET /dns/records/{domain}');
      return records
        .filter((record): record is SpaceshipRecord & { address: string } => record.type === spec.type && record.address !== undefined)
        .map((record) => toZonedRecord(record, domain));
    },
    createRecord: (domain, spec, ip) => put(domain, spec, ip, spec.ttl ?? DEFAULT_TTL),
    updateRecord: (domain, existing, spec, ip) => put(domain, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL),
  };
}

export const createSpaceshipProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  const apiSecret = options['api_secret'];
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string') throw new ProviderError('config', 'spaceship: api_key and api_secret are required');
  return createZonedRestProvider(spaceshipApi(new SpaceshipClient({ http: context.http, apiKey, apiSecret, endpoint: context.endpoint })), context.log);
};
