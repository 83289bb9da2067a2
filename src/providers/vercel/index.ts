import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { nameOfHost, relativeHost } from '../listing.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { VercelClient, type VercelCursor, type VercelDomain, type VercelRecord } from './client.js';

/** What Vercel gives a record created without a ttl. */
const DEFAULT_TTL = 60;

function domainName(domain: VercelDomain): string {
  return domain.name.replace(/\.$/, '').toLowerCase();
}

/** Vercel names records relative to the domain: "" for the apex. */
function hostIn(name: string, zone: VercelDomain): string {
  const host = relativeHost(name, domainName(zone));
  return host === '@' ? '' : host;
}

function toZonedRecord(record: VercelRecord, zone: VercelDomain): ZonedRecord {
  return { id: record.id, name: nameOfHost(record.name, domainName(zone)), type: record.type, content: record.value, ttl: record.ttl };
}

function vercelApi(client: VercelClient): ZonedRestApi<VercelDomain> {
  return {
    service: 'Vercel',
    zoneNoun: 'Vercel domain',
    zoneHint: 'check that the domain is in this Vercel account, or set team_id for a team\'s domain',
    zones: { listAll: () => readAllPages<VercelDomain, VercelCursor>({}, (cursor) => client.listDomains(cursor), 'Vercel GET /v5/domains'), namesOf: (zone) => [domainName(zone)] },
    listRecords: async (zone) =>
      (await readAllPages<VercelRecord, VercelCursor>({}, (cursor) => client.listRecords(domainName(zone), cursor), 'Vercel GET /v5/domains/…/records')).map((record) => toZonedRecord(record, zone)),
    async createRecord(zone, spec: RecordSpec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      const id = await client.createRecord(domainName(zone), { name: hostIn(spec.name, zone), type: spec.type, value: ip, ttl });
      // The answer carries only the new id: what was sent is what the record now holds.
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    // A duplicate create answers 409 (WIRE.md): counted done only when a fresh listing holds the address.
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
    updateRecord: async (zone, existing, spec, ip) => {
      const ttl = spec.ttl ?? existing.ttl;
      return toZonedRecord(await client.updateRecord(existing.id, { value: ip, ...(ttl === undefined ? {} : { ttl }) }), zone);
    },
  };
}

export const createVercelProvider: ProviderFactory = (options, context) => {
  const token = options['token'];
  const teamId = options['team_id'];
  if (typeof token !== 'string' || token === '') throw new ProviderError('config', 'vercel: token is missing or empty');
  const client = new VercelClient({ http: context.http, token, teamId: typeof teamId === 'string' && teamId !== '' ? teamId : undefined, endpoint: context.endpoint });
  return createZonedRestProvider(vercelApi(client), context.log);
};
