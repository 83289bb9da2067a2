import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { sameAddress } from '../address.js';
import { nameOfHost } from '../listing.js';
import { plainZoneName } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { OvhClient, type OvhRecord } from './client.js';
import { OVH_REGIONS, type OvhRegion } from './regions.js';

/** What a record gets when the config sets no ttl: the zone's default (OVHcloud's ttl 0). */
const ZONE_DEFAULT_TTL = 0;

/** The subDomain of `name` in `zone`: "" for the apex, as OVHcloud writes it. */
function subDomainIn(name: string, zone: string): string {
  return name === zone ? '' : name.slice(0, -(zone.length + 1));
}

function toZonedRecord(record: OvhRecord, zone: string): ZonedRecord {
  return { id: String(record.id), name: nameOfHost(record.subDomain ?? '', zone), type: record.fieldType, content: record.target, ttl: record.ttl };
}

function ovhApi(client: OvhClient): ZonedRestApi<string> {
  // Zones written this run whose refresh has not succeeded yet: a retry finds the record already
  // holding the address and writes nothing, so the refresh is retried before the zone is read again.
  const unpublished = new Set<string>();
  const publish = async (zone: string) => {
    unpublished.add(zone);
    await client.refreshZone(zone);
    unpublished.delete(zone);
  };
  return {
    service: 'OVHcloud',
    zoneNoun: 'OVHcloud DNS zone',
    zoneHint: 'check that the zone is in this OVHcloud account and region and that the consumer key may read GET /domain/zone',
    zones: { listAll: () => client.listZones(), namesOf: (zone) => [plainZoneName(zone)] },
    async listRecords(zone, spec) {
      if (unpublished.has(zone)) await publish(zone);
      const name = plainZoneName(zone);
      const ids = await client.findRecordIds(zone, spec.type, subDomainIn(spec.name, name));
      // The subDomain filter is a LIKE match: every record is read, the template keeps the exact name.
      const records: ZonedRecord[] = [];
      for (const id of ids) records.push(toZonedRecord(await client.getRecord(zone, String(id)), name));
      return records;
    },
    async createRecord(zone, spec: RecordSpec, ip) {
      const name = plainZoneName(zone);
      const created = await client.createRecord(zone, { fieldType: spec.type, subDomain: subDomainIn(spec.name, name), target: ip, ttl: spec.ttl ?? ZONE_DEFAULT_TTL });
      await publish(zone);
      return toZonedRecord(created, name);
    },
    async updateRecord(zone, existing, spec, ip) {
      const name = plainZoneName(zone);
      await client.updateRecord(zone, existing.id, { target: ip, ttl: spec.ttl ?? existing.ttl ?? ZONE_DEFAULT_TTL });
      // The PUT answers null: the record read back is the confirmation the template checks.
      const updated = toZonedRecord(await client.getRecord(zone, existing.id), name);
      if (sameAddress(updated.content, ip)) await publish(zone);
      return updated;
    },
  };
}

function regionOf(value: unknown): OvhRegion {
  if (value === undefined) return 'ovh-eu';
  const region = OVH_REGIONS.find((known) => known === value);
  if (region === undefined) throw new ProviderError('config', `ovh: region must be one of ${OVH_REGIONS.join(', ')}`);
  return region;
}

export const createOvhProvider: ProviderFactory = (options, context) => {
  const applicationKey = options['application_key'];
  const applicationSecret = options['application_secret'];
  const consumerKey = options['consumer_key'];
  if (typeof applicationKey !== 'string' || typeof applicationSecret !== 'string' || typeof consumerKey !== 'string') {
    throw new ProviderError('config', 'ovh: application_key, application_secret and consumer_key are required');
  }
  const client = new OvhClient({ http: context.http, applicationKey, applicationSecret, consumerKey, region: regionOf(options['region']), endpoint: context.endpoint });
  return createZonedRestProvider(ovhApi(client), context.log);
};
