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
