import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { GENERIC, type Dyndns2Style } from './presets.js';

/**
 * A fake dyndns2 update server speaking the wire described in WIRE.md in this folder:
 * `GET /nic/update?hostname=…&myip=…` with basic auth, answered in text/plain with one
 * `<code>[ <ip>]` line per host name, HTTP 200 even for errors; told a preset's style, it speaks
 * that instead (its address parameters, credentials in the query, fixed parameters, ChangeIP's
 * answer).
 * The addresses live in the shared FakeZoneStore, one zone per host name of the accounts, so a
 * repeated address gets `nochg`; it can be told to answer any code for a host. No jest imports:
 * tests, the bench and demo scripts all use it.
 */

export type Dyndns2Code =
  | 'good'
  | 'nochg'
  | 'badauth'
  | '!donator'
  | 'notfqdn'
  | 'nohost'
  | 'numhost'
  | 'abuse'
  | 'badagent'
  | '!yours'
  | '!active'
  | 'badsys'
  | 'dnserr'
  | '911'
  | 'servererror'
  | 'badrequest';

export interface FakeDyndns2Host {
  ipv4: string | undefined;
  ipv6: string | undefined;
}

export interface FakeDyndns2Options {
  /** user name → password the server accepts. */
  accounts: Record<string, string>;
  /** host name → the user name owning it. */
  hosts: Record<string, string>;
  /** The style of the service to play (a preset's, see presets.ts); GENERIC where it says nothing. */
  style?: Partial<Dyndns2Style>;
  /** Status of a `badauth` answer: 200 (Dyn, No-IP) by default; some servers send 401. */
  badauthStatus?: number;
  /** User-Agents the server refuses with `badagent` (a missing one always is). */
  rejectAgent?: RegExp;
  /** Path of the update URL (default /nic/update). */
  path?: string;
}

export interface FakeDyndns2 extends RunningFake {
  /** Base URL to put in `endpoint`. */
  url: string;
  server: FakeServer;
  /** Update requests seen (every request to the update path). */
  updates(): SeenRequest[];
  /** What the server holds for a host. */
  host(name: string): FakeDyndns2Host | undefined;
  /** From now on answer `code` for this host (undefined: behave normally again). */
  answer(hostname: string, code: Dyndns2Code | undefined): void;
  /** From now on answer this line as it is for this host (another service's own words). */
  answerRaw(hostname: string, line: string): void;
}

const MAX_HOSTS = 20;

type Wanted = { ipv4?: string | null; ipv6?: string | null };

function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function text(body: string, status = 200): FakeReply {
  return { status, body, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
}

export async function startFakeDyndns2(options: FakeDyndns2Options): Promise<FakeDyndns2> {
  const path = options.path ?? '/nic/update';
  const owners = new Map(Object.entries(options.hosts).map(([name, owner]) => [name.toLowerCase(), owner]));
  const store = new FakeZoneStore({ zones: [...owners.keys()], idStyle: 'numeric' });
  const forced = new Map<string, string>();

  const style: Dyndns2Style = { ...GENERIC, ...options.style };

  /** One address parameter: undefined when absent, 'invalid' when it is no address. */
  function addressOf(value: string | null, family: 4 | 6): string | undefined | 'invalid' {
    if (value === null) return undefined;
    if (family === 4) return isIPv4(value) ? value : 'invalid';
    return isIPv6(value) ? ipaddr.IPv6.parse(value).toString() : 'invalid';
  }

  /**
   * The addresses a request asks for, by the style's parameters (null: remove the record). In the
   * generic form `myip` may hold v4, v6 or "v4,v6" (ddclient); omitted, the server would use the
   * connection's source address, here always 127.0.0.1.
   */
  function requestedAddresses(query: URLSearchParams): Wanted | 'invalid' {
    const wanted: Wanted = {};
    const myip = query.get(style.addressParam);
    if (style.ipv6 === 'preserve') {
      // deSEC: a family left out is taken from the connection (v4) or removed (v6); `preserve` keeps it.
      const v4 = query.get('myipv4') ?? myip;
      const v6 = query.get('myipv6');
      if (v4 === null) wanted.ipv4 = '127.0.0.1';
      else if (v4 !== 'preserve') wanted.ipv4 = addressOf(v4, 4);
      if (v6 === null) wanted.ipv6 = null;
      else if (v6 !== 'preserve') wanted.ipv6 = addressOf(v6, 6);
      return wanted.ipv4 === 'invalid' || wanted.ipv6 === 'invalid' ? 'invalid' : wanted;
    }
    const v6Param = style.ipv6 === 'myip' ? undefined : style.ipv6 === 'myip6' ? 'myip6' : 'myipv6';
    const v6 = v6Param === undefined ? null : query.get(v6Param);
    // Dynu's `myip=no`: no IPv4 this time. A separate IPv6 parameter alone: the IPv4 is left as it is.
    const parts = myip === null ? (v6 === null ? ['127.0.0.1'] : []) : myip === 'no' && style.ipv6 === 'myipv6' ? [] : myip.split(',');
    if (v6 !== null && v6 !== 'no') {
      if (!isIPv6(v6)) return 'invalid';
      parts.push(v6);
    }
    for (const part of parts) {
      if (isIPv4(part)) wanted.ipv4 = part;
      else if (isIPv6(part) && v6Param === undefined) wanted.ipv6 = ipaddr.IPv6.parse(part).toString();
      else if (isIPv6(part) && part === v6) wanted.ipv6 = ipaddr.IPv6.parse(part).toString();
      else return 'invalid';
    }
    return wanted;
  }

  function change(hostname: string, type: 'A' | 'AAAA', content: string | null | undefined): boolean {
    if (content === undefined) return false;
    if (content !== null) return store.set(hostname, type, content);
    const existing = store.records({ name: hostname, type });
    for (const record of existing) store.remove(record.id);
    return existing.length > 0;
  }

  function updateOne(hostname: string, user: string, wanted: Wanted): string {
    const forcedCode = forced.get(hostname);
    const shown = [wanted.ipv4, wanted.ipv6].filter((ip) => typeof ip === 'string').join(',');
    const say = (code: string) => spoken(code, hostname, shown);
    if (forcedCode !== undefined) return say(forcedCode);
    if (!hostname.includes('.')) return say('notfqdn');
    if (owners.get(hostname) !== user) return say('nohost');
    const changedV4 = change(hostname, 'A', wanted.ipv4);
    const changedV6 = change(hostname, 'AAAA', wanted.ipv6);
    return say(changedV4 || changedV6 ? 'good' : 'nochg');
  }

  /** A dyndns2 outcome in the words of the service the style names (WIRE.md: ChangeIP, easyDNS, Zoneedit). */
  function spoken(code: string, hostname: string, shown: string): string {
    const confirmed = code === 'good' || code === 'nochg';
    switch (style.replies) {
      case 'dyndns2':
        return confirmed ? `${code} ${shown}` : code;
      case 'changeip':
        return confirmed ? '200 Successful Update' : code;
      case 'easydns':
        return confirmed ? 'NOERROR' : ({ badauth: 'NOACCESS', nohost: 'NOACCESS', notfqdn: 'ILLEGAL INPUT', numhost: 'ILLEGAL INPUT' } as Record<string, string>)[code] ?? code;
      case 'zoneedit':
        if (code === 'good') return `<SUCCESS CODE="200" TEXT="Update succeeded." ZONE="${hostname}" IP="${shown}">`;
        if (code === 'nochg') return `<SUCCESS CODE="201" TEXT="No records need updating." ZONE="${hostname}">`;
        if (code === 'badauth') return '<ERROR CODE="708" TEXT="Failed login" ZONE="">';
        if (code === 'nohost') return `<ERROR CODE="701" TEXT="Zone is not set up in this account." ZONE="${hostname}">`;
        if (code === 'notfqdn') return `<ERROR CODE="709" TEXT="Invalid hostname" ZONE="${hostname}">`;
        return code;
    }
  }

  /** The user name and password of a request, from where the style puts them. */
  function credentialsOf(request: SeenRequest): { user: string; password: string } | 'twice' | undefined {
    const { credentials } = style;
    if (credentials.in === 'basic') return parseBasicAuth(request.headers.authorization);
    // A client that also sends a header leaks the secret twice; a loud answer fails its test.
    if (request.headers.authorization !== undefined) return 'twice';
    const user = request.query.get(credentials.username);
    const password = request.query.get(credentials.password);
    return user === null || password === null ? undefined : { user, password };
  }

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== path) return text('not found', 404);
    const auth = credentialsOf(request);
    if (auth === 'twice') return text('fake dyndns2: Authorization header sent to a server that takes the credentials in the query', 400);
    if (auth === undefined || options.accounts[auth.user] !== auth.password) return text(spoken('badauth', '', ''), options.badauthStatus ?? 200);
    const agent = request.headers['user-agent'];
    if (agent === undefined || agent === '' || options.rejectAgent?.test(agent)) return text('badagent');
    // OVH without `system=dyndns`: the protocol's code for a bad system parameter.
    if (Object.entries(style.extraQuery).some(([key, value]) => request.query.get(key) !== value)) return text('badsys');
    const hostnames = (request.query.get(style.hostnameParam) ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    // Dyn: "if no FQDNs were specified, notfqdn will be returned once".
    if (hostnames.length === 0) return text(spoken('notfqdn', '', ''));
    if (hostnames.length > MAX_HOSTS) return text(spoken('numhost', '', ''));
    const wanted = requestedAddresses(request.query);
    // Undocumented for real servers; a loud answer makes a client bug fail its test.
    if (wanted === 'invalid') return text('fake dyndns2: an address parameter is not an IP address of its family', 400);
    return text(hostnames.map((hostname) => updateOne(hostname, auth.user, wanted)).join('\n'));
  }

  const server = await startFakeServer(handle);
  const held = (name: string, type: 'A' | 'AAAA') => store.records({ name, type })[0]?.content;
  return {
    url: server.url,
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    updates: () => server.requests.filter((request) => request.path === path),
    host(name) {
      if (!owners.has(name.toLowerCase())) return undefined;
      return { ipv4: held(name, 'A'), ipv6: held(name, 'AAAA') };
    },
    answerRaw(hostname, line) {
      forced.set(hostname.toLowerCase(), line);
    },
    answer(hostname, code) {
      if (code === undefined) forced.delete(hostname.toLowerCase());
      else forced.set(hostname.toLowerCase(), code);
    },
    close: () => server.close(),
  };
}
