import type { ProviderErrorKind } from '../../src/http/errors.js';
import type { FakeServer } from './fake-server.js';
import type { FakeZoneStore } from './fake-zone-store.js';

/**
 * What a provider folder's testkit.ts gives the shared suites (test/conformance/): how to start
 * its wire-faithful fake, how to configure the provider against it, and what must never leak.
 * The conformance suites run for every registered provider from this alone, with no list kept by
 * hand: a registered provider without a testkit.ts fails them.
 */
export interface RunningFake {
  /** What the `[[provider]]` table's `endpoint` (or the kit's `endpointKey`) must say to reach the fake. */
  endpoint: string;
  /** The HTTP server behind an HTTP API's fake (its requests, fault injection); absent for DNS. */
  server?: FakeServer;
  /** The records the fake holds: seed with `add`, read with `records`; `writes` counts API changes. */
  store: FakeZoneStore;
  /** Requests (or DNS messages) the fake has received. */
  requestCount(): number;
  close(): Promise<void>;
}

/** A malformed answer's expected outcome: a ProviderError kind, or 'ok' when the damage is harmless there. */
export type MalformedOutcome = ProviderErrorKind | 'ok';

export interface ProviderTestKit {
  type: string;
  /**
   * What the suites call the kit when it is not the type's own: a testkit.ts may also export
   * `testKitVariants`, more kits of the same type (one per style of a protocol's presets), each
   * with its own label.
   */
  label?: string;
  /** How the provider talks: HTTP providers also get the transport-fault and malformed-answer suites. */
  transport: 'http' | 'dns';
  start(): Promise<RunningFake>;
  /**
   * The `[[provider]]` key that points the provider at the fake: `endpoint` when absent (an HTTP
   * API's base URL); a DNS provider names the key of its server, which `endpoint` cannot be.
   */
  endpointKey?: string;
  /** The `[[provider]]` table's lines besides name, type and endpoint: the credentials the fake accepts. */
  providerLines: readonly string[];
  /** An A/AAAA record name the fake can hold (inside one of its zones). */
  recordName: string;
  /** Values that must never be printed, logged or stored. */
  secrets: readonly string[];
  /**
   * The malformed-answer suite's table (and the transport-fault suite's garbage) is written for
   * JSON APIs; a provider whose wire is text or XML, or confirms by status alone, says here how a
   * case ends for it instead (by case label), when that differs.
   */
  malformedOutcomes?: Readonly<Record<string, readonly MalformedOutcome[]>>;
}
