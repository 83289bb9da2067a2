import type { ProviderLogger } from './types.js';

/**
 * The record ddns keeps current when a provider holds several of the same name and type: the
 * first one, with a warning that says how many there are, so that the user deletes the others
 * (updating all of them would hide the mistake, picking one silently would confuse).
 * `what` names them ("A records named home.example.com exist in Cloudflare zone example.com"),
 * `idOf` gives a record's id as the provider spells it ("id 372e…", "RecordId 1234").
 */
export function firstOfDuplicates<T>(matching: readonly T[], log: ProviderLogger, what: () => string, idOf: (record: T) => string): T | undefined {
  const first = matching[0];
  if (first !== undefined && matching.length > 1) {
    log.warn(`${matching.length} ${what()}; only the first (${idOf(first)}) is kept up to date — delete the others`);
  }
  return first;
}
