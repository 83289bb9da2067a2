/**
 * The IP sources of `[ip.ipv4]` / `[ip.ipv6]`, one file per kind in sources/. Each returns the raw
 * text of one candidate address of the family, or throws an Error whose message is a one-line
 * reason. Whether the candidate is acceptable (public unicast, quorum) is decided by detect.ts,
 * so that a private answer is reported as "192.168.1.2 is a private address" rather than
 * silently skipped. This file says which kind a source is.
 */
import { fromCloudflareTrace } from './sources/cloudflare-trace.js';
import { fromCommand } from './sources/command.js';
import { fromHttpSource } from './sources/http.js';
import { fromInterface } from './sources/interface.js';
import type { SourceFunction } from './sources/types.js';

export { findFirstAddress, UnusableAnswerError } from './sources/answer.js';
export { CLOUDFLARE_TRACE_URL_ENV, cloudflareTraceUrl, fromCloudflareTrace, parseTraceIp } from './sources/cloudflare-trace.js';
export { fromCommand } from './sources/command.js';
export { fromHttpSource } from './sources/http.js';
export { fromInterface, pickStableIpv6FromGetNetIPAddress, pickStableIpv6FromProcNetIfInet6 } from './sources/interface.js';
export type { SourceContext, SourceFunction, SystemAccess } from './sources/types.js';

interface SourceKind {
  matches(source: string): boolean;
  query: SourceFunction;
  /**
   * Whether an answer shows that the network is up. An interface's addresses are local and may
   * still be arriving (SLAAC, DHCP) while the network comes up; a command that exits 0 with
   * output is taken to have asked someone.
   */
  reachesNetwork: boolean;
}

const SOURCE_KINDS: readonly SourceKind[] = [
  { matches: (source) => /^https?:\/\//i.test(source), query: fromHttpSource, reachesNetwork: true },
  { matches: (source) => source === 'cloudflare-trace', query: fromCloudflareTrace, reachesNetwork: true },
  { matches: (source) => source.startsWith('interface:'), query: fromInterface, reachesNetwork: false },
  { matches: (source) => source.startsWith('cmd:'), query: fromCommand, reachesNetwork: true },
];

const kindOf = (source: string): SourceKind | undefined => SOURCE_KINDS.find((kind) => kind.matches(source));

/** The function that queries `source`; for an unknown kind, one that fails saying what is known. */
export function sourceFunctionFor(source: string): SourceFunction {
  return (
    kindOf(source)?.query ??
    (async () => {
      throw new Error(`unknown IP source (expected a URL, "cloudflare-trace", "interface:NAME" or "cmd:COMMAND")`);
    })
  );
}

/** Whether an answer from `source` shows that the network is up (see SourceKind). */
export function reachesNetwork(source: string): boolean {
  return kindOf(source)?.reachesNetwork ?? false;
}

/** How messages name a source: the host for URLs, the source itself otherwise (shortened). */
export function sourceLabel(source: string): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      return new URL(source).host;
    } catch {
      // fall through to the raw text
    }
  }
  return source.length > 60 ? `${source.slice(0, 59)}…` : source;
}
