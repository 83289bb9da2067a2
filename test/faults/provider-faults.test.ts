import { PROVIDERS } from '../../src/providers/registry.js';
import { createHttpClient } from '../../src/http/client.js';
import { withRetry } from '../../src/core/retry.js';
import { ProviderError } from '../../src/http/errors.js';
import { isWriteOnly, type Provider, type RecordSpec, type WriteOnlyProvider } from '../../src/providers/types.js';
import type { Fault, FakeServer } from '../helpers/fake-server.js';
import { startFakeRoute53 } from '../../src/providers/route53/fake.js';

/**
 * TRANSITION (issue 14): the providers not yet on test/conformance/transport-faults.test.ts, which
 * runs these faults for every provider with a testkit.ts; entries leave as providers move over.
 * The same transport faults injected into every HTTP provider's fake: 500, 502, 503, 429 with and
 * without Retry-After, a reset connection and an answer that never comes. A fault that clears
 * within the retries must end in success with exactly one write; a fault that persists must end
 * in a retryable ProviderError after exactly `retries + 1` attempts, with nothing written.
 */
const RETRIES = 2;
const IP = '81.2.69.160';

interface Harness {
  server: FakeServer;
  provider: Provider | WriteOnlyProvider;
  spec: RecordSpec;
  close(): Promise<void>;
}

async function build(type: string, options: Record<string, unknown>, endpoint: string, timeoutMs: number): Promise<Provider | WriteOnlyProvider> {
  const metadata = PROVIDERS.get(type);
  if (!metadata) throw new Error(`no provider ${type}`);
  const factory = await metadata.load();
  return factory(metadata.configSchema.parse(options), {
    http: createHttpClient({ timeoutMs }),
    log: { debug() {}, warn() {} },
    endpoint,
    timeoutMs,
  });
}

const spec = (name: string): RecordSpec => ({ name, type: 'A', zone: undefined, ttl: undefined, options: {} });

const HARNESSES: Record<string, (timeoutMs: number) => Promise<Harness>> = {
  route53: async (timeoutMs) => {
    const fake = await startFakeRoute53({ credentials: [{ accessKeyId: 'AKIAFAULTSEXAMPLE01', secretAccessKey: 'faults/secret+key0123' }], zones: [{ name: 'example.com' }] });
    return { server: fake.server, provider: await build('route53', { access_key_id: 'AKIAFAULTSEXAMPLE01', secret_access_key: 'faults/secret+key0123' }, fake.url, timeoutMs), spec: spec('home.example.com'), close: () => fake.close() };
  },
};

const FAULTS: readonly [string, Fault, ProviderError['kind']][] = [
  ['HTTP 500', { kind: 'reply', reply: { status: 500, body: 'Internal Server Error' } }, 'transient'],
  ['HTTP 502', { kind: 'reply', reply: { status: 502, body: '<html>502 Bad Gateway</html>' } }, 'transient'],
  ['HTTP 503', { kind: 'reply', reply: { status: 503, body: 'Service Unavailable' } }, 'transient'],
  ['HTTP 429 without Retry-After', { kind: 'reply', reply: { status: 429, body: 'Too Many Requests' } }, 'rate-limit'],
  ['HTTP 429 with Retry-After: 1', { kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '1' }, body: 'slow down' } }, 'rate-limit'],
  ['a reset connection', { kind: 'reset' }, 'transient'],
  ['an answer that never comes', { kind: 'hang' }, 'transient'],
];

/** Garbage where the provider's JSON, XML or text answer should be: never retried, never a crash. */
const GARBAGE: readonly [string, Fault][] = [
  ['a truncated body (200)', { kind: 'reply', reply: { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"Response": {"RecordList": [{"Value": "81.2' } }],
  ['an HTML captive-portal page (200)', { kind: 'reply', reply: { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body><form>Log in to use the Wi-Fi</form></body></html>' } }],
  ['an empty body (200)', { kind: 'reply', reply: { status: 200, body: '' } }],
];

/** One full set operation: read then write (or set for a write-only provider), each retried. */
async function setRecord(harness: Harness, sleeps: number[]): Promise<void> {
  const policy = { retries: RETRIES, minDelayMs: 1, maxRetryAfterMs: 5_000, sleep: async (ms: number) => void sleeps.push(ms) };
  const { provider, spec: record } = harness;
  if (isWriteOnly(provider)) {
    await withRetry(() => provider.set(record, IP), policy);
    return;
  }
  const existing = await withRetry(() => provider.find(record), policy);
  await withRetry(() => (existing ? provider.update(record, existing, IP) : provider.create(record, IP)), policy);
}

describe.each(Object.keys(HARNESSES))('%s under transport faults', (type) => {
  it.each(GARBAGE)('%s: a one-line protocol error, not retried, nothing written', async (_label, fault) => {
    const harness = await HARNESSES[type]!(2_000);
    try {
      harness.server.injectFault(fault, 1_000);
      const error = await setRecord(harness, []).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('protocol');
      expect((error as ProviderError).message).not.toMatch(/\n/);
      expect(harness.server.requests).toHaveLength(1);
    } finally {
      harness.server.clearFaults();
      await harness.close();
    }
  });

  it.each(FAULTS)('%s: a fault that clears within the retries ends with the record set', async (_label, fault) => {
    const harness = await HARNESSES[type]!(fault.kind === 'hang' ? 300 : 2_000);
    try {
      harness.server.injectFault(fault, RETRIES);
      const sleeps: number[] = [];
      await setRecord(harness, sleeps);
      const { provider } = harness;
      if (isWriteOnly(provider)) {
        // The faults, then the one update that went through.
        expect(harness.server.requests).toHaveLength(RETRIES + 1);
      } else {
        expect((await provider.find(harness.spec))?.content).toBe(IP);
      }
      if (fault.kind === 'reply' && fault.reply.headers?.['Retry-After'] === '1') expect(sleeps).toContain(1000);
    } finally {
      await harness.close();
    }
  });

  it.each(FAULTS)('%s: a fault that persists fails retryably after retries + 1 attempts, writing nothing', async (_label, fault, kind) => {
    const harness = await HARNESSES[type]!(fault.kind === 'hang' ? 300 : 2_000);
    try {
      harness.server.injectFault(fault, 1_000);
      const error = await setRecord(harness, []).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe(kind);
      expect((error as ProviderError).message).not.toMatch(/\n/);
      expect(harness.server.requests).toHaveLength(RETRIES + 1);
    } finally {
      harness.server.clearFaults();
      await harness.close();
    }
  });
});
