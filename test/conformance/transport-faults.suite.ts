import { ProviderError } from '../../src/http/errors.js';
import { withRetry } from '../../src/core/retry.js';
import { isWriteOnly } from '../../src/providers/types.js';
import type { Fault } from '../helpers/fake-server.js';
import { buildProvider, heldContent, kitTitle, withFake, type BuiltProvider } from '../helpers/conformance.js';
import type { ProviderTestKit } from '../helpers/provider-kit.js';

/**
 * The same transport faults for every HTTP provider's fake: 500, 502, 503, 429 with and without
 * Retry-After, a reset connection, an answer that never comes, and garbage where the answer should
 * be. A fault that clears within the retries ends with the record set and nothing written twice; one
 * that persists ends in a one-line ProviderError of the right kind after exactly retries + 1 attempts.
 */
const RETRIES = 2;
const IP = '81.2.69.160';

const FAULTS: readonly [string, Fault, ProviderError['kind']][] = [
  ['HTTP 500', { kind: 'reply', reply: { status: 500, body: 'Internal Server Error' } }, 'transient'],
  ['HTTP 502', { kind: 'reply', reply: { status: 502, body: '<html>502 Bad Gateway</html>' } }, 'transient'],
  ['HTTP 503', { kind: 'reply', reply: { status: 503, body: 'Service Unavailable' } }, 'transient'],
  ['HTTP 429 without Retry-After', { kind: 'reply', reply: { status: 429, body: 'Too Many Requests' } }, 'rate-limit'],
  ['HTTP 429 with Retry-After: 1', { kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '1' }, body: 'slow down' } }, 'rate-limit'],
  ['a reset connection', { kind: 'reset' }, 'transient'],
  ['an answer that never comes', { kind: 'hang' }, 'transient'],
];

const GARBAGE: readonly [string, Fault][] = [
  ['a truncated body (200)', { kind: 'reply', reply: { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"result": [{"id": "81.2' } }],
  ['an HTML captive-portal page (200)', { kind: 'reply', reply: { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body><form>Log in to use the Wi-Fi</form></body></html>' } }],
  ['an empty body (200)', { kind: 'reply', reply: { status: 200, body: '' } }],
];

/** One full set operation as the core does it: read then write (or set, write-only), each retried. */
async function setRecord({ provider, spec }: BuiltProvider, sleeps: number[]): Promise<void> {
  const policy = { retries: RETRIES, minDelayMs: 1, maxRetryAfterMs: 5_000, sleep: async (ms: number) => void sleeps.push(ms) };
  const record = spec();
  if (isWriteOnly(provider)) {
    await withRetry(() => provider.set(record, IP), policy);
    return;
  }
  const existing = await withRetry(() => provider.find(record), policy);
  await withRetry(() => (existing ? provider.update(record, existing, IP) : provider.create(record, IP)), policy);
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** The suites for `kits`; transport-faults-1 and transport-faults-2.test.ts each run half of the HTTP providers. */
export function defineTransportFaultSuites(kits: readonly ProviderTestKit[]): void {
describe.each(kits.map((kit) => [kitTitle(kit), kit] as const))('%s under transport faults', (_type, kit) => {
  it.each(GARBAGE)('%s: a one-line error that is not retried (or the success the wire makes of it); nothing written', async (label, fault) => {
    await withFake(kit, async (fake) => {
      const built = await buildProvider(kit, fake);
      fake.server?.injectFault(fault, 1_000);
      const error = await failureOf(setRecord(built, []));
      expect(fake.requestCount()).toBe(1);
      expect(fake.store.writes).toBe(0);
      // As in the malformed-answer suite: a wire whose status alone confirms (a webhook's 2xx) says so in its kit.
      if (error === undefined && kit.malformedOutcomes?.[label]?.includes('ok') === true) return;
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).retryable).toBe(false);
      expect((error as ProviderError).message).not.toMatch(/\n/);
    });
  });

  it.each(FAULTS)('%s that clears within the retries: the record is set, with one write', async (_label, fault) => {
    await withFake(kit, async (fake) => {
      const built = await buildProvider(kit, fake, fault.kind === 'hang' ? 200 : 2_000);
      fake.server?.injectFault(fault, RETRIES);
      const sleeps: number[] = [];
      await setRecord(built, sleeps);
      expect(heldContent(kit, fake)).toBe(IP);
      expect(fake.store.writes).toBe(1);
      if (fault.kind === 'reply' && fault.reply.headers?.['Retry-After'] === '1') expect(sleeps).toContain(1000);
    });
  });

  it.each(FAULTS)('%s that persists: a retryable one-line error after retries + 1 attempts, nothing written', async (_label, fault, kind) => {
    await withFake(kit, async (fake) => {
      const built = await buildProvider(kit, fake, fault.kind === 'hang' ? 200 : 2_000);
      fake.server?.injectFault(fault, 1_000);
      const error = await failureOf(setRecord(built, []));
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe(kind);
      expect((error as ProviderError).message).not.toMatch(/\n/);
      expect(fake.requestCount()).toBe(RETRIES + 1);
      expect(fake.store.writes).toBe(0);
      fake.server?.clearFaults();
    });
  });
});
}
