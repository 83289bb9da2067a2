import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../helpers/fake-server.js';

/**
 * A stateful fake of the DuckDNS update API (/work/shared/providers/duckdns.md):
 * `GET /update?domains=<sub,…>&token=<token>[&ip=][&ipv6=][&verbose=true][&clear=true]`,
 * answered `OK` or `KO` in text/plain (verbose: status, IPv4, IPv6, UPDATED|NOCHANGE).
 * No jest imports: usable from tests and demo scripts alike.
 */

export interface FakeDuckdnsDomain {
  ipv4: string | undefined;
  ipv6: string | undefined;
}

export interface FakeDuckdnsOptions {
  token: string;
  /** Sub-names of the account ("myhome" for myhome.duckdns.org). */
  domains: string[];
}

export interface FakeDuckdns {
  url: string;
  server: FakeServer;
  updates(): SeenRequest[];
  domain(sub: string): FakeDuckdnsDomain | undefined;
  close(): Promise<void>;
}

function text(body: string, status = 200): FakeReply {
  return { status, body, headers: { 'Content-Type': 'text/plain; charset=UTF-8' } };
}

export async function startFakeDuckdns(options: FakeDuckdnsOptions): Promise<FakeDuckdns> {
  const domains = new Map<string, FakeDuckdnsDomain>(options.domains.map((sub) => [sub.toLowerCase(), { ipv4: undefined, ipv6: undefined }]));

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/update') return text('not found', 404);
    const { query } = request;
    const subs = (query.get('domains') ?? '').split(',').map((sub) => sub.trim().toLowerCase());
    // Wrong token, a domain of another account, or a malformed address: all just KO.
    if (query.get('token') !== options.token || subs.some((sub) => !domains.has(sub))) return text('KO');
    let ipv4: string | undefined;
    let ipv6: string | undefined;
    const ip = query.get('ip');
    const ip6 = query.get('ipv6');
    if (ip !== null && ip !== '') {
      if (isIPv4(ip)) ipv4 = ip;
      else if (isIPv6(ip)) ipv6 = ipaddr.IPv6.parse(ip).toString();
      else return text('KO');
    }
    if (ip6 !== null && ip6 !== '') {
      if (!isIPv6(ip6)) return text('KO');
      ipv6 = ipaddr.IPv6.parse(ip6).toString();
    }
    // "If left blank the server detects the IPv4 source address", unless ipv6 was given.
    if (ipv4 === undefined && ipv6 === undefined && query.get('clear') !== 'true') ipv4 = '127.0.0.1';
    let changed = false;
    for (const sub of subs) {
      const domain = domains.get(sub) as FakeDuckdnsDomain;
      if (query.get('clear') === 'true') {
        changed ||= domain.ipv4 !== undefined || domain.ipv6 !== undefined;
        domain.ipv4 = undefined;
        domain.ipv6 = undefined;
        continue;
      }
      if (ipv4 !== undefined && domain.ipv4 !== ipv4) {
        domain.ipv4 = ipv4;
        changed = true;
      }
      if (ipv6 !== undefined && domain.ipv6 !== ipv6) {
        domain.ipv6 = ipv6;
        changed = true;
      }
    }
    if (query.get('verbose') !== 'true') return text('OK');
    const first = domains.get(subs[0] ?? '') as FakeDuckdnsDomain;
    return text(['OK', first.ipv4 ?? '', first.ipv6 ?? '', changed ? 'UPDATED' : 'NOCHANGE'].join('\n'));
  }

  const server = await startFakeServer(handle);
  return {
    url: server.url,
    server,
    updates: () => server.requests.filter((request) => request.path === '/update'),
    domain(sub) {
      const domain = domains.get(sub.toLowerCase());
      return domain === undefined ? undefined : { ...domain };
    },
    close: () => server.close(),
  };
}
