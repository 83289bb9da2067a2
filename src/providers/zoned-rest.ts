import { sameAddress } from './address.js';
import { ProviderError } from '../http/errors.js';
import { firstOfDuplicates } from './duplicates.js';
import type { Provider, ProviderLogger, ProviderRecord, RecordSpec } from './types.js';
import { plainZoneName, zoneCandidates, ZoneDirectory, type ZoneSource } from './zones.js';

/**
 * The shape most REST DNS APIs share, written once: list the account's zones (once per run, every
 * page), take the deepest zone that ends the record's name (or the configured `zone`), list that
 * zone's records of the name and type, then create or update one. A provider on this template only
 * says how each step looks on its wire (its `internal` client), as lego's providers do.
 */
export interface ZonedRecord {
  id: string;
  /** As the API returns it; compared case-insensitively, without a trailing dot. */
  name: string;
  type: string;
  content: string;
  ttl: number | undefined;
}

export interface ZonedRestApi<Zone> {
  /** The service as messages name it: "Cloudflare". */
  service: string;
  /** The account's zones: all pages, and by name when the API can filter (see ZoneDirectory). */
  zones: ZoneSource<Zone>;
  /** What to check when no zone holds a name: "check the token's Zone:Read permission". */
  zoneHint: string;
  /** How messages name a zone of this service; default "<service> zone" ("active Cloudflare zone"). */
  zoneNoun?: string;
  /** The records of `spec.name` and `spec.type` in `zone` (the template filters again: APIs ignore filters). */
  listRecords(zone: Zone, spec: RecordSpec): Promise<readonly ZonedRecord[]>;
  createRecord(zone: Zone, spec: RecordSpec, ip: string): Promise<ZonedRecord>;
  updateRecord(zone: Zone, existing: ProviderRecord, spec: RecordSpec, ip: string): Promise<ZonedRecord>;
  /**
   * A create refused because such a record exists: a retried create whose first attempt did
   * succeed. It counts as done only when a fresh listing shows a record holding the address.
   */
  isAlreadyExists?(error: unknown): boolean;
}

function sameName(a: string, b: string): boolean {
  return plainZoneName(a) === plainZoneName(b);
}

class ZonedRestProvider<Zone> implements Provider {
  private readonly zones: ZoneDirectory<Zone>;

  constructor(
    private readonly api: ZonedRestApi<Zone>,
    private readonly log: ProviderLogger,
  ) {
    this.zones = new ZoneDirectory(api.zones);
  }

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.resolveZone(spec);
    const matching = await this.listMatching(zone, spec);
    const first = firstOfDuplicates(matching, this.log, () => `${spec.type} records named ${spec.name} exist in ${this.api.service} zone ${this.zoneName(zone)}`, (record) => `id ${record.id}`);
    return first === undefined ? undefined : this.toProviderRecord(first, spec);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    let created: ZonedRecord;
    try {
      created = await this.api.createRecord(zone, spec, ip);
    } catch (error) {
      if (this.api.isAlreadyExists?.(error) !== true) throw error;
      const existing = (await this.listMatching(zone, spec)).find((record) => sameAddress(record.content, ip));
      if (existing === undefined) throw error;
      this.log.debug(`${this.api.service}: ${spec.type} ${spec.name} already holds ${ip} (id ${existing.id})`);
      return this.toProviderRecord(existing, spec);
    }
    return this.confirmed(created, spec, ip);
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    return this.confirmed(await this.api.updateRecord(zone, existing, spec, ip), spec, ip);
  }

  /** The state may only be told what the provider confirmed: the answer must hold what was sent. */
  private confirmed(record: ZonedRecord, spec: RecordSpec, ip: string): ProviderRecord {
    if (!sameAddress(record.content, ip) || record.type !== spec.type) {
      throw new ProviderError('protocol', `${this.api.service} answered success but the record ${spec.name} holds ${record.type} ${record.content}, not ${spec.type} ${ip}`);
    }
    return this.toProviderRecord(record, spec);
  }

  private toProviderRecord(record: ZonedRecord, spec: RecordSpec): ProviderRecord {
    return { id: record.id, name: plainZoneName(record.name), type: spec.type, content: record.content, ttl: record.ttl };
  }

  private async listMatching(zone: Zone, spec: RecordSpec): Promise<ZonedRecord[]> {
    const records = await this.api.listRecords(zone, spec);
    return records.filter((record) => record.type === spec.type && sameName(record.name, spec.name));
  }

  private zoneNoun(): string {
    return this.api.zoneNoun ?? `${this.api.service} zone`;
  }

  private zoneName(zone: Zone): string {
    return this.api.zones.namesOf(zone)[0] ?? '?';
  }

  private async resolveZone(spec: RecordSpec): Promise<Zone> {
    if (spec.zone !== undefined) return this.resolveConfiguredZone(spec, plainZoneName(spec.zone));
    const [deepest] = await this.zones.held(spec.name);
    const zone = deepest?.zones[0];
    if (zone !== undefined) return zone;
    throw new ProviderError(
      'not-found',
      `no ${this.zoneNoun()} found for ${spec.name} (tried ${zoneCandidates(spec.name).join(', ')}); set zone = "…" in its [[record]] or ${this.api.zoneHint}`,
    );
  }

  private async resolveConfiguredZone(spec: RecordSpec, zoneName: string): Promise<Zone> {
    if (spec.name !== zoneName && !spec.name.endsWith(`.${zoneName}`)) {
      throw new ProviderError('config', `${spec.name} is not inside zone ${zoneName}`);
    }
    const [zone] = await this.zones.named(zoneName);
    if (zone === undefined) throw new ProviderError('not-found', `no ${this.zoneNoun()} ${zoneName} (zone of ${spec.name}); check the name and ${this.api.zoneHint.replace(/^check /, '')}`);
    return zone;
  }
}

export function createZonedRestProvider<Zone>(api: ZonedRestApi<Zone>, log: ProviderLogger): Provider {
  return new ZonedRestProvider(api, log);
}
