/**
 * Parsing and classification of candidate public addresses. ipaddr.js knows the special-purpose
 * ranges (IANA registries); this module decides which of them a DNS record may point at and
 * words the reason when it may not.
 */
import ipaddr from 'ipaddr.js';
import { familyName, type Family } from '../domain.js';
import { quoted } from '../text.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** `{ ok: true, ip }` with the canonical text, or the one-line reason the candidate is refused. */
export type AddressCheck = { ok: true; ip: string } | { ok: false; reason: string };

/**
 * Strict parse of one address of `family`; undefined for anything else. IPv4 must be four
 * decimal parts (ipaddr.js would also take "127.1" or octal "010.0.0.1", which no IP echo
 * service prints and which would turn version numbers into addresses). IPv6 must not carry a
 * zone (`%eth0`): a zone only exists on link-scoped addresses, never on a public one.
 */
export function parseAddress(text: string, family: Family): IpAddress | undefined {
  const trimmed = text.trim();
  if (family === 'ipv4') {
    return ipaddr.IPv4.isValidFourPartDecimal(trimmed) ? ipaddr.IPv4.parse(trimmed) : undefined;
  }
  if (trimmed.includes('%') || !ipaddr.IPv6.isValid(trimmed)) return undefined;
  return ipaddr.IPv6.parse(trimmed);
}

/**
 * Canonical text: IPv4 dotted decimal without leading zeros; IPv6 compressed lower-case
 * (RFC 5952), so two sources printing the same address differently still agree.
 */
export function canonicalText(address: IpAddress): string {
  if (address.kind() === 'ipv4') return address.toString();
  const ipv6 = address as ipaddr.IPv6;
  // RFC 5952 prints mapped addresses with their IPv4 tail, which is what people recognise.
  if (ipv6.isIPv4MappedAddress()) return `::ffff:${ipv6.toIPv4Address().toString()}`;
  return ipv6.toRFC5952String();
}

/**
 * The ranges ipaddr.js does not name, parsed when first needed: parsing them at load compiled
 * ipaddr.js's IPv6 expressions on every run, also the many that only ever see a public IPv4
 * address (docs/design/startup.md).
 */
function parsedOnce<T>(parse: () => T): () => T {
  let parsed: { value: T } | undefined;
  return () => (parsed ??= { value: parse() }).value;
}
const ipv4Documentation = parsedOnce(() => ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((cidr) => ipaddr.IPv4.parseCIDR(cidr)));
const ipv4Benchmarking = parsedOnce(() => ipaddr.IPv4.parseCIDR('198.18.0.0/15'));
const ipv6Documentation = parsedOnce(() => ['2001:db8::/32', '3fff::/20'].map((cidr) => ipaddr.IPv6.parseCIDR(cidr)));
/** IANA allocates global unicast only from 2000::/3; anything else that ipaddr.js calls "unicast" is unassigned. */
const ipv6GlobalUnicast = parsedOnce(() => ipaddr.IPv6.parseCIDR('2000::/3'));

const IPV4_RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (CGNAT, 100.64.0.0/10) address',
  private: 'a private address',
  reserved: 'a reserved address',
  as112: 'an AS112 anycast address',
  amt: 'an AMT relay anycast address',
};

const IPV6_RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  loopback: 'a loopback address',
  uniqueLocal: 'a unique-local address (fc00::/7)',
  ipv4Mapped: 'an IPv4-mapped address',
  deprecatedSiteLocal: 'a site-local address',
  discard: 'a discard-only address',
  rfc6145: 'an IPv4-translated address',
  rfc6052: 'a NAT64 IPv4-embedded address',
  teredo: 'a Teredo tunnel address',
  benchmarking: 'a benchmarking address',
  amt: 'an AMT relay anycast address',
  as112v6: 'an AS112 anycast address',
  deprecatedOrchid: 'an ORCHID address',
  orchid2: 'an ORCHID address',
  droneRemoteIdProtocolEntityTags: 'a drone remote ID (DRIP) address',
  segmentRouting: 'a segment-routing SID',
  reserved: 'a reserved address',
};

/**
 * What kind of address this is, in words, or undefined for a public unicast address.
 *
 * Decisions beyond the obvious private/loopback/link-local ones:
 * - IPv4-mapped (::ffff:0:0/96) and translated (::ffff:0:0:0/96, 64:ff9b::/96) IPv6 addresses
 *   are IPv4 in disguise: publishing one in AAAA would not reach the host over IPv6.
 * - Teredo (2001::/32) is rejected: the address encodes the NAT's current port mapping and the
 *   relay server, so it changes by itself and is reachable only through Teredo relays.
 * - 6to4 (2002::/16) is allowed: it is derived from the host's public IPv4 and is ordinary
 *   globally routed unicast space (deprecated for new deployments by RFC 7526, but real).
 * - IPv6 outside 2000::/3 is refused even when ipaddr.js calls it unicast: nothing there is
 *   assigned for global use.
 */
function describeSpecialRange(address: IpAddress): string | undefined {
  if (address.kind() === 'ipv4') {
    const ipv4 = address as ipaddr.IPv4;
    const range = ipv4.range();
    if (range === 'unicast') return undefined;
    if (range === 'reserved') {
      if (ipv4Documentation().some((cidr) => ipv4.match(cidr))) return 'a documentation address';
      if (ipv4.match(ipv4Benchmarking())) return 'a benchmarking address (198.18.0.0/15)';
    }
    return IPV4_RANGE_WORDS[range] ?? `a special-purpose (${range}) address`;
  }
  const ipv6 = address as ipaddr.IPv6;
  const range = ipv6.range();
  if (range === 'reserved' && ipv6Documentation().some((cidr) => ipv6.match(cidr))) return 'a documentation address';
  if (range === 'unicast' || range === '6to4') {
    return ipv6.match(ipv6GlobalUnicast()) ? undefined : 'not a global unicast address (outside 2000::/3)';
  }
  return IPV6_RANGE_WORDS[range] ?? `a special-purpose (${range}) address`;
}

/** True when the address may be published as this host's public address. */
export function isPublicUnicast(address: IpAddress): boolean {
  return describeSpecialRange(address) === undefined;
}

/**
 * Ranges refused even with `allow_private`: none of them can be a host's own address (an
 * unspecified or broadcast "address", a group, or an IPv4 address wearing IPv6 clothes).
 */
const NEVER_ALLOWED_RANGES: ReadonlySet<string> = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
]);

/** Why the address may not be used, or undefined when it may. */
export function rejectionReason(address: IpAddress, options: { allowPrivate: boolean }): string | undefined {
  const description = describeSpecialRange(address);
  if (description === undefined) return undefined;
  if (options.allowPrivate && !NEVER_ALLOWED_RANGES.has(address.range())) return undefined;
  return `${canonicalText(address)} is ${description}`;
}

/** Parses, classifies and canonicalises one candidate answer of a source. */
export function checkCandidate(text: string, family: Family, options: { allowPrivate: boolean }): AddressCheck {
  const address = parseAddress(text, family);
  if (address === undefined) {
    return { ok: false, reason: `${quoted(text.trim().slice(0, 60), 60)} is not an ${familyName(family)} address` };
  }
  const reason = rejectionReason(address, options);
  return reason === undefined ? { ok: true, ip: canonicalText(address) } : { ok: false, reason };
}
