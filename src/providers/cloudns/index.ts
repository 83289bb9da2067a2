import { ProviderError } from '../../http/errors.js';
import { nameOfHost } from '../listing.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { numberedPage, plainZoneName, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { CloudnsClient, RECORDS_PER_PAGE, ZONES_PER_PAGE, type CloudnsIdParameter, type CloudnsRecord } from './client.js';

/** ClouDNS's default ttl, what a record gets when the config sets none. */
const DEFAULT_TTL = 3600;

/** The only ttls ClouDNS accepts (WIRE.md). */
export const CLOUDNS_TTLS: readonly number[] = [60, 300, 900, 1800, 3600, 21600, 43200, 86400, 172800, 259200, 604800, 1209600, 2592000];

/** The ttl ClouDNS is sent for `ttl`: the least accepted value not below it (config load keeps it within 60 … 2,592,000). */
export function cloudnsTtl(ttl: number): number {
  return CLOUDNS_TTLS.find((accepted) => accepted >= ttl) ?? 2_592_000;
}

/** The `host` of `name` in `zone`: empty for the apex. */
function hostIn(name: string, zone: string): string {
  return name === zone ? '' : name.slice(0, -(zone.length + 1));
}

function toZonedRecord(record: CloudnsRecord, zone: string, spec: RecordSpec): ZonedRecord {
  const ttl = record.ttl === undefined ? undefined : Number(record.ttl);
  // A ttl between ClouDNS's values is written rounded up; the record holding that rounded value is
  // what the config asks for, not a difference to write again on every run.
  const asked = spec.ttl !== undefined && ttl === cloudnsTtl(spec.ttl) ? spec.ttl : ttl;
  return { id: String(record.id), name: nameOfHost(record.host, zone), type: record.type, content: record.record, ttl: Number.isFinite(asked) ? asked : undefined };
}

function cloudnsApi(client: CloudnsClient): ZonedRestApi<string> {
  const allZones = (search?: string) =>
    readAllPages(1, async (page: number) => numberedPage(page, (await client.listZones(page, search)).map((zone) => plainZoneName(zone.name)), ZONES_PER_PAGE, undefined), 'ClouDNS list-zones');
  return {
    service: 'ClouDNS',
    zoneHint: 'check that the zone is in this ClouDNS account (for a sub-user: among its zones)',
    zones: { listAll: () => allZones(), listNamed: (name) => allZones(name), namesOf: (zone) => [zone] },
    async listRecords(zone, spec) {
      const host = hostIn(plainZoneName(spec.name), zone);
      const records = await readAllPages(
        1,
        async (page: number) => numberedPage(page, await client.listRecords(zone, host, spec.type, page), RECORDS_PER_PAGE, undefined),
        `ClouDNS records of ${spec.name}`,
      );
      return records.map((record) => toZonedRecord(record, zone, spec));
    },
    async createRecord(zone, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      const id = await client.addRecord({ zone, type: spec.type, host: hostIn(plainZoneName(spec.name), zone), record: ip, ttl: cloudnsTtl(ttl) });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(zone, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      await client.modifyRecord({ zone, id: existing.id, host: hostIn(plainZoneName(spec.name), zone), record: ip, ttl: cloudnsTtl(ttl) });
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
  };
}

const ID_PARAMETERS: readonly [key: string, parameter: CloudnsIdParameter][] = [
  ['auth_id', 'auth-id'],
  ['sub_auth_id', 'sub-auth-id'],
  ['sub_auth_user', 'sub-auth-user'],
];

export const createCloudnsProvider: ProviderFactory = (options, context) => {
  const password = options['auth_password'];
  if (typeof password !== 'string') throw new ProviderError('config', 'cloudns: auth_password is required');
  const ids = ID_PARAMETERS.flatMap(([key, parameter]) => {
    const value = options[key];
    return typeof value === 'string' || typeof value === 'number' ? [{ parameter, id: String(value) }] : [];
  });
  const [user] = ids;
  if (user === undefined || ids.length > 1) throw new ProviderError('config', 'cloudns: set one of auth_id, sub_auth_id or sub_auth_user');
  return createZonedRestProvider(cloudnsApi(new CloudnsClient({ http: context.http, idParameter: user.parameter, id: user.id, password, endpoint: context.endpoint })), context.log);
};
