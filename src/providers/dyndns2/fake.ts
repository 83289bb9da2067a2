import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake dyndns2 update server (Dyn / No-IP / Dynu / Hurricane Electric style) speaking the wire
 * described in WIRE.md in this folder: `GET /nic/update?hostname=…&myip=…` with basic auth,
 * answered in text/plain with one `<code>[ <ip>]` line per host name, HTTP 200 even for errors.
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
  | 'servererror';

export interface FakeDyndns2Host {
  ipv4: string | undefined;
  ipv6: string | undefined;
}

export interface FakeDyndns2Options {
  /** user name → password the server accepts. */
  accounts: Record<string, string>;
  /** host name → the user name owning it. */
  hosts: Record<string, string>;
  /** Dynu's IPv6 form: `myipv6=<v6>` and `myip=no` (otherwise an IPv6 arrives in `myip`). */
  dynu?: boolean;
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
}

const MAX_HOSTS = 20;

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
  const forced = new Map<string, Dyndns2Code>();

  /** The addresses a request asks for: `myip` may hold v4, v6 or "v4,v6" (ddclient); Dynu adds `myipv6`. */
  function requestedAddresses(query: URLSearchParams): { ipv4?: string; ipv6?: string } | 'invalid' {
    const wanted: { ipv4?: string; ipv6?: string } = {};
    const myip = query.get('myip');
    // Omitted: the server would use the connection's source address; here that is always 127.0.0.1.
    const parts = myip === null ? ['127.0.0.1'] : myip === 'no' && options.dynu ? [] : myip.split(',');
    const myipv6 = options.dynu ? query.get('myipv6') : null;
    if (myipv6 !== null && myipv6 !== 'no') parts.push(myipv6);
    for (const part of parts) {
      if (isIPv4(part)) wanted.ipv4 = part;
      else if (isIPv6(part)) wanted.ipv6 = ipaddr.IPv6.parse(part).toString();
      else return 'invalid';
    }
    return wanted;
  }

  function updateOne(hostname: string, user: string, wanted: { ipv4?: string; ipv6?: string }): string {
    const forcedCode = forced.get(hostname);
    const shown = [wanted.ipv4, wanted.ipv6].filter((ip) => ip !== undefined).join(',');
    if (forcedCode === 'good' || forcedCode === 'nochg') return `${forcedCode} ${shown}`;
    if (forcedCode !== undefined) return forcedCode;
    if (!hostname.includes('.')) return 'notfqdn';
    if (owners.get(hostname) !== user) return 'nohost';
    const changedV4 = wanted.ipv4 !== undefined && store.set(hostname, 'A', wanted.ipv4);
    const changedV6 = wanted.ipv6 !== undefined && store.set(hostname, 'AAAA', wanted.ipv6);
    return `${changedV4 || changedV6 ? 'good' : 'nochg'} ${shown}`;
  }

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== path) return text('not found', 404);
    const auth = parseBasicAuth(request.headers.authorization);
    if (auth === undefined || options.accounts[auth.user] !== auth.password) return text('badauth', options.badauthStatus ?? 200);
    const agent = request.headers['user-agent'];
    if (agent === undefined || agent === '' || options.rejectAgent?.test(agent)) return text('badagent');
    const hostnames = (request.query.get('hostname') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    // Dyn: "if no FQDNs were specified, notfqdn will be returned once".
    if (hostnames.length === 0) return text('notfqdn');
    if (hostnames.length > MAX_HOSTS) return text('numhost');
    const wanted = requestedAddresses(request.query);
    // Undocumented for real servers; a loud answer makes a client bug fail its test.
    if (wanted === 'invalid') return text('fake dyndns2: myip is not an IP address', 400);
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
    answer(hostname, code) {
      if (code === undefined) forced.delete(hostname.toLowerCase());
      else forced.set(hostname.toLowerCase(), code);
    },
    close: () => server.close(),
  };
}
