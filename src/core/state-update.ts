/** What a run writes into the state: the file opened for the run, and each record's entry. */
import type { Config } from '../config/types.js';
import type { ProviderError } from '../http/errors.js';
import type { ProviderRecord } from '../providers/types.js';
import { StateStore } from '../state/store.js';
import type { RecordHold, RecordState } from '../state/types.js';

/** A dry run only peeks (and never repairs); a real run opens the file, setting an unreadable one aside. */
export async function openState(config: Config, options: { dryRun: boolean }, warn: (message: string) => void): Promise<StateStore | undefined> {
  const path = config.settings.stateFile;
  if (options.dryRun) {
    const data = await StateStore.peek(path).catch(() => undefined);
    return data ? StateStore.fromData(path, data) : undefined;
  }
  const opened = await StateStore.open(path);
  if (opened.recovered) {
    warn(`the state file was unreadable (${opened.recovered.reason}); moved it to ${opened.recovered.movedTo} and rebuilding it from the providers`);
  }
  return opened.store;
}

export /** The hold that still applies to this record, if any: same settings, and not yet expired. */
function activeHold(state: RecordState, print: string, now: Date): RecordHold | undefined {
  const hold = state.hold;
  if (!hold || hold.fingerprint !== print) return undefined;
  if (hold.until !== undefined && now.getTime() >= Date.parse(hold.until)) return undefined;
  return hold;
}

export function holdFrom(failure: ProviderError, message: string, print: string, now: Date): RecordHold {
  const since = now.toISOString();
  const hold = failure.hold;
  if (hold && 'forMs' in hold) {
    return { reason: message, kind: failure.kind, since, until: new Date(now.getTime() + hold.forMs).toISOString(), fingerprint: print };
  }
  return { reason: message, kind: failure.kind, since, fingerprint: print };
}

export function confirmed(record: ProviderRecord, ip: string, print: string, at: string): Partial<RecordState> {
  return { ip, recordId: record.id, lastConfirmed: at, lastCheck: at, lastError: null, hold: null, fingerprint: print };
}

export function remember(store: StateStore | undefined, key: string, state: RecordState): void {
  if (!store) return;
  const cleaned = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as unknown as RecordState;
  store.data.records[key] = cleaned;
}
