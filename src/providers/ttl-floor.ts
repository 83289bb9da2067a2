import type { ProviderLogger, RecordSpec } from './types.js';

/**
 * The TTL to send: a value under the service's published minimum is raised to it, with a warning
 * naming the record, rather than sent to be refused (`keep` values such as Alibaba ESA's 1 =
 * automatic pass as they are).
 */
export function ttlAtLeast(spec: RecordSpec, ttl: number, minimum: number, service: string, log: ProviderLogger, keep: readonly number[] = []): number {
  if (ttl >= minimum || keep.includes(ttl)) return ttl;
  log.warn(`${spec.type} ${spec.name}: ttl ${ttl} is below ${service}'s minimum of ${minimum} seconds; using ${minimum}`);
  return minimum;
}
