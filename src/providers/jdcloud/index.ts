import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { hostIn, nameOf } from '../cloud-keys.js';
import { nextPageOf } from '../listing.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DEFAULT_VIEW, JdcloudClient, PAGE_SIZE, type JdcloudRecord, type JdcloudZone } from './client.js';

/** What a record gets when the config sets no ttl (the console's default, **unconfirmed** for the API). */
const DEFAULT_TTL = 600;

function zoneName(zone: JdcloudZone): string {
  return zone.domainName.replace(/\.$/, '').toLowerCase();
}

const hostOf = (name: string, zone: JdcloudZone): string => hostIn(name, zoneName(zone));

/** The record's line id: `line` in the record config, or -1 (every line). */
function viewOf(spec: RecordSpec): number {
  const line = spec.options['line'];
  return typeof line === 'number' ? line : DEFAULT_VIEW;
}

function toZonedRecord(record: JdcloudRecord, zone: JdcloudZone): ZonedRecord {
  return { id: record.id, name: nameOf(record.hostRecord.toLowerCase(), zoneName(zone)), type: record.type, content: record.hostValue, ttl: record.ttl };
}

function jdcloudApi(client: JdcloudClient): ZonedRestApi<JdcloudZone> {
  /** Every record whose host is exactly `host`: the API's search also answers hosts that merely contain it. */
  const recordsOf = async (zone: JdcloudZone, host: string): Promise<JdcloudRecord[]> => {
    const found = await readAllPages(
      1,
      async (page: number): Promise<Page<JdcloudRecord, number>> => {
        const { items, total } = await client.listRecords(zone.id, host, page);
        return { items, next: nextPageOf(page, PAGE_SIZE, items.length, total) };
      },
      'JD Cloud describeResourceRecord',
    );
    return found.filter((record) => record.hostRecord.toLowerCase() === host);
  };
  const zonesLike = (domainName: string | undefined): Promise<JdcloudZone[]> =>
    readAllPages(
      1,
      async (page: number): Promise<Page<JdcloudZone, number>> => {
        const { items, total } = await client.listZones(page, domainName);
        return { items, next: nextPageOf(page, PAGE_SIZE, items.length, total) };
      },
      'JD Cloud describeDomains',
    );
  const onView = (record: JdcloudRecord, view: number): boolean => record.views.length === 1 && record.views[0] === view;
  return {
    service: 'JD Cloud',
    zoneNoun: 'JD Cloud DNS zone',
    zoneHint: 'check that the domain is added to JD Cloud DNS (云解析) in this account',
    zones: {
      listAll: () => zonesLike(undefined),
      // domainName matches fuzzily; the zone directory keeps only the zone named exactly as asked.
      listNamed: (name) => zonesLike(name),
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const view = viewOf(spec);
      // A record on another line is another record: the template then sees only this line's.
      return (await recordsOf(zone, hostOf(spec.name, zone))).filter((record) => record.type === spec.type && onView(record, view)).map((record) => toZonedRecord(record, zone));
    },
    async createRecord(zone, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      const id = await client.createRecord(zone.id, { hostRecord: hostOf(spec.name, zone), hostValue: ip, ttl, type: spec.type, viewValue: viewOf(spec) });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(zone, existing, spec, ip) {
      // The record's own TTL is sent back when the config sets none, so that an absent TTL cannot reset it.
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      await client.updateRecord(zone.id, existing.id, { domainName: zoneName(zone), hostRecord: hostOf(spec.name, zone), hostValue: ip, ttl, type: spec.type, viewValue: viewOf(spec) });
      // What the update answers is not documented: the record is read back, so an update the server
      // did not apply is never taken for done.
      const written = (await recordsOf(zone, hostOf(spec.name, zone))).find((record) => record.id === existing.id);
      if (written === undefined || !sameAddress(written.hostValue, ip)) {
        throw new ProviderError('protocol', `JD Cloud answered success but the ${spec.type} record ${spec.name} (id ${existing.id}) does not hold ${ip} afterwards`);
      }
      return toZonedRecord(written, zone);
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createJdcloudProvider: ProviderFactory = (options, context) => {
  const accessKeyId = options['access_key_id'];
  const secretAccessKey = options['secret_access_key'];
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') throw new ProviderError('config', 'jdcloud: access_key_id and secret_access_key are required');
  return createZonedRestProvider(jdcloudApi(new JdcloudClient({ http: context.http, accessKeyId, secretAccessKey, endpoint: context.endpoint })), context.log);
};
