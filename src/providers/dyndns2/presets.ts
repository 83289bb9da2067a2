/**
 * The dyndns2 services ddns knows by name, and how a `server` setting becomes a base URL. Wire
 * facts: WIRE.md in this folder.
 *
 * A preset is a server (and path) plus a style: the ways its service departs from the generic
 * protocol. A service that departs another way becomes a new field of Dyndns2Style with its
 * generic value in GENERIC, read where the request is built (index.ts: the query in updateQuery,
 * the credentials in set, the answer in interpret) and spoken by the fake (fake.ts); the
 * conformance suites then cover it by themselves, as testkit.ts offers one variant per distinct
 * style. A preset that needs nothing new is one line of PRESETS and its text in docs.ts.
 */

/** How a service wants an IP address sent (the IPv4 always goes in the address parameter, `myip`). */
export type Ipv6Style =
  /** `myip=<v6>`: the address goes where the IPv4 would (Dyn, No-IP, Hurricane Electric). */
  | 'myip'
  /** `myipv6=<v6>&myip=no`: Dynu's own parameter; `myip=no` stops it auto-detecting the IPv4. */
  | 'myipv6'
  /** `myipv6=<v6>` alone (INWX, Gigahost, ipv64.net). */
  | 'myipv6-alone'
  /**
   * deSEC: `myipv4=<v4>&myipv6=preserve` or `myipv4=preserve&myipv6=<v6>`. deSEC removes the
   * record of a family the request leaves out, so the other family is named `preserve`.
   */
  | 'preserve'
  /** `myip6=<v6>` (all-inkl). */
  | 'myip6';

/**
 * Where the credentials travel: a Basic Authorization header (the protocol), or two query
 * parameters (Securepoint's spdyn: `user=…&pass=…`), with no Authorization header at all.
 */
export type CredentialStyle = { in: 'basic' } | { in: 'query'; username: string; password: string };

/**
 * How answers read (index.ts, REPLY_TABLES): the dyndns2 codes (`good`, `nochg`, `badauth`…);
 * ChangeIP's text, which says "Successful Update" rather than `good` (refusals are then read as
 * dyndns2); easyDNS's own words (`NOERROR`, `NOACCESS`, `TOOSOON`…); Zoneedit's
 * `<SUCCESS CODE="200" …>` / `<ERROR CODE="708" …>` elements.
 */
export type ReplyStyle = 'dyndns2' | 'changeip' | 'easydns' | 'zoneedit';

/** What a service expects besides the generic protocol. */
export interface Dyndns2Style {
  ipv6: Ipv6Style;
  /**
   * The user name may be left out; the record's host name is sent in its place. Hurricane
   * Electric issues one DDNS key per host and expects the host name as the user name; nsupdate.info
   * the same; dynv6 and ipv64.net ignore the user name.
   */
  usernameIsHostname: boolean;
  /** The parameter naming the host: `hostname`, or all-inkl's `host`. */
  hostnameParam: string;
  /** The parameter carrying the IPv4 (and, with ipv6 `myip`, the IPv6): `myip`, or ChangeIP's `ip`. */
  addressParam: string;
  /** Fixed parameters sent with every update, before the host name (OVH: `system=dyndns`). */
  extraQuery: Readonly<Record<string, string>>;
  credentials: CredentialStyle;
  replies: ReplyStyle;
}

/** A service by name: where it is, and only the style fields where it differs from GENERIC. */
export interface Dyndns2Preset extends Partial<Dyndns2Style> {
  title: string;
  /** Base URL (scheme, host, optional port), without a trailing slash. */
  server: string;
  /** The update path when it is not DEFAULT_PATH. */
  path?: string;
  /**
   * A separate base URL for AAAA updates (nsupdate.info, Variomedia serve each family on its own
   * host). Used only when neither `server` nor `endpoint` replaces the preset's server.
   */
  ipv6Server?: string;
}

export const DEFAULT_PATH = '/nic/update';

/** Used when neither a preset nor the config says otherwise: what a generic dyndns2 server expects. */
export const GENERIC: Dyndns2Style = {
  ipv6: 'myip',
  usernameIsHostname: false,
  hostnameParam: 'hostname',
  addressParam: 'myip',
  extraQuery: {},
  credentials: { in: 'basic' },
  replies: 'dyndns2',
};

const PRESET_TABLE = {
  dyn: { title: 'Dyn (Oracle)', server: 'https://members.dyndns.org' },
  noip: { title: 'No-IP', server: 'https://dynupdate.no-ip.com' },
  dynu: { title: 'Dynu', server: 'https://api.dynu.com', ipv6: 'myipv6' },
  he: { title: 'Hurricane Electric (dns.he.net)', server: 'https://dyn.dns.he.net', usernameIsHostname: true },
  desec: { title: 'deSEC (update.dedyn.io)', server: 'https://update.dedyn.io', ipv6: 'preserve' },
  dynv6: { title: 'dynv6 (dynv6.com dyndns2 endpoint)', server: 'https://dynv6.com', usernameIsHostname: true },
  ovh: { title: 'OVH DynHost', server: 'https://www.ovh.com', extraQuery: { system: 'dyndns' } },
  infomaniak: { title: 'Infomaniak', server: 'https://infomaniak.com' },
  inwx: { title: 'INWX', server: 'https://dyndns.inwx.com', ipv6: 'myipv6-alone' },
  changeip: { title: 'ChangeIP', server: 'https://nic.changeip.com', addressParam: 'ip', replies: 'changeip' },
  dnsomatic: { title: 'DNS-O-Matic', server: 'https://updates.dnsomatic.com' },
  opendns: { title: 'OpenDNS', server: 'https://updates.opendns.com' },
  strato: { title: 'Strato', server: 'https://dyndns.strato.com' },
  selfhost: { title: 'selfHOST.de', server: 'https://carol.selfhost.de' },
  spdyn: { title: 'spdyn (Securepoint)', server: 'https://update.spdyn.de', usernameIsHostname: true, credentials: { in: 'query', username: 'user', password: 'pass' } },
  ipv64: { title: 'ipv64.net', server: 'https://ipv64.net', usernameIsHostname: true, ipv6: 'myipv6-alone' },
  loopia: { title: 'Loopia', server: 'https://dyndns.loopia.se', path: '/' },
  allinkl: { title: 'all-inkl (KAS)', server: 'https://dyndns.kasserver.com', path: '/', hostnameParam: 'host', ipv6: 'myip6' },
  gigahost: { title: 'Gigahost', server: 'https://api.gigahost.no', path: '/api/v0/dns/dyndns', ipv6: 'myipv6-alone' },
  variomedia: { title: 'Variomedia', server: 'https://dyndns4.variomedia.de', ipv6Server: 'https://dyndns6.variomedia.de' },
  nowdns: { title: 'now-dns', server: 'https://now-dns.com', path: '/update' },
  nsupdateinfo: { title: 'nsupdate.info', server: 'https://ipv4.nsupdate.info', ipv6Server: 'https://ipv6.nsupdate.info', usernameIsHostname: true },
  easydns: { title: 'easyDNS', server: 'https://api.cp.easydns.com', path: '/dyn/generic.php', replies: 'easydns' },
  zoneedit: { title: 'Zoneedit', server: 'https://api.cp.zoneedit.com', path: '/dyn/generic.php', replies: 'zoneedit' },
} as const satisfies Record<string, Dyndns2Preset>;

export type PresetName = keyof typeof PRESET_TABLE;

export const PRESETS: Readonly<Record<PresetName, Dyndns2Preset>> = PRESET_TABLE;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** The whole style of a preset (GENERIC where it says nothing), or GENERIC without one. */
export function styleOf(preset: Dyndns2Preset | undefined): Dyndns2Style {
  if (preset === undefined) return GENERIC;
  const { title: _title, server: _server, path: _path, ipv6Server: _ipv6Server, ...differs } = preset;
  return { ...GENERIC, ...differs };
}

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
