import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { DEFAULT_LINE, hostIn, lineOf, nameOf } from '../cloud-keys.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { CODE_RECORD_EXISTS, RECORDS_PER_PAGE, VolcengineClient, ZONES_PER_PAGE, type VolcengineRecord, type VolcengineZone } from './client.js';

/** What a record gets when the config sets no ttl (the API's own default, docs/6758/155104). */
const DEFAULT_TTL = 600;
function zoneName(zone: VolcengineZone): string {
  return zone.ZoneName.replace(/\.$/, '').toLowerCase();
}

/** The host part of `name` in `zone`: "@" for the apex, as the API writes it. */
const hostOf = (name: string, zone: VolcengineZone): string => hostIn(name, zoneName(zone));

function toZonedRecord(record: VolcengineRecord, zone: VolcengineZone): ZonedRecord {
  const name = nameOf(record.Host, zoneName(zone));
  return { id: record.RecordID, name, type: record.Type, content: record.Value, ttl: record.TTL };
}

/** More pages of `total` after `page` of `perPage` (a page shorter than asked is the last, whatever total says). */
function nextPage(page: number, perPage: number, got: number, total: number | undefined): number | undefined {
  if (got < perPage) return undefined;
  return total === undefined || page * perPage < total ? page + 1 : undefined;
}

function volcengineApi(client: VolcengineClient): ZonedRestApi<VolcengineZone> {
  const zonePage = async (page: number): Promise<Page<VolcengineZone, number>> => {
    const { zones, total } = await client.listZones(page);
    return { items: zones, next: nextPage(page, ZONES_PER_PAGE, zones.length, total) };
  };
  return {
    service: 'Volcengine',
    zoneNoun: 'Volcengine DNS zone',
    zoneHint: 'check that the domain is added to TrafficRoute DNS in this account',
    zones: {
      listAll: () => readAllPages(1, zonePage, 'Volcengine ListZones'),
      listNamed: async (name) => (await client.listZones(1, name)).zones,
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const line = lineOf(spec);
      const filter = { ZID: zone.ZID, Host: hostOf(spec.name, zone), Type: spec.type, Line: line };
      const records = await readAllPages(
        1,
        async (page: number): Promise<Page<VolcengineRecord, number>> => {
          const { records: items, total } = await client.listRecords(filter, page);
          return { items, next: nextPage(page, RECORDS_PER_PAGE, items.length, total) };
        },
        'Volcengine ListRecords',
      );
      // A record on another line is another record: the template then sees only this line's.
      return records.filter((record) => (record.Line ?? DEFAULT_LINE) === line).map((record) => toZonedRecord(record, zone));
    },
    async createRecord(zone, spec, ip) {
      const sent = { ZID: zone.ZID, Host: hostOf(spec.name, zone), Type: spec.type, Value: ip, TTL: spec.ttl ?? DEFAULT_TTL, Line: lineOf(spec) };
      const answer = await client.createRecord(sent);
      if (answer.RecordID === undefined) throw new ProviderError('protocol', `Volcengine CreateRecord answered success without a RecordID for ${spec.name}`);
      return { id: answer.RecordID, name: spec.name, type: answer.Type ?? sent.Type, content: answer.Value ?? ip, ttl: answer.TTL ?? sent.TTL };
    },
    async updateRecord(zone, existing, spec, ip) {
      // The record's own TTL is sent back when the config sets none, so that an absent TTL cannot reset it.
      const sent = { RecordID: existing.id, Host: hostOf(spec.name, zone), Type: spec.type, Value: ip, TTL: spec.ttl ?? existing.ttl ?? DEFAULT_TTL, Line: lineOf(spec) };
      const answer = await client.updateRecord(sent);
      return { id: existing.id, name: spec.name, type: answer.Type ?? sent.Type, content: answer.Value ?? ip, ttl: answer.TTL ?? sent.TTL };
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.code === CODE_RECORD_EXISTS,
  };
}

export const createVolcengineProvider: ProviderFactory = (options, context) => {
  const accessKeyId = options['access_key_id'];
  const secretAccessKey = options['secret_access_key'];
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') throw new ProviderError('config', 'volcengine: access_key_id and secret_access_key are required');
  return createZonedRestProvider(volcengineApi(new VolcengineClient({ http: context.http, accessKeyId, secretAccessKey, endpoint: context.endpoint })), context.log);
};
