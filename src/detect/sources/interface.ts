/**
 * `interface:NAME` sources: an address configured on a local interface (the host is directly on
 * the Internet), and for IPv6 the rule that picks the stable one among several.
 */
import os from 'node:os';
// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import { promises as fsp } from 'node:fs';
import ipaddr from 'ipaddr.js';
import { familyName } from '../../domain.js';
import { firstLineExcerpt } from '../../text.js';
import { canonicalText, isPublicUnicast, parseAddress, type IpAddress } from '../classify.js';
import type { SourceFunction, SystemAccess } from './types.js';

interface Ipv6Candidate {
  address: ipaddr.IPv6;
  temporary: boolean;
  deprecated: boolean;
  /** Configured by an administrator (static or DHCPv6): the address least likely to move. */
  configured: boolean;
}

/**
 * Which IPv6 address of an interface `interface:NAME` publishes.
 *
 * Considered: addresses of global scope only (no link-local, loopback or multicast), and not
 * tentative (duplicate address detection still running) nor duplicate (DAD failed).
 * Among them, the first in this order wins:
 *   1. a public unicast address before a unique-local (fc00::/7) one;
 *   2. a stable, preferred address; then a temporary (privacy extension) preferred one; then a
 *      stable deprecated one; then a temporary deprecated one. After the ISP renumbers, the old
 *      prefix's addresses turn deprecated, so a temporary address on the new prefix beats a
 *      stable one on the old prefix;
 *   3. a statically or DHCPv6-configured address before a SLAAC one;
 *   4. the numerically lowest address, so that the choice does not change between runs.
 * Linux reads /proc/net/if_inet6: temporary = flag 0x01 (IFA_F_TEMPORARY), deprecated = 0x20
 * (IFA_F_DEPRECATED), tentative = 0x40, DAD failed = 0x08, configured = 0x80 (IFA_F_PERMANENT).
 * Windows asks Get-NetIPAddress: temporary = SuffixOrigin Random, deprecated = AddressState
 * Deprecated, only Preferred and Deprecated states are considered, configured = SuffixOrigin
 * Manual or Dhcp. macOS and others use Node's os.networkInterfaces(), which does not say which
 * addresses are temporary: there, rules 1 and 4 apply.
 */
function pickStableIpv6(candidates: Ipv6Candidate[]): string | undefined {
  const usable = candidates.filter((candidate) => {
    const range = candidate.address.range();
    return range !== 'linkLocal' && range !== 'loopback' && range !== 'multicast' && range !== 'unspecified';
  });
  const lifetimeRank = (candidate: Ipv6Candidate): number => (candidate.deprecated ? 2 : 0) + (candidate.temporary ? 1 : 0);
  const rankKey = (candidate: Ipv6Candidate): number[] => [
    isPublicUnicast(candidate.address) ? 0 : 1,
    lifetimeRank(candidate),
    candidate.configured ? 0 : 1,
    ...candidate.address.toByteArray(),
  ];
  const compare = (a: Ipv6Candidate, b: Ipv6Candidate): number => {
    const keyA = rankKey(a);
    const keyB = rankKey(b);
    for (let i = 0; i < keyA.length; i++) {
      const difference = (keyA[i] ?? 0) - (keyB[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  const best = [...usable].sort(compare)[0];
  return best === undefined ? undefined : canonicalText(best.address);
}

const IFA_F_TEMPORARY = 0x01;
const IFA_F_DADFAILED = 0x08;
const IFA_F_DEPRECATED = 0x20;
const IFA_F_TENTATIVE = 0x40;
const IFA_F_PERMANENT = 0x80;
const IPV6_SCOPE_GLOBAL = 0x00;

/**
 * Picks the address to publish for interface `name` from the text of Linux's
 * /proc/net/if_inet6 (one address per line: 32 hex digits, ifindex, prefix length, scope,
 * flags, all hex, then the interface name). See pickStableIpv6's rule.
 */
export function pickStableIpv6FromProcNetIfInet6(text: string, name: string): string | undefined {
  const candidates: Ipv6Candidate[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6 || fields[5] !== name) continue;
    const [hex = '', , , scopeHex = '', flagsHex = ''] = fields;
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) continue;
    const scope = Number.parseInt(scopeHex, 16);
    const flags = Number.parseInt(flagsHex, 16);
    if (scope !== IPV6_SCOPE_GLOBAL || Number.isNaN(flags)) continue;
    if (flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) continue;
    const groups = hex.match(/.{4}/g) ?? [];
    candidates.push({
      address: ipaddr.IPv6.parse(groups.join(':')),
      temporary: (flags & IFA_F_TEMPORARY) !== 0,
      deprecated: (flags & IFA_F_DEPRECATED) !== 0,
      configured: (flags & IFA_F_PERMANENT) !== 0,
    });
  }
  return pickStableIpv6(candidates);
}

// Windows PowerShell 5.1's ConvertTo-Json writes these enums as numbers, PowerShell 7 may write
// names: accept both (values from MSFT_NetIPAddress / NL_SUFFIX_ORIGIN / NL_DAD_STATE).
const SUFFIX_ORIGIN_NAMES = ['Other', 'Manual', 'WellKnown', 'Dhcp', 'Link', 'Random'];
const ADDRESS_STATE_NAMES = ['Invalid', 'Tentative', 'Duplicate', 'Deprecated', 'Preferred'];

function enumName(value: unknown, names: string[]): string | undefined {
  if (typeof value === 'number') return names[value];
  if (typeof value === 'string') return names.find((name) => name.toLowerCase() === value.trim().toLowerCase()) ?? value;
  return undefined;
}

/**
 * Picks the address to publish from the JSON of
 * `Get-NetIPAddress … | Select-Object IPAddress,SuffixOrigin,PrefixOrigin,AddressState | ConvertTo-Json`
 * (an object for one address, an array for several). See pickStableIpv6's rule.
 */
export function pickStableIpv6FromGetNetIPAddress(json: string): string | undefined {
  if (json.trim() === '') return undefined;
  const parsed: unknown = JSON.parse(json);
  const rows: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const candidates: Ipv6Candidate[] = [];
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue;
    const fields = row as Record<string, unknown>;
    if (typeof fields.IPAddress !== 'string') continue;
    const state = enumName(fields.AddressState, ADDRESS_STATE_NAMES);
    if (state !== 'Preferred' && state !== 'Deprecated') continue;
    // Windows appends the zone ("%12") to link-local addresses; those are dropped by the rule anyway.
    const address = parseAddress(fields.IPAddress.split('%')[0] ?? '', 'ipv6');
    if (address === undefined) continue;
    const suffixOrigin = enumName(fields.SuffixOrigin, SUFFIX_ORIGIN_NAMES);
    candidates.push({
      address: address as ipaddr.IPv6,
      temporary: suffixOrigin === 'Random',
      deprecated: state === 'Deprecated',
      configured: suffixOrigin === 'Manual' || suffixOrigin === 'Dhcp',
    });
  }
  return pickStableIpv6(candidates);
}

const defaultSystem: SystemAccess = {
  platform: process.platform,
  networkInterfaces: () => os.networkInterfaces(),
  readTextFile: (path) => fsp.readFile(path, 'utf8'),
  async runPowerShell(script, { timeoutMs, signal }) {
    const { execa } = await import('execa');
    const result = await execa('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], {
      timeout: timeoutMs,
      cancelSignal: signal,
      reject: false,
      stdin: 'ignore',
      maxBuffer: 1024 * 1024,
    });
    if (result.failed && result.stdout.trim() === '') {
      throw new Error(`Get-NetIPAddress failed: ${firstLineExcerpt(result.stderr || (result.shortMessage ?? ''))}`);
    }
    return result.stdout;
  },
};

/** PowerShell single-quoted string: nothing is interpolated, a quote is doubled. */
function powerShellQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function getNetIpAddressScript(interfaceName: string): string {
  return (
    `Get-NetIPAddress -InterfaceAlias ${powerShellQuote(interfaceName)} -AddressFamily IPv6 ` +
    '| Select-Object IPAddress,SuffixOrigin,PrefixOrigin,AddressState | ConvertTo-Json'
  );
}

/** Public unicast first, then the rest in the order the OS lists them (for the rejection message). */
function preferPublic(addresses: IpAddress[]): IpAddress | undefined {
  return addresses.find((address) => isPublicUnicast(address)) ?? addresses[0];
}

/** `interface:NAME`: an address configured on a local interface (the host is directly on the Internet). */
export const fromInterface: SourceFunction = async (source, family, context) => {
  const system: SystemAccess = { ...defaultSystem, ...context.system };
  const name = source.slice('interface:'.length).trim();
  const interfaces = system.networkInterfaces();
  const entries = interfaces[name];
  if (entries === undefined) {
    const known = Object.keys(interfaces).sort();
    throw new Error(`no interface named ${name} (have: ${known.length ? known.join(', ') : 'none'})`);
  }
  const nodeFamily = family === 'ipv4' ? 'IPv4' : 'IPv6';
  const fromNode = entries
    .filter((entry) => entry.family === nodeFamily)
    .map((entry) => parseAddress(entry.address.split('%')[0] ?? '', family))
    .filter((address): address is IpAddress => address !== undefined);

  let picked: string | undefined;
  if (family === 'ipv4') {
    const address = preferPublic(fromNode);
    picked = address === undefined ? undefined : canonicalText(address);
  } else if (system.platform === 'linux') {
    let table: string;
    try {
      table = await system.readTextFile('/proc/net/if_inet6');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new Error(`cannot read /proc/net/if_inet6 (${code}): is IPv6 disabled?`);
    }
    picked = pickStableIpv6FromProcNetIfInet6(table, name);
  } else if (system.platform === 'win32') {
    const json = await system.runPowerShell(getNetIpAddressScript(name), { timeoutMs: context.timeoutMs, signal: context.signal });
    try {
      picked = pickStableIpv6FromGetNetIPAddress(json);
    } catch {
      throw new Error(`unexpected Get-NetIPAddress output: ${firstLineExcerpt(json, 80)}`);
    }
  } else {
    picked = pickStableIpv6(
      fromNode.map((address) => ({ address: address as ipaddr.IPv6, temporary: false, deprecated: false, configured: false })),
    );
  }
  if (picked === undefined) throw new Error(`interface ${name} has no usable ${familyName(family)} address`);
  return picked;
};
