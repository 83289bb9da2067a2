import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import { firstOfDuplicates } from '../duplicates.js';
import { plainZoneName, readAllPages, zoneCandidates, ZoneDirectory, type Page } from '../zones.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
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


function toProviderRecord(record: CloudflareDnsRecord, spec: RecordSpec): ProviderRecord {
  return { id: record.id, name: record.name, type: spec.type, content: record.content, ttl: record.ttl };
}

class CloudflareProvider implements Provider {
  /**
   * The token's active zones, listed once per run and shared by every record (one request per
   * 50 zones, however many records); a configured `zone` is looked up by name instead.
   */
  private readonly zones: ZoneDirectory<CloudflareZone>;

  constructor(
    private readonly client: CloudflareClient,
    private readonly log: ProviderLogger,
  ) {
    this.zones = new ZoneDirectory<CloudflareZone>({
      listAll: () => readAllPages(1, (page) => this.zonePage(page), 'Cloudflare GET /zones'),
      listNamed: async (name) => (await client.listActiveZones(name)).items,
      namesOf: (zone) => [zone.name],
    });
  }

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.resolveZone(spec);
    const matching = await this.listMatching(zone, spec);
    const first = firstOfDuplicates(matching, this.log, () => `${spec.type} records named ${spec.name} exist in Cloudflare zone ${zone.name}`, (record) => `id ${record.id}`);
    return first === undefined ? undefined : toProviderRecord(first, spec);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    const { proxied, comment } = recordOptions(spec.options);
    const body: CreateDnsRecordBody = {
      type: spec.type,
      name: spec.name,
      content: ip,
      ttl: spec.ttl ?? AUTOMATIC_TTL,
      proxied: proxied ?? false,
      ...(comment === undefined ? {} : { comment }),
    };
    let created: CloudflareDnsRecord;
    try {
      created = await this.client.createDnsRecord(zone.id, body);
    } catch (error) {
      // A retried POST whose first attempt did succeed is refused with 81058 (identical record
      // exists): that is success, but only once a fresh listing shows the record holds our IP.
      if (!isAlreadyExistsError(error)) throw error;
      const existing = (await this.listMatching(zone, spec)).find((record) => sameAddress(record.content, ip));
      if (existing === undefined) throw error;
      this.log.debug(`Cloudflare: ${spec.type} ${spec.name} already holds ${ip} (id ${existing.id})`);
      return toProviderRecord(existing, spec);
    }
    return this.confirmed(created, spec, ip);
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    const { proxied, comment } = recordOptions(spec.options);
    // PATCH changes only what is sent: the record keeps its proxied/ttl/comment (possibly set by
    // hand in the dashboard) unless the config sets them.
    const body: PatchDnsRecordBody = {
      content: ip,
      ...(spec.ttl === undefined ? {} : { ttl: spec.ttl }),
      ...(proxied === undefined ? {} : { proxied }),
      ...(comment === undefined ? {} : { comment }),
    };
    const updated = await this.client.patchDnsRecord(zone.id, existing.id, body);
    return this.confirmed(updated, spec, ip);
  }

  /** The state may only be told what the provider confirmed: check the answer holds what we sent. */
  private confirmed(record: CloudflareDnsRecord, spec: RecordSpec, ip: string): ProviderRecord {
    if (!sameAddress(record.content, ip) || record.type !== spec.type) {
      throw new ProviderError(
        'protocol',
        `Cloudflare answered success but the record ${spec.name} holds ${record.type} ${record.content}, not ${spec.type} ${ip}`,
      );
    }
    return toProviderRecord(record, spec);
  }

  /** Records of the spec's type and exact name (filtered again here in case the API ignored a filter). */
  private async listMatching(zone: CloudflareZone, spec: RecordSpec): Promise<CloudflareDnsRecord[]> {
    const { items } = await this.client.listDnsRecords(zone.id, spec.type, spec.name);
    return items.filter((record) => record.type === spec.type && record.name.toLowerCase() === spec.name);
  }

  private async zonePage(page: number): Promise<Page<CloudflareZone, number>> {
    const { items, resultInfo } = await this.client.listActiveZonesPage(page);
    const totalPages = resultInfo?.total_pages;
    const more = totalPages === undefined ? items.length >= ZONES_PER_PAGE : page < totalPages;
    return { items, next: more ? page + 1 : undefined };
  }

  private async resolveZone(spec: RecordSpec): Promise<CloudflareZone> {
    if (spec.zone !== undefined) return this.resolveConfiguredZone(spec, plainZoneName(spec.zone));
    const [deepest] = await this.zones.held(spec.name);
    const zone = deepest?.zones[0];
    if (zone !== undefined) return zone;
    throw new ProviderError(
      'not-found',
      `no active Cloudflare zone found for ${spec.name} (tried ${zoneCandidates(spec.name).join(', ')}); ` +
        `set zone = "…" in its [[record]] or check the token's Zone:Read permission`,
    );
  }

  private async resolveConfiguredZone(spec: RecordSpec, zoneName: string): Promise<CloudflareZone> {
    if (spec.name !== zoneName && !spec.name.endsWith(`.${zoneName}`)) {
      throw new ProviderError('config', `${spec.name} is not inside zone ${zoneName}`);
    }
    const [zone] = await this.zones.named(zoneName);
    if (zone === undefined) {
      throw new ProviderError(
        'not-found',
        `no active Cloudflare zone ${zoneName} (zone of ${spec.name}); check the name and the token's Zone:Read permission`,
      );
    }
    return zone;
  }
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
  return new CloudflareProvider(client, context.log);
};
