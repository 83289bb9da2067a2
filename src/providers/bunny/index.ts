import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { BunnyClient, TYPE_NUMBER, typeName, type BunnyRecord, type BunnyZone } from './client.js';

const DEFAULT_TTL = 300;

const apexOf = (zone: BunnyZone): string => zone.Domain.replace(/\.$/, '').toLowerCase();

/** Names are relative to the zone; the apex is "". */
function hostIn(name: string, zone: BunnyZone): string {
  const apex = apexOf(zone);
  return name === apex ? '' : name.slice(0, -(apex.length + 1));
}

function toZonedRecord(record: BunnyRecord, zone: BunnyZone): ZonedRecord {
  const host = record.Name ?? '';
  const name = host === '' || host === '@' ? apexOf(zone) : `${host}.${apexOf(zone)}`;
  return { id: String(record.Id), name, type: typeName(record.Type), content: record.Value ?? '', ttl: record.Ttl ?? undefined };
}

function bodyOf(zone: BunnyZone, spec: RecordSpec, ip: string, ttl: number) {
  const type = TYPE_NUMBER[spec.type];
  if (type === undefined) throw new ProviderError('config', `bunny: record type ${spec.type} is not supported`);
  return { Type: type, Name: hostIn(spec.name, zone), Value: ip, Ttl: ttl };
}

function bunnyApi(client: BunnyClient): ZonedRestApi<BunnyZone> {
  return {
    service: 'bunny.net',
    zoneNoun: 'bunny.net DNS zone',
    zoneHint: 'check that the zone is in this bunny.net account (dashboard → DNS)',
    zones: { listAll: () => readAllPages(1, (page: number) => client.listZones(page), 'bunny.net GET /dnszone'), namesOf: (zone) => [apexOf(zone)] },
    // The records are inside the zone: it is read afresh, not taken from the run's listing.
    listRecords: async (zone) => ((await client.getZone(zone.Id)).Records ?? []).map((record) => toZonedRecord(record, zone)),
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.createRecord(zone.Id, bodyOf(zone, spec, ip, spec.ttl ?? DEFAULT_TTL)), zone),
    async updateRecord(zone, existing, spec, ip) {
      // The update answers 204 with no body, so the zone is read back: only what bunny.net holds is confirmed.
      await client.updateRecord(zone.Id, existing.id, bodyOf(zone, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL));
      const record = (await client.getZone(zone.Id)).Records?.find((candidate) => String(candidate.Id) === existing.id);
      if (record === undefined) throw new ProviderError('protocol', `bunny.net answered success but record ${existing.id} of ${spec.name} is gone`);
      return toZonedRecord(record, zone);
    },
  };
}

export const createBunnyProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  if (typeof apiKey !== 'string' || apiKey === '') throw new ProviderError('config', 'bunny: api_key is missing or empty');
  return createZonedRestProvider(bunnyApi(new BunnyClient(context.http, apiKey, context.endpoint)), context.log);
};
