import { ProviderError } from '../../http/errors.js';
import { numberedPage, readAllPages, type Page } from '../zones.js';
import type { ProviderFactory } from '../types.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import {
  CloudflareClient,
  isAlreadyExistsError,
  type CloudflareDnsRecord,
  type CloudflareZone,
  type CreateDnsRecordBody,
  type PatchDnsRecordBody,
  ZONES_PER_PAGE,
} from './client.js';

/** Cloudflare's TTL value meaning "automatic"; what a record gets when the config sets no ttl. */
const AUTOMATIC_TTL = 1;

/** The Cloudflare-specific `[[record]]` keys (validated by metadata.recordSchema). */
interface CloudflareRecordOptions {
  proxied: boolean | undefined;
  comment: string | undefined;
}

function recordOptions(options: Record<string, unknown>): CloudflareRecordOptions {
  return {
    proxied: typeof options['proxied'] === 'boolean' ? options['proxied'] : undefined,
    comment: typeof options['comment'] === 'string' ? options['comment'] : undefined,
  };
}


function toZonedRecord(record: CloudflareDnsRecord): ZonedRecord {
  return { id: record.id, name: record.name, type: record.type, content: record.content, ttl: record.ttl };
}

/** Cloudflare's wire steps for the zoned-REST template (src/providers/zoned-rest.ts). */
function cloudflareApi(client: CloudflareClient): ZonedRestApi<CloudflareZone> {
  const zonePage = async (page: number): Promise<Page<CloudflareZone, number>> => {
    const { items, resultInfo } = await client.listActiveZonesPage(page);
    return numberedPage(page, items, ZONES_PER_PAGE, resultInfo?.total_pages);
  };
  return {
    service: 'Cloudflare',
    zoneNoun: 'active Cloudflare zone',
    zoneHint: "check the token's Zone:Read permission",
    // The token's active zones, listed once per run and shared by every record (one request per
    // 50 zones, however many records); a configured `zone` is looked up by name instead.
    zones: {
      listAll: () => readAllPages(1, zonePage, 'Cloudflare GET /zones'),
      listNamed: async (name) => (await client.listActiveZones(name)).items,
      namesOf: (zone) => [zone.name],
    },
    listRecords: async (zone, spec) => (await client.listDnsRecords(zone.id, spec.type, spec.name)).items.map(toZonedRecord),
    async createRecord(zone, spec, ip) {
      const { proxied, comment } = recordOptions(spec.options);
      const body: CreateDnsRecordBody = {
        type: spec.type,
        name: spec.name,
        content: ip,
        ttl: spec.ttl ?? AUTOMATIC_TTL,
        proxied: proxied ?? false,
        ...(comment === undefined ? {} : { comment }),
      };
      return toZonedRecord(await client.createDnsRecord(zone.id, body));
    },
    async updateRecord(zone, existing, spec, ip) {
      const { proxied, comment } = recordOptions(spec.options);
      // PATCH changes only what is sent: the record keeps its proxied/ttl/comment (possibly set by
      // hand in the dashboard) unless the config sets them.
      const body: PatchDnsRecordBody = {
        content: ip,
        ...(spec.ttl === undefined ? {} : { ttl: spec.ttl }),
        ...(proxied === undefined ? {} : { proxied }),
        ...(comment === undefined ? {} : { comment }),
      };
      return toZonedRecord(await client.patchDnsRecord(zone.id, existing.id, body));
    },
    // 81058 (identical record exists) on a retried POST whose first attempt did succeed.
    isAlreadyExists: isAlreadyExistsError,
  };
}

export const createCloudflareProvider: ProviderFactory = (options, context) => {
  const apiToken = options['api_token'];
  if (typeof apiToken !== 'string' || apiToken === '') {
    throw new ProviderError('config', 'cloudflare: api_token is missing or empty');
  }
  // Such a token could only be sent as an invalid header (an error that would look like a network
  // failure and be retried): typically a token file with a trailing line break or a pasted quote.
  if (/[\s\u0000-\u001f\u007f]/.test(apiToken)) {
    throw new ProviderError('config', 'cloudflare: api_token contains spaces, line breaks or control characters');
  }
  const client = new CloudflareClient({ http: context.http, apiToken, endpoint: context.endpoint });
  return createZonedRestProvider(cloudflareApi(client), context.log);
};
