/**
 * The dyndns2 services ddns knows by name, and how a `server` setting becomes a base URL.
 * Wire facts: /work/shared/providers/dyndns2.md (Dyn, No-IP, Dynu); Hurricane Electric's
 * dyn.dns.he.net speaks the same protocol with one key per host name.
 */

/** How a service wants an IPv6 address sent. */
export type Ipv6Style =
  /** `myip=<v6>`: the address goes where the IPv4 would (Dyn, No-IP, Hurricane Electric). */
  | 'myip'
  /** `myipv6=<v6>&myip=no`: Dynu's own parameter; `myip=no` stops it auto-detecting the IPv4. */
  | 'myipv6';

export interface Dyndns2Preset {
  title: string;
  /** Base URL (scheme, host, optional port), without a trailing slash. */
  server: string;
  ipv6: Ipv6Style;
  /**
   * Hurricane Electric issues one DDNS key per host and expects the host name as the user name,
   * so `username` may be left out there.
   */
  usernameIsHostname: boolean;
}

export const DEFAULT_PATH = '/nic/update';

export const PRESETS = {
  dyn: { title: 'Dyn (Oracle)', server: 'https://members.dyndns.org', ipv6: 'myip', usernameIsHostname: false },
  noip: { title: 'No-IP', server: 'https://dynupdate.no-ip.com', ipv6: 'myip', usernameIsHostname: false },
  dynu: { title: 'Dynu', server: 'https://api.dynu.com', ipv6: 'myipv6', usernameIsHostname: false },
  he: { title: 'Hurricane Electric (dns.he.net)', server: 'https://dyn.dns.he.net', ipv6: 'myip', usernameIsHostname: true },
} as const satisfies Record<string, Dyndns2Preset>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** Used when neither a preset nor the config says otherwise: what a generic dyndns2 server expects. */
export const GENERIC: Omit<Dyndns2Preset, 'title' | 'server'> = { ipv6: 'myip', usernameIsHostname: false };

/**
 * The base URL a `server` setting names, or undefined when it cannot be one: a bare host
 * ("members.dyndns.org", "updates.example.net:8245") gets https://; a URL must be http(s) and carry
 * no credentials (they belong in username/password), query or fragment. A path is kept, and
 * `path` is appended to it.
 */
export function serverBase(server: string): string | undefined {
  const text = server.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname === '' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export const SERVER_HINT =
  'expected a host name such as "members.dyndns.org" or "updates.example.net:8245", or an http(s):// URL without user, password, query or fragment';

/** True for a path ddns can append to the server: starts with "/", no query or fragment. */
export function isUpdatePath(path: string): boolean {
  return path.startsWith('/') && !/[?#\s]/.test(path);
}
