import type { FakeServer, SeenRequest } from './fake-server.js';
import type { FakeZoneStore } from './fake-zone-store.js';
import type { RunningFake } from './provider-kit.js';

/**
 * One provider fake per test, always closed after it: a provider test file calls this once at
 * the top (`const fake = fakePerTest(startFakeX)`), starts the fake in each test with that test's
 * zones and credentials, and reads its store and requests through `current()`.
 */
export function fakePerTest<A extends unknown[]>(startFake: (...args: A) => Promise<RunningFake>) {
  let running: RunningFake | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    async start(...args: A): Promise<RunningFake> {
      running = await startFake(...args);
      return running;
    },
    current(): RunningFake {
      if (running === undefined) throw new Error('no fake started in this test');
      return running;
    },
    /** Every request the running fake has seen. */
    requests(): SeenRequest[] {
      return running?.server?.requests ?? [];
    },
  };
}

/**
 * An error a fake answers with: the provider's code and message, and the HTTP status it comes
 * with. Each fake turns it into its provider's envelope.
 */
export class FakeApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

/** A request body that must be a JSON object; anything else is `invalid()` thrown (the fake's 400). */
export function jsonObjectOf(body: string, invalid: () => Error): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalid();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  return parsed as Record<string, unknown>;
}

/** What a fake on one HTTP server over one store gives the suites: its URL as the endpoint, its requests, close. */
export function runningFake(server: FakeServer, store: FakeZoneStore, endpoint = server.url): RunningFake {
  return { endpoint, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
