import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { plainZoneName, readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { HetznerClient, type HetznerRrset, type HetznerZone } from './client.js';

function zoneName(zone: HetznerZone): string {
  return plainZoneName(zone.name);
}

/** The RRSet name of `name` in `zone`: relative, lower case, "@" for the apex. */
function hostIn(name: string, zone: HetznerZone): string {
  const apex = zoneName(zone);
  return name === apex ? '@' : name.slice(0, -(apex.length + 1));
}

/** One RRSet is one record to ddns; several values read as one content, so a set of two is never "current". */
function toZonedRecord(rrset: HetznerRrset, zone: HetznerZone): ZonedRecord {
  const name = rrset.name === '@' || rrset.name === '' ? zoneName(zone) : `${rrset.name}.${zoneName(zone)}`;
  return { id: rrset.id, name, type: rrset.type, content: rrset.records.map((record) => record.value).join(','), ttl: rrset.ttl ?? undefined };
}

export function hetznerApi(client: HetznerClient): ZonedRestApi<HetznerZone> {
  const zonePage = async (page: number): Promise<Page<HetznerZone, number>> => client.listZones(page);
  return {
    service: 'Hetzner',
    zoneNoun: 'Hetzner DNS zone',
    zoneHint: 'check that the zone is in the project of this API token (Hetzner Console → DNS)',
    zones: { listAll: () => readAllPages(1, zonePage, 'Hetzner GET /zones'), namesOf: (zone) => [zoneName(zone)] },
    async listRecords(zone, spec: RecordSpec) {
      const rrset = await client.getRrset(zone, hostIn(spec.name, zone), spec.type);
      return rrset === undefined ? [] : [toZonedRecord(rrset, zone)];
    },
    async createRecord(zone, spec, ip) {
      return toZonedRecord(await client.createRrset(zone, { name: hostIn(spec.name, zone), type: spec.type, ttl: spec.ttl, records: [{ value: ip }] }), zone);
    },
    async updateRecord(zone, existing, spec, ip) {
      const host = hostIn(spec.name, zone);
      await client.setRecords(zone, host, spec.type, [ip]);
      if (spec.ttl !== undefined && spec.ttl !== existing.ttl) await client.changeTtl(zone, host, spec.type, spec.ttl);
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl: spec.ttl ?? existing.ttl };
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createHetznerProvider: ProviderFactory = (options, context) => {
  const token = options['api_token'];
  if (typeof token !== 'string') throw new ProviderError('config', 'hetzner: api_token is required');
  return createZonedRestProvider(hetznerApi(new HetznerClient({ http: context.http, token, endpoint: context.endpoint })), context.log);
};
