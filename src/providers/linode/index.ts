import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { LinodeClient, type LinodeDomain, type LinodeRecord } from './client.js';

function domainName(domain: LinodeDomain): string {
  return domain.domain.replace(/\.$/, '').toLowerCase();
}

/** Linode names records relative to the domain: "" for the apex. */
function hostIn(name: string, zone: LinodeDomain): string {
  const zoneName = domainName(zone);
  return name === zoneName ? '' : name.slice(0, -(zoneName.length + 1));
}

function toZonedRecord(record: LinodeRecord, zone: LinodeDomain): ZonedRecord {
  const zoneName = domainName(zone);
  const name = record.name === '' || record.name === '@' ? zoneName : `${record.name}.${zoneName}`;
  // ttl_sec 0 means "the domain's default": no ttl of the record's own.
  const ttl = record.ttl_sec === undefined || record.ttl_sec === 0 ? undefined : record.ttl_sec;
  return { id: String(record.id), name, type: record.type, content: record.target, ttl };
}

function nextPage<T>(answer: { items: T[]; page: number; pages: number }): Page<T, number> {
  return { items: answer.items, next: answer.page < answer.pages ? answer.page + 1 : undefined };
}

function linodeApi(client: LinodeClient): ZonedRestApi<LinodeDomain> {
  const body = (zone: LinodeDomain, spec: RecordSpec, ip: string, ttl: number | undefined) => ({ type: spec.type, name: hostIn(spec.name, zone), target: ip, ...(ttl === undefined ? {} : { ttl_sec: ttl }) });
  return {
    service: 'Linode',
    zoneNoun: 'Linode domain',
    zoneHint: 'check that the domain is in this Linode account (Cloud Manager → Domains)',
    zones: { listAll: () => readAllPages(1, async (page: number) => nextPage(await client.listDomains(page)), 'Linode GET /domains'), namesOf: (zone) => [domainName(zone)] },
    listRecords: async (zone) => (await readAllPages(1, async (page: number) => nextPage(await client.listRecords(zone.id, page)), 'Linode GET /domains/{id}/records')).map((record) => toZonedRecord(record, zone)),
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.createRecord(zone.id, body(zone, spec, ip, spec.ttl)), zone),
    updateRecord: async (zone, existing, spec, ip) => toZonedRecord(await client.updateRecord(zone.id, existing.id, body(zone, spec, ip, spec.ttl ?? existing.ttl)), zone),
  };
}

export const createLinodeProvider: ProviderFactory = (options, context) => {
  const token = options['token'];
  if (typeof token !== 'string') throw new ProviderError('config', 'linode: token is required');
  return createZonedRestProvider(linodeApi(new LinodeClient(context.http, token, context.endpoint)), context.log);
};
