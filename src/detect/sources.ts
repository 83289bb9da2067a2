/**
 * The IP sources of `[ip.ipv4]` / `[ip.ipv6]`. Each returns the raw text of one candidate
 * address of the family, or throws an Error whose message is a one-line reason. Whether the
 * candidate is acceptable (public unicast, quorum) is decided by detect.ts, so that a private
 * answer is reported as "192.168.1.2 is a private address" rather than silently skipped.
 */
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import ipaddr from 'ipaddr.js';
import { familyName, type Family } from '../domain.js';
import type { HttpClient } from '../http/client.js';
import { describeUrl } from '../http/client.js';
import { isPublicUnicast, parseAddress, canonicalText, type IpAddress } from './classify.js';
import { firstLineExcerpt } from '../text.js';

/** What the operating system offers to `interface:` sources; replaceable in tests. */
export interface SystemAccess {
  platform: NodeJS.Platform;
  networkInterfaces(): NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  readTextFile(path: string): Promise<string>;
  /** Runs a PowerShell script and returns its stdout (Windows only). */
  runPowerShell(script: string, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<string>;
}

export interface SourceContext {
  http: HttpClient;
  /**
   * Force the connection's address family. False only when detection goes through a proxy
   * (`use_proxy`): then the proxy's exit address is what the echo service sees, and the HTTP
   * client uses the proxy only when no family is forced.
   */
  forceFamily: boolean;
  timeoutMs: number;
  /** Aborted when the answer is no longer needed (quorum reached): running commands are killed. */
  signal?: AbortSignal | undefined;
  system?: Partial<SystemAccess> | undefined;
}

export type SourceFunction = (source: string, family: Family, context: SourceContext) => Promise<string>;

/**
 * The source answered, but not with an address (an HTTP error status, a page or output without
 * one). Unlike a refused or timed-out connection, it proves that the network is up.
 */
export class UnusableAnswerError extends Error {
  override readonly name = 'UnusableAnswerError';
}

/**
 * `DDNS_CLOUDFLARE_TRACE_URL` replaces the trace endpoint's origin (scheme, host, port) for both
 * families, e.g. `http://127.0.0.1:8080`; `/cdn-cgi/trace` is appended. Meant for tests and for
 * networks that must reach Cloudflare through a local relay; unset in normal use.
 */
export const CLOUDFLARE_TRACE_URL_ENV = 'DDNS_CLOUDFLARE_TRACE_URL';
const CLOUDFLARE_TRACE_ORIGIN: Record<Family, string> = {
  ipv4: 'https://1.1.1.1',
  ipv6: 'https://[2606:4700:4700::1111]',
};
const TRACE_PATH = '/cdn-cgi/trace';

// ---------------------------------------------------------------------------------------------
// Finding an address in free text (HTTP bodies, command output)

/**
 * Four dotted decimals not glued to more digits or dots, nor to a letter before them: "1.2.3.4.5"
 * and "v1.2.3.4" (a version in an error page, which would otherwise be published) are not addresses.
 */
const IPV4_TOKEN = /(?<![\dA-Za-z.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)/g;
/**
 * Maximal runs of hex digits, colons and dots; those with a colon are validated one by one below.
 * (Not `[…]*:[…]*`: on a long run without a colon that pattern rescans the run from every start
 * position, and a 64 KiB hex blob in a body blocked the process for half a minute.)
 */
const IPV6_RUN = /[0-9A-Fa-f:.]+/g;
/** The longest IPv6 text (`ffff:…:255.255.255.255`, 45) plus room for a label and punctuation. */
const MAX_IPV6_RUN = 64;

/**
 * The first token in `text` that parses as an address of `family`, as written. Only tokens
 * are considered, so "Your IP: 8.8.8.8</b>" yields 8.8.8.8 and a page with no address yields
 * undefined; which address is acceptable is decided later.
 */
export function findFirstAddress(text: string, family: Family): string | undefined {
  if (family === 'ipv4') {
    for (const match of text.matchAll(IPV4_TOKEN)) {
      if (parseAddress(match[0], 'ipv4')) return match[0];
    }
    return undefined;
  }
  for (const match of text.matchAll(IPV6_RUN)) {
    // A label before the address ("ip:2606::1") or punctuation after it ("… 2606::1.") joins
    // the run; try the run as is, then without one stray leading colon and trailing dots/colons.
    const token = match[0];
    if (!token.includes(':') || token.length > MAX_IPV6_RUN) continue;
    const withoutTrailing = token.replace(/[.:]+$/, '');
    const variants = [token, withoutTrailing].flatMap((variant) => (/^:[^:]/.test(variant) ? [variant, variant.slice(1)] : [variant]));
    const found = variants.find((variant) => parseAddress(variant, 'ipv6') !== undefined);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// HTTP

function stripUrlPrefix(message: string, url: string): string {
  const prefix = `${describeUrl(url)}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

async function httpGet(url: string, family: Family, context: SourceContext): Promise<string> {
  let response;
  try {
    response = await context.http.request({
      url,
      acceptAnyStatus: true,
      timeoutMs: context.timeoutMs,
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.forceFamily ? { family: family === 'ipv4' ? (4 as const) : (6 as const) } : {}),
    });
  } catch (error) {
    // The client names the URL; detect.ts prefixes the source label itself.
    throw new Error(stripUrlPrefix(error instanceof Error ? error.message : String(error), url));
  }
  if (response.status < 200 || response.status > 299) throw new UnusableAnswerError(`HTTP ${response.status}`);
  return response.text;
}

/** `http://…` / `https://…`: the first address of the family in the body. */
export const fromHttpSource: SourceFunction = async (source, family, context) => {
  const body = await httpGet(source, family, context);
  const found = findFirstAddress(body, family);
  if (found === undefined) {
    const preview = firstLineExcerpt(body, 60);
    throw new UnusableAnswerError(`no ${familyName(family)} address in the answer${preview ? ` ("${preview}")` : ' (empty body)'}`);
  }
  return found;
};

// ---------------------------------------------------------------------------------------------
// Cloudflare trace

export function cloudflareTraceUrl(family: Family, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CLOUDFLARE_TRACE_URL_ENV]?.trim();
  const origin = override ? override.replace(/\/+$/, '') : CLOUDFLARE_TRACE_ORIGIN[family];
  return `${origin}${TRACE_PATH}`;
}

/** The `ip=` value of a `/cdn-cgi/trace` body (`key=value` lines; unknown keys ignored). */
export function parseTraceIp(body: string): string | undefined {
  for (const line of body.split(/\r?\n/)) {
    const separator = line.indexOf('=');
    if (separator > 0 && line.slice(0, separator).trim() === 'ip') return line.slice(separator + 1).trim();
  }
  return undefined;
}

/** `cloudflare-trace`: Cloudflare's trace endpoint, reached over the family being detected. */
export const fromCloudflareTrace: SourceFunction = async (_source, family, context) => {
  const body = await httpGet(cloudflareTraceUrl(family), family, context);
  const ip = parseTraceIp(body);
  if (ip === undefined) throw new UnusableAnswerError('trace answer has no ip= line');
  return ip;
};

// ---------------------------------------------------------------------------------------------
// interface:NAME

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
  readTextFile: (path) => readFile(path, 'utf8'),
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

// ---------------------------------------------------------------------------------------------
// cmd:COMMAND

/**
 * Ends a command and everything it started. Killing only the shell is not enough: in
 * `sleep 5; echo …` the shell's child keeps stdout open and the result would wait for it.
 * POSIX: the command runs in its own process group, which is killed whole (SIGKILL: an IP
 * lookup has nothing to clean up, and a command ignoring SIGTERM must not hang the pass).
 * Windows: `taskkill /T` ends the process tree.
 */
function killProcessTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    import('execa')
      .then(({ execa }) => execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, stdin: 'ignore' }))
      .catch(() => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * `cmd:COMMAND`: runs COMMAND through the system shell (sh / cmd.exe) and takes the first
 * address of the family in its stdout. Errors name the exit code and at most one line of
 * stderr: the command or its output may contain secrets, and detect.ts redacts what it prints.
 */
export const fromCommand: SourceFunction = async (source, family, context) => {
  const command = source.slice('cmd:'.length).trim();
  if (command === '') throw new Error('empty command');
  if (context.signal?.aborted) throw new Error('command canceled');
  // execa is loaded only by configs with a cmd: source; most runs never need it.
  const { execa } = await import('execa');
  const subprocess = execa(command, {
    shell: true,
    // Own process group on POSIX so that killProcessTree reaches the command's children.
    detached: process.platform !== 'win32',
    reject: false,
    stdin: 'ignore',
    maxBuffer: 1024 * 1024,
  });
  let stoppedBecause: 'timeout' | 'canceled' | undefined;
  const stop = (reason: 'timeout' | 'canceled'): void => {
    if (stoppedBecause !== undefined) return;
    stoppedBecause = reason;
    killProcessTree(subprocess.pid);
  };
  const timer = setTimeout(() => stop('timeout'), context.timeoutMs);
  const onAbort = (): void => stop('canceled');
  context.signal?.addEventListener('abort', onAbort, { once: true });
  let result;
  try {
    result = await subprocess;
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener('abort', onAbort);
  }
  if (stoppedBecause === 'timeout') {
    throw new Error(`command did not finish within ${Math.round(context.timeoutMs / 100) / 10}s`);
  }
  if (stoppedBecause === 'canceled') throw new Error('command canceled');
  if (result.exitCode !== 0) {
    const detail = firstLineExcerpt(result.stderr);
    const how =
      result.exitCode === undefined
        ? `was ended by ${result.signal ?? 'an error'}${result.isMaxBuffer ? ' (output too large)' : ''}`
        : `exited with code ${result.exitCode}`;
    throw new Error(`command ${how}${detail ? `: ${detail}` : ''}`);
  }
  const found = findFirstAddress(result.stdout, family);
  if (found === undefined) {
    const preview = firstLineExcerpt(result.stdout, 60);
    throw new UnusableAnswerError(`no ${familyName(family)} address in the output${preview ? ` ("${preview}")` : ' (empty output)'}`);
  }
  return found;
};

// ---------------------------------------------------------------------------------------------

/** The function that queries `source`; throws for an unknown kind. */
export function sourceFunctionFor(source: string): SourceFunction {
  if (/^https?:\/\//i.test(source)) return fromHttpSource;
  if (source === 'cloudflare-trace') return fromCloudflareTrace;
  if (source.startsWith('interface:')) return fromInterface;
  if (source.startsWith('cmd:')) return fromCommand;
  return async () => {
    throw new Error(`unknown IP source (expected a URL, "cloudflare-trace", "interface:NAME" or "cmd:COMMAND")`);
  };
}

/**
 * Whether an answer from `source` shows that the network is up. An interface's addresses are
 * local and may still be arriving (SLAAC, DHCP) while the network comes up; a command that exits
 * 0 with output is taken to have asked someone.
 */
export function reachesNetwork(source: string): boolean {
  return /^https?:\/\//i.test(source) || source === 'cloudflare-trace' || source.startsWith('cmd:');
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
