/**
 * The few facts every part of ddns shares (config, detection, providers, state, core), kept here
 * so that none of them has to import another for a type.
 */
export type Family = 'ipv4' | 'ipv6';
export type RecordType = 'A' | 'AAAA';

export const FAMILY_OF: Record<RecordType, Family> = { A: 'ipv4', AAAA: 'ipv6' };

/** How the state and reports name a record: `<provider>/<name>/<type>`. */
export function recordKey(record: { provider: string; name: string; type: RecordType }): string {
  return `${record.provider}/${record.name}/${record.type}`;
}

const FAMILY_NAME: Record<Family, string> = { ipv4: 'IPv4', ipv6: 'IPv6' };

/** How messages name a family: `IPv4`, `IPv6`. */
export function familyName(family: Family): string {
  return FAMILY_NAME[family];
}

/** How messages name a record: `home.example.com A (cf)`. */
export function recordLabel(record: { provider: string; name: string; type: string }): string {
  return `${record.name} ${record.type} (${record.provider})`;
}
