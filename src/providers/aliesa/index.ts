import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { readAllPages, type Page } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { CODE_RECORD_EXISTS, EsaClient, RECORDS_PER_PAGE, SITES_PER_PAGE, type EsaRecord, type EsaSite } from './client.js';

/** `Ttl=1` is ESA's "automatic" TTL, what its console gives a new record. */
export const AUTO_TTL = 1;

function siteName(site: EsaSite): string {
  return site.SiteName.replace(/\.$/, '').toLowerCase();
}

function toZonedRecord(record: EsaRecord): ZonedRecord {
  return { id: record.RecordId, name: record.RecordName, type: record.RecordType, content: record.Data.Value, ttl: record.Ttl };
}

function nextPage(page: number, perPage: number, got: number, total: number | undefined): number | undefined {
  if (got < perPage) return undefined;
  return total === undefined || page * perPage < total ? page + 1 : undefined;
}

/** The config's ttl (held to ESA's range when the config loaded), else the record's own, else automatic. */
function ttlFor(spec: RecordSpec, fallback: number | undefined): number {
  return spec.ttl ?? fallback ?? AUTO_TTL;
}

function esaApi(client: EsaClient): ZonedRestApi<EsaSite> {
  const sitePage = async (page: number): Promise<Page<EsaSite, number>> => {
    const { sites, total } = await client.listSites(page);
    return { items: sites, next: nextPage(page, SITES_PER_PAGE, sites.length, total) };
  };
  return {
    service: 'Alibaba Cloud ESA',
    zoneNoun: 'Alibaba Cloud ESA site',
    zoneHint: 'check that the domain is added as a site in ESA in this account',
    zones: {
      listAll: () => readAllPages(1, sitePage, 'Alibaba Cloud ESA ListSites'),
      listNamed: async (name) => (await client.listSites(1, name)).sites,
      namesOf: (site) => [siteName(site)],
    },
    async listRecords(site, spec) {
      const records = await readAllPages(
        1,
        async (page: number): Promise<Page<EsaRecord, number>> => {
          const { records: items, total } = await client.listRecords(site.SiteId, spec.name, spec.type, page);
          return { items, next: nextPage(page, RECORDS_PER_PAGE, items.length, total) };
        },
        'Alibaba Cloud ESA ListRecords',
      );
      return records.map(toZonedRecord);
    },
    async createRecord(site, spec, ip) {
      const ttl = ttlFor(spec, undefined);
      const id = await client.createRecord({ siteId: site.SiteId, recordName: spec.name, type: spec.type, value: ip, ttl });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(_site, existing, spec, ip) {
      // UpdateRecord takes the TTL along with the value: the record's own is sent back when the config sets none.
      const ttl = ttlFor(spec, existing.ttl);
      await client.updateRecord(existing.id, ip, ttl);
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export { CODE_RECORD_EXISTS };

export const createAliesaProvider: ProviderFactory = (options, context) => {
  const accessKeyId = options['access_key_id'];
  const accessKeySecret = options['access_key_secret'];
  if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string') throw new ProviderError('config', 'aliesa: access_key_id and access_key_secret are required');
  const client = new EsaClient({ http: context.http, accessKeyId, accessKeySecret, endpoint: context.endpoint });
  return createZonedRestProvider(esaApi(client), context.log);
};
