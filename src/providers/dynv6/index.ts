import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { nameOfHost, relativeHost } from '../listing.js';
import { plainZoneName } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { Dynv6Client, type Dynv6Record, type Dynv6Zone, type ZoneAddress } from './client.js';

/** The id ddns gives the zone's own address, which is a field of the zone, not a record. */
const APEX_ID = '@';

function zoneName(zone: Dynv6Zone): string {
  return plainZoneName(zone.name);
}

/**
 * The zone's own A (`ipv4address`) or AAAA (`ipv6prefix`, which may carry a prefix length: the
 * address is what comes before it), as a record; none while the field is empty.
 */
function apexRecords(zone: Dynv6Zone, type: string): ZonedRecord[] {
  const field = type === 'A' ? zone.ipv4address : zone.ipv6prefix;
  const content = (field ?? '').replace(/\/\d+$/, '').trim();
  return content === '' ? [] : [{ id: APEX_ID, name: zoneName(zone), type, content, ttl: undefined }];
}

/** A record's address: `expandedData` when dynv6 expanded `data` (an AAAA given as a suffix of the zone's prefix). */
function toZonedRecord(record: Dynv6Record, zone: Dynv6Zone): ZonedRecord {
  return { id: String(record.id), name: nameOfHost(record.name, zoneName(zone)), type: record.type, content: record.expandedData ?? record.data, ttl: undefined };
}

export function dynv6Api(client: Dynv6Client): ZonedRestApi<Dynv6Zone> {
  const isApex = (zone: Dynv6Zone, spec: RecordSpec) => plainZoneName(spec.name) === zoneName(zone);
  const body = (zone: Dynv6Zone, spec: RecordSpec, ip: string) => ({ name: relativeHost(plainZoneName(spec.name), zoneName(zone)), type: spec.type, data: ip });
  /** PATCH /zones/{id}; an answer without a body is confirmed by reading the zone back. */
  const setApex = async (zone: Dynv6Zone, spec: RecordSpec, ip: string): Promise<ZonedRecord> => {
    const address: ZoneAddress = spec.type === 'A' ? { ipv4address: ip } : { ipv6prefix: ip };
    const answered = (await client.updateZone(zone.id, address)) ?? (await client.zone(zone.id));
    return apexRecords(answered, spec.type)[0] ?? { id: APEX_ID, name: zoneName(zone), type: spec.type, content: '', ttl: undefined };
  };
  return {
    service: 'dynv6',
    zoneNoun: 'dynv6 zone',
    zoneHint: 'check that the zone is in this dynv6 account and that a zone-restricted token is for that zone (dynv6 → Keys)',
    zones: {
      listAll: () => client.listZones(),
      listNamed: (name) => client.zoneByName(name),
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      if (isApex(zone, spec)) return apexRecords(await client.zone(zone.id), spec.type);
      return (await client.listRecords(zone.id)).map((record) => toZonedRecord(record, zone));
    },
    createRecord: async (zone, spec, ip) => (isApex(zone, spec) ? setApex(zone, spec, ip) : toZonedRecord(await client.createRecord(zone.id, body(zone, spec, ip)), zone)),
    updateRecord: async (zone, existing, spec, ip) =>
      isApex(zone, spec) ? setApex(zone, spec, ip) : toZonedRecord(await client.updateRecord(zone.id, existing.id, body(zone, spec, ip)), zone),
  };
}

export const createDynv6Provider: ProviderFactory = (options, context) => {
  const token = options['token'];
  if (typeof token !== 'string' || token === '') throw new ProviderError('config', 'dynv6: token is missing or empty');
  return createZonedRestProvider(dynv6Api(new Dynv6Client({ http: context.http, token, endpoint: context.endpoint })), context.log);
};
