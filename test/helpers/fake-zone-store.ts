import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The record store every provider fake shares, so that a fake is only a wire adapter: it turns the
 * provider's requests (paths, parameters, signatures, envelopes) into calls on this store and its
 * answers back into the provider's format. Names are kept lower-case without the trailing dot.
 */
export interface FakeZone {
  id: string;
  name: string;
}

export interface FakeRecord {
  id: string;
  /** The name of the zone holding the record. */
  zone: string;
  /** Fully qualified, lower-case, no trailing dot. */
  name: string;
  type: string;
  content: string;
  ttl: number;
  /** Provider-specific fields the wire carries (Cloudflare `proxied`, a DNSPod line …). */
  extra: Record<string, unknown>;
}

export type IdStyle = 'uuid' | 'hex32' | 'numeric';

export interface FakeZoneStoreOptions {
  zones: readonly (string | { name: string; id?: string })[];
  /** How new ids look, as the provider makes them. */
  idStyle?: IdStyle;
  /** TTL of a record created without one. */
  defaultTtl?: number;
}

export interface NewRecord {
  /** Omitted: the deepest zone holding `name`. */
  zone?: string;
  name: string;
  type: string;
  content: string;
  ttl?: number;
  extra?: Record<string, unknown>;
}

export function plainName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

export class FakeZoneStore {
  private readonly zoneList: FakeZone[];
  private readonly recordList: FakeRecord[] = [];
  private readonly idStyle: IdStyle;
  private readonly defaultTtl: number;
  private nextNumericId = 100_001;
  /** Creates, updates and deletes made through the API (seeding with `add` is not counted). */
  writes = 0;

  constructor(options: FakeZoneStoreOptions) {
    this.idStyle = options.idStyle ?? 'hex32';
    this.defaultTtl = options.defaultTtl ?? 300;
    this.zoneList = options.zones.map((zone) => {
      const { name, id } = typeof zone === 'string' ? { name: zone, id: undefined } : zone;
      return { name: plainName(name), id: id ?? this.newId() };
    });
  }

  newId(): string {
    switch (this.idStyle) {
      case 'uuid':
        return randomUUID();
      case 'numeric':
        return String(this.nextNumericId++);
      case 'hex32':
        return randomBytes(16).toString('hex');
    }
  }

  zones(): FakeZone[] {
    return [...this.zoneList];
  }

  zoneById(id: string): FakeZone | undefined {
    return this.zoneList.find((zone) => zone.id === id);
  }

  zoneByName(name: string): FakeZone | undefined {
    const wanted = plainName(name);
    return this.zoneList.find((zone) => zone.name === wanted);
  }

  /** The deepest zone that holds `name`, if any. */
  zoneOf(name: string): FakeZone | undefined {
    const wanted = plainName(name);
    return this.zoneList
      .filter((zone) => wanted === zone.name || wanted.endsWith(`.${zone.name}`))
      .sort((a, b) => b.name.length - a.name.length)[0];
  }

  /** Records, optionally of one zone, name and type, in creation order. */
  records(filter: { zone?: string; name?: string; type?: string } = {}): FakeRecord[] {
    const zone = filter.zone === undefined ? undefined : plainName(filter.zone);
    const name = filter.name === undefined ? undefined : plainName(filter.name);
    return this.recordList
      .filter((record) => (zone === undefined || record.zone === zone) && (name === undefined || record.name === name) && (filter.type === undefined || record.type === filter.type))
      .map((record) => ({ ...record, extra: { ...record.extra } }));
  }

  record(id: string): FakeRecord | undefined {
    const found = this.recordList.find((record) => record.id === id);
    return found === undefined ? undefined : { ...found, extra: { ...found.extra } };
  }

  /** Seeds a record as if made by hand in the provider's console: not counted as a write. */
  add(record: NewRecord): FakeRecord {
    const zone = record.zone === undefined ? this.zoneOf(record.name)?.name : plainName(record.zone);
    if (zone === undefined) throw new Error(`fake zone store: no zone holds ${record.name}`);
    const stored: FakeRecord = {
      id: this.newId(),
      zone,
      name: plainName(record.name),
      type: record.type,
      content: record.content,
      ttl: record.ttl ?? this.defaultTtl,
      extra: { ...record.extra },
    };
    this.recordList.push(stored);
    return { ...stored, extra: { ...stored.extra } };
  }

  create(record: NewRecord): FakeRecord {
    this.writes += 1;
    return this.add(record);
  }

  /** Changes the record with `id`; undefined when there is none. */
  update(id: string, changes: Partial<Pick<FakeRecord, 'name' | 'type' | 'content' | 'ttl'>> & { extra?: Record<string, unknown> }): FakeRecord | undefined {
    const stored = this.recordList.find((record) => record.id === id);
    if (stored === undefined) return undefined;
    this.writes += 1;
    if (changes.name !== undefined) stored.name = plainName(changes.name);
    if (changes.type !== undefined) stored.type = changes.type;
    if (changes.content !== undefined) stored.content = changes.content;
    if (changes.ttl !== undefined) stored.ttl = changes.ttl;
    if (changes.extra !== undefined) stored.extra = { ...stored.extra, ...changes.extra };
    return { ...stored, extra: { ...stored.extra } };
  }

  /** A change behind the API's back (the console, another client): not a write the client made. */
  unseen<T>(change: () => T): T {
    const writes = this.writes;
    try {
      return change();
    } finally {
      this.writes = writes;
    }
  }

  remove(id: string): boolean {
    const index = this.recordList.findIndex((record) => record.id === id);
    if (index < 0) return false;
    this.writes += 1;
    this.recordList.splice(index, 1);
    return true;
  }

  /**
   * Write-only services (dyndns2, DuckDNS): the one record of `name` and `type` now holds
   * `content`, created if needed. Returns whether it changed.
   */
  set(name: string, type: string, content: string): boolean {
    const [existing] = this.records({ name, type });
    if (existing === undefined) {
      this.create({ name, type, content });
      return true;
    }
    if (existing.content === content) return false;
    this.update(existing.id, { content });
    return true;
  }
}

/** One page of `items` (pages count from 1), and the totals an API reports beside it. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): { items: T[]; totalCount: number; totalPages: number } {
  const start = (page - 1) * perPage;
  return { items: items.slice(start, start + perPage), totalCount: items.length, totalPages: Math.max(1, Math.ceil(items.length / perPage)) };
}

/**
 * APIs of record sets (Huawei Cloud, Route 53) keep several values under one name and type; the
 * store holds them in `content`, one per line, so a record seeded with one address is a set of one.
 */
export function recordSetValues(record: Pick<FakeRecord, 'content'>): string[] {
  return record.content === '' ? [] : record.content.split('\n');
}

export function recordSetContent(values: readonly string[]): string {
  return values.join('\n');
}

/** The host part of `name` in `zone`, as APIs that name records relative to their zone write it: "@" for the apex. */
export function hostInZone(name: string, zone: string): string {
  return name === zone ? '@' : name.slice(0, name.length - zone.length - 1);
}

/** The fully qualified name of a host relative to `zone` ("@" is the apex). */
export function nameInZone(host: string, zone: string): string {
  return host === '@' ? zone : `${host}.${zone}`;
}
