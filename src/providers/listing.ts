/**
 * Small pieces the zone-and-host APIs share (Rainyun, 51DNS, West.cn): the host of a name
 * relative to its zone, the name a relative host stands for, and when a paged listing has more.
 */

/** The host part of `name` in `zone`: "@" for the apex, as these APIs write it. */
export function relativeHost(name: string, zone: string): string {
  return name === zone ? '@' : name.slice(0, -(zone.length + 1));
}

/** The full name a host of `zone` stands for ("@" or "" is the apex), lower-case. */
export function nameOfHost(host: string, zone: string): string {
  const plain = host.replace(/\.$/, '').toLowerCase();
  return plain === '@' || plain === '' ? zone : `${plain}.${zone}`;
}

/**
 * The page after `page` of a listing of `perPage` items a page, when there may be one: a page
 * shorter than asked is the last, whatever the reported total says; without a total, a full
 * page means "ask again".
 */
export function nextPageOf(page: number, perPage: number, got: number, total: number | undefined): number | undefined {
  if (got < perPage) return undefined;
  return total === undefined || page * perPage < total ? page + 1 : undefined;
}
