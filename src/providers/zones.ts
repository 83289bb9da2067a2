import { ProviderError } from '../http/errors.js';

/**
 * Zones that could hold `name`, deepest first: the name itself, then each parent down to two
 * labels ("a.b.example.co.uk" → a.b.example.co.uk, b.example.co.uk, example.co.uk, co.uk).
 * Asking a provider for them in this order makes a delegated sub-zone (lab.example.com) win over
 * its parent, and needs no public-suffix list for multi-label suffixes like co.uk or com.cn.
 */
export function zoneCandidates(name: string): string[] {
  const labels = name.replace(/\.$/, '').split('.');
  const candidates = [labels.join('.')];
  for (let start = 1; labels.length - start >= 2; start++) candidates.push(labels.slice(start).join('.'));
  return candidates;
}

/** A zone name in the form zoneCandidates produces: lower-case, without the trailing dot. */
export function plainZoneName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** One page of a listing and where the next one starts (undefined: this was the last). */
export interface Page<T, Cursor> {
  items: readonly T[];
  next: Cursor | undefined;
}

/**
 * A page of a listing numbered from 1 whose answer may say how many pages there are: more follow
 * while `page` is below `totalPages`, or, when the answer does not say, while pages come back full.
 */
export function numberedPage<T>(page: number, items: readonly T[], perPage: number, totalPages: number | undefined): Page<T, number> {
  const more = totalPages === undefined ? items.length >= perPage : page < totalPages;
  return { items, next: more ? page + 1 : undefined };
}

/**
 * A server that keeps answering "more" would otherwise be paged forever; 1,000 pages is far past
 * any real account (50,000 Cloudflare zones), so reaching it means the answers are wrong.
 */
const MAX_PAGES = 1000;

/** Reads every page of a listing, from `first` until a page names no next one (or is empty). */
export async function readAllPages<T, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Page<T, Cursor>>,
  what: string,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: Cursor | undefined = first;
  for (let page = 0; cursor !== undefined; page++) {
    if (page === MAX_PAGES) {
      throw new ProviderError('protocol', `${what}: still more after ${MAX_PAGES} pages; set zone = "…" in the [[record]] to skip the listing`);
    }
    const { items, next }: Page<T, Cursor> = await fetchPage(cursor);
    all.push(...items);
    cursor = items.length === 0 ? undefined : next;
  }
  return all;
}

export interface ZoneSource<Zone> {
  /** Every zone the credentials can see, all pages (see readAllPages). */
  listAll(): Promise<readonly Zone[]>;
  /**
   * The zones named exactly `name`, in one request: used for a record whose `zone` is configured,
   * so that an account with thousands of zones need not be listed. Absent: answered from listAll.
   */
  listNamed?(name: string): Promise<readonly Zone[]>;
  /** The names a zone answers to, as plainZoneName gives them (e.g. its Unicode and punycode forms). */
  namesOf(zone: Zone): readonly string[];
}

/** The zones of one candidate name that the account holds. */
export interface HeldZones<Zone> {
  name: string;
  zones: Zone[];
}

/**
 * The zones of one provider account for one run: listed once, on first use, and shared by every
 * record, so finding the zones of any number of records costs one listing (its pages), not a
 * lookup per record name. Lookups are cached as promises, so records running concurrently share
 * one request; a failed lookup is forgotten, so a retry asks again.
 */
export class ZoneDirectory<Zone> {
  private listing: Promise<ReadonlyMap<string, Zone[]>> | undefined;
  private readonly namedLookups = new Map<string, Promise<Zone[]>>();

  constructor(private readonly source: ZoneSource<Zone>) {}

  /** How many zones the listing holds (after `held` or `all` has listed them). */
  async count(): Promise<number> {
    return new Set([...(await this.index()).values()].flat()).size;
  }

  /** The candidates of `recordName` (deepest first) that the account holds, with their zones. */
  async held(recordName: string): Promise<HeldZones<Zone>[]> {
    const index = await this.index();
    return zoneCandidates(plainZoneName(recordName)).flatMap((name) => {
      const zones = index.get(name);
      return zones === undefined ? [] : [{ name, zones: [...zones] }];
    });
  }

  /** The zones named exactly `zoneName` (a configured zone). */
  named(zoneName: string): Promise<Zone[]> {
    const name = plainZoneName(zoneName);
    const listNamed = this.source.listNamed?.bind(this.source);
    if (listNamed === undefined) return this.index().then((index) => [...(index.get(name) ?? [])]);
    return this.remember(this.namedLookups, name, () =>
      listNamed(name).then((zones) => zones.filter((zone) => this.source.namesOf(zone).some((alias) => plainZoneName(alias) === name))),
    );
  }

  private index(): Promise<ReadonlyMap<string, Zone[]>> {
    if (this.listing === undefined) {
      const listing = this.source.listAll().then((zones) => {
        const index = new Map<string, Zone[]>();
        for (const zone of zones) {
          for (const alias of new Set(this.source.namesOf(zone).map(plainZoneName))) {
            if (alias === '') continue;
            index.set(alias, [...(index.get(alias) ?? []), zone]);
          }
        }
        return index;
      });
      this.listing = listing;
      listing.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
    }
    return this.listing;
  }

  private remember<T>(cache: Map<string, Promise<T>>, key: string, lookup: () => Promise<T>): Promise<T> {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const pending = lookup();
    cache.set(key, pending);
    pending.catch(() => {
      if (cache.get(key) === pending) cache.delete(key);
    });
    return pending;
  }
}
