import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { VultrClient, type VultrDomain, type VultrRecord } from './client.js';

/** What a record gets when the config sets no ttl (Vultr's own default). */
const DEFAULT_TTL = 300;

/** Vultr names records relative to the domain; the apex is the empty name. */
function hostIn(name: string, zone: VultrDomain): string {
  const zoneName = zone.domain.toLowerCase();
  return name === zoneName ? '' : name.slice(0, -(zoneName.length + 1));
}

function toZonedRecord(record: VultrRecord, zone: VultrDomain): ZonedRecord {
  const name = record.name === '' || record.name === '@' ? zone.domain : `${record.name}.${zone.domain}`;
  return { id: record.id, name, type: record.type, content: record.data, ttl: record.ttl };
}

function vultrApi(client: VultrClient): ZonedRestApi<VultrDomain> {
  return {
    service: 'Vultr',
    zoneNoun: 'Vultr DNS domain',
    zoneHint: 'check that the domain is in this Vultr account (Vultr console → Network → DNS)',
    zones: { listAll: () => readAllPages('', (cursor: string) => client.listDomains(cursor), 'Vultr GET /domains'), namesOf: (zone) => [zone.domain.toLowerCase()] },
    async listRecords(zone, spec) {
      // The records listing has no name or type filter: every page of the domain is read.
      const records = await readAllPages('', (cursor: string) => client.listRecords(zone.domain, cursor), 'Vultr GET /domains/…/records');
      const host = hostIn(spec.name, zone);
      return records.filter((record) => record.type === spec.type && (record.name === host || (host === '' && record.name === '@'))).map((record) => toZonedRecord(record, zone));
    },
    async createRecord(zone, spec, ip) {
      const created = await client.createRecord(zone.domain, { name: hostIn(spec.name, zone), type: spec.type, data: ip, ttl: spec.ttl ?? DEFAULT_TTL });
      return toZonedRecord(created, zone);
    },
    async updateRecord(zone, existing, spec, ip) {
      // PATCH changes only what is sent (the record keeps its ttl unless the config sets one) and
      // answers 204 with no body, so the record is read back: only what Vultr holds is confirmed.
      await client.updateRecord(zone.domain, existing.id, { data: ip, ...(spec.ttl === undefined ? {} : { ttl: spec.ttl }) });
      return toZonedRecord(await client.getRecord(zone.domain, existing.id), zone);
    },
  };
}

export const createVultrProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  if (typeof apiKey !== 'string' || apiKey === '') throw new ProviderError('config', 'vultr: api_key is missing or empty');
  return createZonedRestProvider(vultrApi(new VultrClient(context.http, apiKey, context.endpoint)), context.log);
};
