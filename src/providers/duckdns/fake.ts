import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the DuckDNS update API speaking the wire described in WIRE.md in this folder:
 * `GET /update?domains=<sub,…>&token=<token>[&ip=][&ipv6=][&verbose=true][&clear=true]`,
 * answered `OK` or `KO` in text/plain (verbose: status, IPv4, IPv6, UPDATED|NOCHANGE). The
 * addresses live in the shared FakeZoneStore, one zone per domain of the account
 * (`myhome.duckdns.org`). No jest imports: usable from tests and demo scripts alike.
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

export interface FakeDuckdns extends RunningFake {
  url: string;
  server: FakeServer;
  updates(): SeenRequest[];
  domain(sub: string): FakeDuckdnsDomain | undefined;
}

const SUFFIX = '.duckdns.org';

function text(body: string, status = 200): FakeReply {
  return { status, body, headers: { 'Content-Type': 'text/plain; charset=UTF-8' } };
}

export async function startFakeDuckdns(options: FakeDuckdnsOptions): Promise<FakeDuckdns> {
  const store = new FakeZoneStore({ zones: options.domains.map((sub) => `${sub}${SUFFIX}`), idStyle: 'numeric' });
  const isDomain = (sub: string) => store.zoneByName(`${sub}${SUFFIX}`) !== undefined;
  const held = (sub: string): FakeDuckdnsDomain => {
    const name = `${sub}${SUFFIX}`;
    return { ipv4: store.records({ name, type: 'A' })[0]?.content, ipv6: store.records({ name, type: 'AAAA' })[0]?.content };
  };

  function clear(name: string): boolean {
    const records = store.records({ name });
    for (const record of records) store.remove(record.id);
    return records.length > 0;
  }

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/update') return text('not found', 404);
    const { query } = request;
    const subs = (query.get('domains') ?? '').split(',').map((sub) => sub.trim().toLowerCase());
    // Wrong token, a domain of another account, or a malformed address: all just KO.
    if (query.get('token') !== options.token || subs.some((sub) => !isDomain(sub))) return text('KO');
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
    const clearing = query.get('clear') === 'true';
    // "If left blank the server detects the IPv4 source address", unless ipv6 was given.
    if (ipv4 === undefined && ipv6 === undefined && !clearing) ipv4 = '127.0.0.1';
    let changed = false;
    for (const sub of subs) {
      const name = `${sub}${SUFFIX}`;
      if (clearing) {
        changed = clear(name) || changed;
        continue;
      }
      if (ipv4 !== undefined) changed = store.set(name, 'A', ipv4) || changed;
      if (ipv6 !== undefined) changed = store.set(name, 'AAAA', ipv6) || changed;
    }
    if (query.get('verbose') !== 'true') return text('OK');
    const first = held(subs[0] ?? '');
    return text(['OK', first.ipv4 ?? '', first.ipv6 ?? '', changed ? 'UPDATED' : 'NOCHANGE'].join('\n'));
  }

  const server = await startFakeServer(handle);
  return {
    url: server.url,
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    updates: () => server.requests.filter((request) => request.path === '/update'),
    domain: (sub) => (isDomain(sub.toLowerCase()) ? held(sub.toLowerCase()) : undefined),
    close: () => server.close(),
  };
}
