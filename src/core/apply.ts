/** Sending a planned write, and what a failed pass leaves in the state and the report. */
import { recordLabel } from '../domain.js';
import { isProviderError, ProviderError } from '../http/errors.js';
import { foreignReason } from '../messages.js';
import { sameAddress } from '../providers/address.js';
import { crashPoint } from '../crash-point.js';
import type { PlannedWrite, RecordContext, RecordFacts } from './plan.js';
import type { RecordReport } from './report.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { LOCK_LOST_KIND } from './run-report.js';
import { confirmed, holdFrom, remember } from './state-update.js';

/** Sends the write unless the lock was lost meanwhile; a success must show the address asked for. */
export async function applyWrite(context: RecordContext, facts: RecordFacts & { ip: string }, planned: PlannedWrite, retryPolicy: RetryPolicy): Promise<RecordReport> {
  const { record, store, logger, lockHeld } = context;
  const { key, base, ip, state, print, checkedAt } = facts;
  const { known } = planned;
  if (!(await lockHeld())) {
    const message = 'not sent: another ddns check took over the run lock while this one was paused; that run updates the record';
    logger.warn(`${recordLabel(record)}: ${message}`);
    return { ...base, action: 'skipped', old: known, new: known, error: message, errorKind: LOCK_LOST_KIND };
  }
  crashPoint('before-provider-write');
  const written = await withRetry(planned.write, retryPolicy);
  crashPoint('after-provider-write');
  if (!sameAddress(written.content, ip)) {
    throw new ProviderError('protocol', `the provider answered success but the record holds ${written.content}`);
  }
  remember(store, key, { ...state, ...confirmed(written, ip, print, checkedAt), lastChange: checkedAt });
  // Read after the write: an update by id that found the record gone has created it.
  const { action } = planned;
  logger.info(`${action} ${recordLabel(record)}: ${known ?? '(none)'} → ${ip}`);
  return { ...base, action, old: known, new: ip };
}

/** A pass that failed at the provider: the error (and any hold it asks for) is recorded, the confirmed IP is not touched. */
export function failedRecord(context: RecordContext, facts: RecordFacts, error: unknown, known: string | null): RecordReport {
  const { options, record, store, logger, now } = context;
  const { key, base, state, print, checkedAt } = facts;
  const failure = isProviderError(error) ? error : new ProviderError('protocol', String(error));
  const message = foreignReason(failure.message);
  if (!options.dryRun) {
    const newHold = failure.hold ? holdFrom(failure, message, print, now()) : state.hold;
    remember(store, key, { ...state, lastCheck: checkedAt, lastError: { message, kind: failure.kind, at: checkedAt }, hold: newHold });
  }
  logger.error(`${recordLabel(record)}: ${message}`);
  return { ...base, action: 'failed', old: known, new: known, error: message, errorKind: failure.kind };
}
