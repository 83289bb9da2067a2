/**
 * What one record's pass is to do: nothing (no address, a hold, a recent confirmation, or the
 * provider already holds the address), or one write — which a dry run only describes.
 */
import type { Config, ProviderConfig, RecordConfig } from '../config/types.js';
import { FAMILY_OF, familyName, recordKey, recordLabel, type Family } from '../domain.js';
import { ProviderError } from '../http/errors.js';
import type { Logger } from '../log/logger.js';
import { canonicalAddress, sameAddress } from '../providers/address.js';
import { isWriteOnly, type Provider, type ProviderRecord, type RecordSpec, type WriteOnlyProvider } from '../providers/types.js';
import type { StateStore } from '../state/store.js';
import type { RecordState } from '../state/types.js';
import { fingerprint } from './fingerprint.js';
import type { ProviderPool } from './provider-pool.js';
import type { RecordAction, RecordReport } from './report.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { activeHold, confirmed, remember } from './state-update.js';

export interface CheckOptions {
  dryRun: boolean;
  force: boolean;
}

export interface RecordContext {
  config: Config;
  options: CheckOptions;
  record: RecordConfig;
  providerConfig: ProviderConfig;
  detected: Map<Family, string>;
  store: StateStore | undefined;
  pool: ProviderPool;
  logger: Logger;
  now: () => Date;
  sleep: ((ms: number) => Promise<void>) | undefined;
  /** False once another run took the lock over (this one was paused past the stale threshold). */
  lockHeld: () => Promise<boolean>;
}

/** What the pass knows of the record before it asks the provider anything. */
export interface RecordFacts {
  key: string;
  base: Pick<RecordReport, 'provider' | 'name' | 'type'>;
  family: Family;
  ip: string | undefined;
  state: RecordState;
  /** The record's and its provider's settings: a hold or a confirmation is only good for these. */
  print: string;
  checkedAt: string;
  writeOnly: boolean;
  /** The provider's update needs only the record's id (ProviderMetadata.updatesByStateId). */
  updatesByStateId: boolean;
}

export function recordFacts(context: RecordContext): RecordFacts {
  const { record, providerConfig, detected, store, pool, now } = context;
  const key = recordKey(record);
  const base = { provider: record.provider, name: record.name, type: record.type };
  const family = FAMILY_OF[record.type];
  const traits = providerConfig.traits ?? pool.traitsOf(providerConfig.type);
  return {
    key,
    base,
    family,
    ip: detected.get(family),
    state: store?.data.records[key] ?? { ...base },
    print: record.fingerprint ?? fingerprint(providerConfig, record),
    checkedAt: now().toISOString(),
    writeOnly: traits.writeOnly,
    updatesByStateId: traits.updatesByStateId,
  };
}

/** The report of a record that needs no provider at all this run; else the address the provider is to hold. */
export function settledWithoutProvider(context: RecordContext, facts: RecordFacts): { report: RecordReport } | { ip: string } {
  const { config, options, record, store, logger, now } = context;
  const { key, base, family, ip, state, print, checkedAt, writeOnly } = facts;
  if (ip === undefined) {
    logger.error(`${recordLabel(record)}: skipped, no ${familyName(family)} address was detected`);
    return { report: { ...base, action: 'skipped', old: state.ip ?? null, new: state.ip ?? null, error: `no ${familyName(family)} address detected`, errorKind: 'detection' } };
  }

  const hold = activeHold(state, print, now());
  if (hold && !options.force) {
    const until = hold.until ? `until ${hold.until}` : 'until the record or provider settings change';
    const message = `not sent: ${hold.reason} (held since ${hold.since} ${until}; run with --force to try now)`;
    logger.error(`${recordLabel(record)}: ${message}`);
    return { report: { ...base, action: 'skipped', old: state.ip ?? null, new: state.ip ?? null, error: message, errorKind: 'held' } };
  }

  // A write-only provider cannot be re-read, so its confirmation never expires: resending an
  // unchanged address on a timer is exactly what dyndns2 servers punish as abuse.
  const recheckMs = writeOnly ? Number.POSITIVE_INFINITY : config.settings.recheckMs;
  const confirmedAge = state.lastConfirmed ? now().getTime() - Date.parse(state.lastConfirmed) : Number.NaN;
  // A confirmation from the future (the clock was set back) proves nothing: re-read.
  const cacheValid = sameAddress(state.ip, ip) && state.fingerprint === print && confirmedAge >= 0 && confirmedAge < recheckMs;
  if (cacheValid && !options.force && (!options.dryRun || writeOnly)) {
    if (!options.dryRun) remember(store, key, { ...state, lastCheck: checkedAt });
    logger.debug(`${recordLabel(record)}: ${ip} is current (confirmed ${Math.round(confirmedAge / 60_000)} min ago), nothing sent`);
    return { report: { ...base, action: 'unchanged', old: ip, new: ip, cached: true } };
  }
  return { ip };
}

export interface PlannedWrite {
  action: RecordAction;
  /** What the record holds now as far as the pass knows (the provider's answer, else the state's). */
  known: string | null;
  write: () => Promise<ProviderRecord>;
}

export function recordSpec(record: RecordConfig): RecordSpec {
  return { name: record.name, type: record.type, zone: record.zone, ttl: record.ttl, options: record.options };
}

/**
 * The write the record needs, after reading it from the provider (a write-only provider cannot be
 * read: the state says what it holds); or the report when it needs none or this is a dry run.
 */
export async function planWrite(
  context: RecordContext,
  facts: RecordFacts & { ip: string },
  provider: Provider | WriteOnlyProvider,
  retryPolicy: RetryPolicy,
): Promise<PlannedWrite | { report: RecordReport }> {
  const { options, record, store, logger } = context;
  const { key, base, ip, state, print, checkedAt } = facts;
  const spec = recordSpec(record);
  let known: string | null = state.ip === undefined ? null : canonicalAddress(state.ip);
  let planned: PlannedWrite;
  const byId = knownById(facts, options, spec, ip);
  if (isWriteOnly(provider)) {
    const previous = state.ip;
    planned = { action: known === null ? 'created' : 'updated', known, write: () => provider.set(spec, ip, previous) };
  } else if (byId !== undefined) {
    logger.debug(`${recordLabel(record)}: updating record ${byId.id} by the id the state knows, without reading it first`);
    const byIdWrite: PlannedWrite = {
      action: 'updated',
      known,
      write: () => writeById(provider, spec, byId, ip, retryPolicy, () => (byIdWrite.action = 'created')),
    };
    planned = byIdWrite;
  } else {
    const existing = await withRetry(() => provider.find(spec), retryPolicy);
    known = existing ? canonicalAddress(existing.content) : null;
    if (existing && isCurrent(existing, ip, spec)) {
      if (!options.dryRun) remember(store, key, { ...state, ...confirmed(existing, ip, print, checkedAt), lastChange: state.lastChange });
      logger.debug(`${recordLabel(record)}: the provider already holds ${ip}`);
      return { report: { ...base, action: 'unchanged', old: known, new: ip } };
    }
    planned = {
      action: existing ? 'updated' : 'created',
      known,
      write: () => (existing ? provider.update(spec, existing, ip) : provider.create(spec, ip)),
    };
  }
  if (options.dryRun) {
    logger.info(`would ${planned.action === 'created' ? 'create' : 'update'} ${recordLabel(record)}: ${known ?? '(none)'} → ${ip}`);
    return { report: { ...base, action: planned.action, old: known, new: ip, planned: true } };
  }
  return planned;
}

/**
 * The record as the state knows it, when its provider can update it by id alone and this pass is a
 * change of address (not a dry run, not --force, not a recheck of the same address, and the
 * record's settings unchanged since the state saw it).
 */
function knownById(facts: RecordFacts, options: CheckOptions, spec: RecordSpec, ip: string): ProviderRecord | undefined {
  const { state, print } = facts;
  if (!facts.updatesByStateId || options.force || options.dryRun) return undefined;
  if (state.recordId === undefined || state.ip === undefined || state.fingerprint !== print || sameAddress(state.ip, ip)) return undefined;
  return { id: state.recordId, name: spec.name, type: spec.type, content: state.ip, ttl: undefined };
}

/** Updates by the state's id; a record deleted or recreated by hand since is read again and written as a first pass would. */
async function writeById(provider: Provider, spec: RecordSpec, known: ProviderRecord, ip: string, retryPolicy: RetryPolicy, creating: () => void): Promise<ProviderRecord> {
  try {
    return await provider.update(spec, known, ip);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== 'not-found') throw error;
    const existing = await withRetry(() => provider.find(spec), retryPolicy);
    if (existing && isCurrent(existing, ip, spec)) return existing;
    if (existing) return provider.update(spec, existing, ip);
    creating();
    return provider.create(spec, ip);
  }
}

/** The record needs no write: it holds the IP, and the ttl the config asks for (when it asks). */
function isCurrent(existing: ProviderRecord, ip: string, spec: RecordSpec): boolean {
  const ttlDiffers = spec.ttl !== undefined && existing.ttl !== undefined && existing.ttl !== spec.ttl;
  return sameAddress(existing.content, ip) && !ttlDiffers;
}
