import { createHttpClient, type HttpClient } from '../../src/http/client.js';
import { ProviderError } from '../../src/http/errors.js';
import type { Provider, ProviderContext, ProviderRecord, RecordSpec } from '../../src/providers/types.js';
import type { RecordType } from '../../src/domain.js';
import type { SeenRequest } from './fake-server.js';

export interface ProviderContextOptions {
  /** The fake's URL (what `endpoint` in the config would say); undefined = the provider's own. */
  endpoint?: string | undefined;
  /** Replaces the real HTTP client (to record or rewrite requests). */
  http?: HttpClient;
  timeoutMs?: number;
}

/** A ProviderContext whose logger keeps every message instead of printing it. */
export interface RecordingProviderContext extends ProviderContext {
  /** What the provider logged at warn level, in order. */
  warnings: string[];
  /** What the provider logged at debug level, in order. */
  debugMessages: string[];
  /** The HTTP client's debug lines, one per request and one per answer. */
  httpDebug: string[];
}

/** The context the core would hand a provider: the real HTTP client (2 s timeout) and a silent, recording logger. */
export function providerContext(options: ProviderContextOptions = {}): RecordingProviderContext {
  const warnings: string[] = [];
  const debugMessages: string[] = [];
  const httpDebug: string[] = [];
  return {
    http: options.http ?? createHttpClient({ timeoutMs: options.timeoutMs ?? 2000, debug: (message) => httpDebug.push(message) }),
    log: {
      debug: (message) => debugMessages.push(message),
      warn: (message) => warnings.push(message),
    },
    endpoint: options.endpoint,
    warnings,
    debugMessages,
    httpDebug,
  };
}

/** A record as the config would ask for it: `spec(name)`, `spec(name, 'AAAA')` or `spec(name, { ttl: 300 })`. */
export function spec(name: string, typeOrOverrides: RecordType | Partial<RecordSpec> = {}): RecordSpec {
  const overrides = typeof typeOrOverrides === 'string' ? { type: typeOrOverrides } : typeOrOverrides;
  return { name, type: 'A', zone: undefined, ttl: undefined, options: {}, ...overrides };
}

/** The ProviderError a call fails with; fails the test when it succeeds or throws anything else. */
export async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError, but the call succeeded');
}

/** Find, then create or update: what the core does for one record. */
export async function upsert(provider: Provider, record: RecordSpec, ip: string): Promise<ProviderRecord> {
  const existing = await provider.find(record);
  if (existing === undefined) return provider.create(record, ip);
  return existing.content === ip ? existing : provider.update(record, existing, ip);
}

/** A request's JSON body. */
export function jsonBody(request: SeenRequest | undefined): unknown {
  if (request === undefined) throw new Error('expected a request');
  return JSON.parse(request.body);
}

/** An AAAA record spec. */
export function aaaa(name: string, overrides: Partial<RecordSpec> = {}): RecordSpec {
  return spec(name, { type: 'AAAA', ...overrides });
}
