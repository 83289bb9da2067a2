import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { numberedPage, readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DnsimpleClient, ZONES_PER_PAGE, type DnsimpleRecord, type DnsimpleZone } from './client.js';

/** What a record gets when the config sets no ttl (DNSimple's own default). */
const DEFAULT_TTL = 3600;

/** The record's name relative to the zone: "" for the apex, as DNSimple writes it. */
function relativeName(name: string, zone: DnsimpleZone): string {
  const zoneName = zone.name.toLowerCase();
  return name === zoneName ? '' : name.slice(0, -(zoneName.length + 1));
}

function toZonedRecord(record: DnsimpleRecord, zone: DnsimpleZone): ZonedRecord {
  const name = record.name === '' ? zone.name : `${record.name}.${zone.name}`;
  return { id: String(record.id), name, type: record.type, content: record.content, ttl: record.ttl };
}

function dnsimpleApi(client: DnsimpleClient): ZonedRestApi<DnsimpleZone> {
  const zonePage = async (page: number): Promise<Page<DnsimpleZone, number>> => {
    const { items, totalPages } = await client.listZones(page);
    return numberedPage(page, items, ZONES_PER_PAGE, totalPages);
  };
  return {
    service: 'DNSimple',
    zoneNoun: 'DNSimple zone',
    zoneHint: 'check that the zone is in this DNSimple account (and account_id, if set)',
    zones: { listAll: () => readAllPages(1, zonePage, 'DNSimple GET /v2/…/zones'), namesOf: (zone) => [zone.name] },
    listRecords: async (zone, spec) => (await client.listRecords(zone.name, relativeName(spec.name, zone), spec.type)).map((record) => toZonedRecord(record, zone)),
    createRecord: async (zone, spec, ip) =>
      toZonedRecord(await client.createRecord(zone.name, { name: relativeName(spec.name, zone), type: spec.type, content: ip, ttl: spec.ttl ?? DEFAULT_TTL }), zone),
    // PATCH changes only what is sent: the record keeps its ttl unless the config sets one.
    updateRecord: async (zone, existing, spec, ip) =>
      toZonedRecord(await client.updateRecord(zone.name, existing.id, { content: ip, ...(spec.ttl === undefined ? {} : { ttl: spec.ttl }) }), zone),
  };
}

export const createDnsimpleProvider: ProviderFactory = (options, context) => {
  const apiToken = options['api_token'];
  const accountId = options['account_id'];
  if (typeof apiToken !== 'string' || apiToken === '') throw new ProviderError('config', 'dnsimple: api_token is missing or empty');
  const client = new DnsimpleClient({ http: context.http, apiToken, accountId: typeof accountId === 'string' ? accountId : undefined, endpoint: context.endpoint });
  return createZonedRestProvider(dnsimpleApi(client), context.log);
};
