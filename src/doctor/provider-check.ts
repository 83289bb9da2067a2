import { type Config, type ProviderConfig, type RecordConfig } from '../config/types.js';
import { recordKey, type Family, FAMILY_OF } from '../domain.js';
import { isProviderError } from '../http/errors.js';
import { sameAddress } from '../providers/address.js';
import { createHttpClient, type HttpClient, type ObservedResponse } from '../http/client.js';
import { isWriteOnly, type Provider, type ProviderMetadata, type RecordSpec, type WriteOnlyProvider } from '../providers/types.js';
import { redact } from '../log/redact.js';
import type { StateData } from '../state/types.js';
import { ago } from '../config/duration.js';
import { TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

export interface ProviderCheckOptions {
  registry: ReadonlyMap<string, ProviderMetadata>;
  /** The addresses detected now, to say whether a record would change. */
  detected: Map<Family, string>;
  state: StateData | undefined;
  now: Date;
  onResponse?: (response: ObservedResponse) => void;
  /** Called for every HTTP request a provider sends: doctor must only ever read. */
  onRequest?: (method: string) => void;
}

/**
 * Per provider: one check of its credentials and one per record. Read/write providers answer
 * `find` for each record, which only reads (zone lookup and record listing). Write-only providers
 * (dyndns2, DuckDNS, webhooks) have no read-only call, so nothing is sent to them: their records
 * report what the state last saw confirmed.
 */
export async function checkProviders(config: Config, options: ProviderCheckOptions): Promise<DoctorCheck[]> {
  const results = await Promise.all(
    config.providers.map((provider) =>
      checkProvider(
        provider,
        config.records.filter((record) => record.provider === provider.name),
        config,
        options,
      ),
    ),
  );
  return results.flat();
}

async function checkProvider(providerConfig: ProviderConfig, records: RecordConfig[], config: Config, options: ProviderCheckOptions): Promise<DoctorCheck[]> {
  const base = { id: `provider.${providerConfig.name}`, area: 'provider', title: TEXT.providerTitle(providerConfig.name, providerConfig.type) } as const;
  const metadata = options.registry.get(providerConfig.type);
  if (!metadata) return [{ ...base, status: 'fail', detail: TEXT.providerUnknownType(providerConfig.type) }];
  if (records.length === 0) return [{ ...base, status: 'skip', detail: TEXT.providerNoRecords }];
  if (metadata.writeOnly) return writeOnlyChecks(base, records, options);

  const warnings: string[] = [];
  let instance: Provider | WriteOnlyProvider;
  try {
    const factory = await metadata.load();
    instance = factory(providerConfig.options, {
      http: readOnlyHttp(config, options),
      endpoint: providerConfig.endpoint,
      timeoutMs: config.settings.timeoutMs,
      log: { debug: () => undefined, warn: (message) => warnings.push(redact(message)) },
    });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    return [{ ...base, status: 'fail', detail: TEXT.providerUnusable(redact(error.message)), hint: TEXT.providerCredentialsHint(providerConfig.name, providerConfig.line) }];
  }
  if (isWriteOnly(instance)) return writeOnlyChecks(base, records, options);

  const recordChecks: DoctorCheck[] = [];
  let readOk = 0;
  let rejected: string | undefined;
  let otherError: string | undefined;
  // One record after another, as `ddns check` does: zone lookups are shared, rate limits spared.
  for (const record of records) {
    const recordBase = { id: `record.${recordKey(record)}`, area: 'provider', title: TEXT.recordTitle(record.name, record.type, record.provider) } as const;
    if (rejected !== undefined) {
      recordChecks.push({ ...recordBase, status: 'skip', detail: TEXT.recordNotChecked });
      continue;
    }
    warnings.length = 0;
    try {
      const existing = await instance.find(specOf(record));
      readOk += 1;
      const detected = options.detected.get(FAMILY_OF[record.type]);
      const detail =
        existing === undefined
          ? TEXT.recordMissing
          : detected === undefined
            ? TEXT.recordExists(existing.content)
            : sameAddress(existing.content, detected)
              ? TEXT.recordExistsCurrent(existing.content)
              : TEXT.recordExistsDiffers(existing.content, detected);
      recordChecks.push(
        warnings.length === 0
          ? { ...recordBase, status: 'ok', detail: redact(detail) }
          : { ...recordBase, status: 'warn', detail: redact(detail), hint: TEXT.recordProviderWarning(warnings.join('; ')) },
      );
    } catch (error) {
      if (!isProviderError(error)) throw error;
      const message = redact(error.message);
      if (error.kind === 'auth') {
        rejected = message;
        recordChecks.push({ ...recordBase, status: 'skip', detail: TEXT.recordNotChecked });
        continue;
      }
      otherError ??= message;
      recordChecks.push({ ...recordBase, ...failureFor(error.kind, message, record) });
    }
  }
  const providerCheck: DoctorCheck =
    rejected !== undefined
      ? { ...base, status: 'fail', detail: TEXT.providerCredentialsRejected(rejected), hint: TEXT.providerCredentialsHint(providerConfig.name, providerConfig.line) }
      : readOk > 0
        ? { ...base, status: 'ok', detail: TEXT.providerCredentialsOk(readOk) }
        : { ...base, status: 'warn', detail: TEXT.providerNotConfirmed(otherError ?? 'no record could be read') };
  return [providerCheck, ...recordChecks];
}

/** The HTTP client a provider gets from doctor: the config's timeout and proxy, and every answer's Date header observed. */
function readOnlyHttp(config: Config, options: ProviderCheckOptions): HttpClient {
  const client = createHttpClient({
    timeoutMs: config.settings.timeoutMs,
    proxy: config.settings.proxy,
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });
  return {
    request: (request) => {
      options.onRequest?.(request.method ?? 'GET');
      return client.request(request);
    },
  };
}

function specOf(record: RecordConfig): RecordSpec {
  return { name: record.name, type: record.type, zone: record.zone, ttl: record.ttl, options: record.options };
}

function failureFor(kind: string, message: string, record: RecordConfig): Pick<DoctorCheck, 'status' | 'detail' | 'hint'> {
  switch (kind) {
    case 'not-found':
      return { status: 'fail', detail: TEXT.recordZoneNotFound(message), hint: TEXT.recordZoneHint(record.line) };
    case 'config':
    case 'conflict':
      return { status: 'fail', detail: TEXT.recordConfigRefused(message), hint: TEXT.recordConfigHint(record.line) };
    case 'clock-skew':
      return { status: 'fail', detail: TEXT.recordClockRefused(message), hint: TEXT.clockHint };
    case 'rate-limit':
      return { status: 'warn', detail: TEXT.recordRateLimited(message) };
    case 'transient':
      return { status: 'fail', detail: TEXT.recordUnreachable(message), hint: TEXT.recordUnreachableHint };
    default:
      return { status: 'fail', detail: TEXT.recordProtocol(message), hint: TEXT.recordProtocolHint };
  }
}

/** Nothing is sent: the state's last confirmation (or last error, or hold) is all there is to show. */
function writeOnlyChecks(base: Pick<DoctorCheck, 'id' | 'area' | 'title'>, records: RecordConfig[], options: ProviderCheckOptions): DoctorCheck[] {
  const recordChecks = records.map((record): DoctorCheck => {
    const recordBase = { id: `record.${recordKey(record)}`, area: 'provider', title: TEXT.recordTitle(record.name, record.type, record.provider) } as const;
    const saved = options.state?.records[recordKey(record)];
    if (saved?.hold) {
      return { ...recordBase, status: 'warn', detail: TEXT.recordHeld(saved.hold.reason, saved.hold.since), hint: TEXT.recordHeldHint };
    }
    if (saved?.lastError) {
      return { ...recordBase, status: 'warn', detail: TEXT.recordWriteOnlyError(saved.lastError.message, ago(saved.lastError.at, options.now)), hint: TEXT.recordWriteOnlyErrorHint };
    }
    if (saved?.ip !== undefined) {
      return { ...recordBase, status: 'skip', detail: TEXT.recordWriteOnlyConfirmed(saved.ip, ago(saved.lastConfirmed, options.now)) };
    }
    return { ...recordBase, status: 'skip', detail: TEXT.recordWriteOnlyNever };
  });
  return [{ ...base, status: 'skip', detail: TEXT.providerWriteOnly(records.length) }, ...recordChecks];
}
