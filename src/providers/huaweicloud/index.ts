import { sameAddress } from '../address.js';
import { plainZoneName, readAllPages, zoneCandidates, ZoneDirectory, type Page } from '../zones.js';
import { ProviderError } from '../../http/errors.js';
import { firstOfDuplicates } from '../duplicates.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import {
  HUAWEICLOUD_DNS_ENDPOINT,
  HuaweiCloudClient,
  isAlreadyExistsError,
  regionalEndpoint,
  type CreateRecordSetBody,
  type HuaweiRecordSet,
  type HuaweiZone,
  type UpdateRecordSetBody,
  ZONES_PER_PAGE,
} from './client.js';

/** The resolution line a record set gets when none is named: the one every resolver falls back to. */
export const DEFAULT_LINE = 'default_view';

/** Huawei names zones and record sets fully qualified, with the trailing dot. */
function fqdn(name: string): string {
  return name.endsWith('.') ? name.toLowerCase() : `${name.toLowerCase()}.`;
}

/** One address per record set is what DDNS keeps; anything else is shown joined, and replaced. */
function contentOf(recordSet: HuaweiRecordSet): string {
  return (recordSet.records ?? []).join(',');
}

function toProviderRecord(recordSet: HuaweiRecordSet, spec: RecordSpec): ProviderRecord {
  return { id: recordSet.id, name: spec.name, type: spec.type, content: contentOf(recordSet), ttl: recordSet.ttl };
}

function onDefaultLine(recordSet: HuaweiRecordSet): boolean {
  return recordSet.line === undefined || recordSet.line === DEFAULT_LINE;
}

class HuaweiCloudProvider implements Provider {
  /**
   * The account's public zones, listed once per run (500 per page) and shared by every record,
   * however many; a configured `zone` is looked up by name instead.
   */
  private readonly zones: ZoneDirectory<HuaweiZone>;

  constructor(
    private readonly client: HuaweiCloudClient,
    private readonly log: ProviderLogger,
  ) {
    this.zones = new ZoneDirectory<HuaweiZone>({
      listAll: () => readAllPages(0, (offset) => this.zonePage(offset), 'Huawei Cloud GET /v2/zones'),
      listNamed: async (name) => (await client.listPublicZones(fqdn(name))).items,
      namesOf: (zone) => [zone.name],
    });
  }

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.resolveZone(spec);
    const matching = await this.listMatching(zone, spec);
    const first = firstOfDuplicates(
      matching,
      this.log,
      () => `${spec.type} record sets named ${spec.name} exist on the default line of Huawei Cloud zone ${zone.name}`,
      (recordSet) => `id ${recordSet.id}`,
    );
    if (first === undefined) return undefined;
    if ((first.records ?? []).length > 1) {
      this.log.warn(`Huawei Cloud record set ${spec.name} ${spec.type} holds ${contentOf(first)}; it will be set to the detected address alone`);
    }
    return toProviderRecord(first, spec);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    // No `line`: the API puts the record set on the default line; no ttl: Huawei's default (300 s).
    const body: CreateRecordSetBody = {
      name: fqdn(spec.name),
      type: spec.type,
      records: [ip],
      ...(spec.ttl === undefined ? {} : { ttl: spec.ttl }),
    };
    let created: HuaweiRecordSet;
    try {
      created = await this.client.createRecordSet(zone.id, body);
    } catch (error) {
      // A retried POST whose first attempt did succeed is refused as a duplicate: that is
      // success, but only once a fresh listing shows a record set holding our address.
      if (!isAlreadyExistsError(error)) throw error;
      const existing = (await this.listMatching(zone, spec)).find((recordSet) => sameAddress(contentOf(recordSet), ip));
      if (existing === undefined) throw error;
      this.log.debug(`Huawei Cloud: ${spec.type} ${spec.name} already holds ${ip} (id ${existing.id})`);
      return toProviderRecord(existing, spec);
    }
    return this.confirmed(created, spec, ip);
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    // The ttl is always sent: the record keeps the one it has (possibly set in the console)
    // unless the config asks for another.
    const ttl = spec.ttl ?? existing.ttl;
    const body: UpdateRecordSetBody = {
      name: fqdn(spec.name),
      type: spec.type,
      records: [ip],
      ...(ttl === undefined ? {} : { ttl }),
    };
    const updated = await this.client.updateRecordSet(zone.id, existing.id, body);
    return this.confirmed(updated, spec, ip);
  }

  /** The state may only be told what the provider confirmed: check the answer holds what we sent. */
  private confirmed(recordSet: HuaweiRecordSet, spec: RecordSpec, ip: string): ProviderRecord {
    const records = recordSet.records ?? [];
    if (records.length !== 1 || !sameAddress(records[0], ip) || recordSet.type !== spec.type) {
      throw new ProviderError(
        'protocol',
        `Huawei Cloud answered success but the record set ${spec.name} holds ${recordSet.type} ${contentOf(recordSet) || '(nothing)'}, not ${spec.type} ${ip}`,
      );
    }
    return toProviderRecord(recordSet, spec);
  }

  /**
   * Record sets of the spec's exact name and type on the default line. The API filters by name
   * loosely (a fuzzy match) and other resolution lines are separate record sets that ddns does
   * not manage, so both are filtered here.
   */
  private async listMatching(zone: HuaweiZone, spec: RecordSpec): Promise<HuaweiRecordSet[]> {
    const name = fqdn(spec.name);
    const { items } = await this.client.listRecordSets(zone.id, name, spec.type);
    const sameName = items.filter((recordSet) => recordSet.type === spec.type && recordSet.name.toLowerCase() === name);
    const otherLines = sameName.filter((recordSet) => !onDefaultLine(recordSet));
    if (otherLines.length > 0) {
      this.log.debug(
        `Huawei Cloud: ignoring ${spec.type} ${spec.name} on line(s) ${otherLines.map((recordSet) => recordSet.line).join(', ')}; ddns manages the default line`,
      );
    }
    return sameName.filter(onDefaultLine);
  }

  private async resolveZone(spec: RecordSpec): Promise<HuaweiZone> {
    if (spec.zone !== undefined) return this.resolveConfiguredZone(spec, plainZoneName(spec.zone));
    const [deepest] = await this.zones.held(spec.name);
    const zone = deepest?.zones[0];
    if (zone !== undefined) return zone;
    throw new ProviderError(
      'not-found',
      `no public Huawei Cloud DNS zone found for ${spec.name} (tried ${zoneCandidates(spec.name).join(', ')}); ` +
        'set zone = "…" in its [[record]], check the IAM user may list zones (dns:zone:list), and that region/project_id point where the zone is',
    );
  }

  private async resolveConfiguredZone(spec: RecordSpec, zoneName: string): Promise<HuaweiZone> {
    if (spec.name !== zoneName && !spec.name.endsWith(`.${zoneName}`)) {
      throw new ProviderError('config', `${spec.name} is not inside zone ${zoneName}`);
    }
    const [zone] = await this.zones.named(zoneName);
    if (zone === undefined) {
      throw new ProviderError(
        'not-found',
        `no public Huawei Cloud DNS zone ${zoneName} (zone of ${spec.name}); check the name and that the IAM user may list zones (dns:zone:list)`,
      );
    }
    return zone;
  }

  private async zonePage(offset: number): Promise<Page<HuaweiZone, number>> {
    const { items, totalCount } = await this.client.listPublicZonesPage(offset);
    const seen = offset + items.length;
    const more = totalCount === undefined ? items.length >= ZONES_PER_PAGE : seen < totalCount;
    return { items, next: more ? seen : undefined };
  }
}

/**
 * A key with a line break, space or control character could only be a paste or file accident;
 * refusing it here names the key instead of failing later as a signature mismatch.
 */
function credential(options: Record<string, unknown>, key: 'access_key' | 'secret_key'): string {
  const value = options[key];
  if (typeof value !== 'string' || value === '') throw new ProviderError('config', `huaweicloud: ${key} is missing or empty`);
  if (/[\s\u0000-\u001f\u007f]/.test(value)) {
    throw new ProviderError('config', `huaweicloud: ${key} contains spaces, line breaks or control characters`);
  }
  return value;
}

export const createHuaweiCloudProvider: ProviderFactory = (options, context) => {
  const accessKey = credential(options, 'access_key');
  const secretKey = credential(options, 'secret_key');
  const region = typeof options['region'] === 'string' ? options['region'] : undefined;
  const projectId = typeof options['project_id'] === 'string' ? options['project_id'] : undefined;
  const endpoint = context.endpoint ?? (region === undefined ? HUAWEICLOUD_DNS_ENDPOINT : regionalEndpoint(region));
  const client = new HuaweiCloudClient({ http: context.http, accessKey, secretKey, endpoint, projectId });
  return new HuaweiCloudProvider(client, context.log);
};
