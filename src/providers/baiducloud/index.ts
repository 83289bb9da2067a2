import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { DEFAULT_LINE, hostIn, lineOf, nameOf } from '../cloud-keys.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { BaiducloudClient, type BaiduRecord, type BaiduZone } from './client.js';

/** What a record gets when the config sets no ttl (the console's default and the free edition's minimum). */
const DEFAULT_TTL = 300;

function zoneName(zone: BaiduZone): string {
  return zone.name.replace(/\.$/, '').toLowerCase();
}

/** The host part of `name` in `zone`: "@" for the apex, as the API writes it. */
const rrIn = (name: string, zone: BaiduZone): string => hostIn(name, zoneName(zone));

function toZonedRecord(record: BaiduRecord, zone: BaiduZone): ZonedRecord {
  const name = nameOf(record.rr, zoneName(zone));
  return { id: record.id, name, type: record.type, content: record.value, ttl: record.ttl };
}

function baiducloudApi(client: BaiducloudClient): ZonedRestApi<BaiduZone> {
  const recordsOf = async (zone: BaiduZone, rr: string): Promise<BaiduRecord[]> =>
    readAllPages(
      '',
      async (marker): Promise<Page<BaiduRecord, string>> => {
        const { items, nextMarker } = await client.listRecords(zoneName(zone), rr, marker);
        return { items, next: nextMarker };
      },
      'Baidu AI Cloud ListRecord',
    );
  /**
   * The writes answer nothing but their status, so what they did is read back: the record holding
   * the address on the line (a create), or the record of that id (an update). A write the server
   * did not apply is therefore never taken for done.
   */
  const readBack = async (zone: BaiduZone, spec: RecordSpec, ip: string, id: string | undefined): Promise<ZonedRecord> => {
    const line = lineOf(spec);
    const records = await recordsOf(zone, rrIn(spec.name, zone));
    const written = id === undefined ? records.find((record) => record.type === spec.type && (record.line ?? DEFAULT_LINE) === line && sameAddress(record.value, ip)) : records.find((record) => record.id === id);
    if (written === undefined) {
      throw new ProviderError('protocol', `Baidu AI Cloud answered success but no ${spec.type} record ${spec.name}${id === undefined ? ` holding ${ip}` : ` with id ${id}`} is listed afterwards`);
    }
    return toZonedRecord(written, zone);
  };
  return {
    service: 'Baidu AI Cloud',
    zoneNoun: 'Baidu AI Cloud DNS zone',
    zoneHint: 'check that the domain is added to Baidu AI Cloud DNS (公网 DNS) in this account',
    zones: {
      listAll: () =>
        readAllPages(
          '',
          async (marker): Promise<Page<BaiduZone, string>> => {
            const { items, nextMarker } = await client.listZones(marker);
            return { items, next: nextMarker };
          },
          'Baidu AI Cloud ListZone',
        ),
      listNamed: async (name) => (await client.listZones('', name)).items,
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const line = lineOf(spec);
      // A record on another line is another record: the template then sees only this line's.
      return (await recordsOf(zone, rrIn(spec.name, zone))).filter((record) => (record.line ?? DEFAULT_LINE) === line).map((record) => toZonedRecord(record, zone));
    },
    async createRecord(zone, spec, ip) {
      await client.createRecord(zoneName(zone), { rr: rrIn(spec.name, zone), type: spec.type, value: ip, ttl: spec.ttl ?? DEFAULT_TTL, line: lineOf(spec) });
      return readBack(zone, spec, ip, undefined);
    },
    async updateRecord(zone, existing, spec, ip) {
      // The record's own TTL is sent back when the config sets none, so that an absent TTL cannot reset it.
      await client.updateRecord(zoneName(zone), existing.id, { rr: rrIn(spec.name, zone), type: spec.type, value: ip, ttl: spec.ttl ?? existing.ttl ?? DEFAULT_TTL });
      return readBack(zone, spec, ip, existing.id);
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createBaiducloudProvider: ProviderFactory = (options, context) => {
  const accessKeyId = options['access_key_id'];
  const secretAccessKey = options['secret_access_key'];
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') throw new ProviderError('config', 'baiducloud: access_key_id and secret_access_key are required');
  return createZonedRestProvider(baiducloudApi(new BaiducloudClient({ http: context.http, accessKeyId, secretAccessKey, endpoint: context.endpoint })), context.log);
};
