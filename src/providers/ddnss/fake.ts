import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FakeReply, SeenRequest } from '../../../test/helpers/fake-server.js';
import { startFakeUpdateUrl, type FakeUpdateUrl } from '../../../test/helpers/fake-update-url.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';

/**
 * A fake of DDNSS's update URL speaking the wire described in WIRE.md in this folder:
 * `GET /upd.php?key=&host=&ip=|ip6=`, answered by an HTML page (`Updated 1 hostname.`,
 * `No change`, `badauth`, `notfqdn`). The addresses live in the shared FakeZoneStore, one zone
 * per host of the account. No jest imports.
 */

export interface FakeDdnssOptions {
  key: string;
  /** Fully qualified host names of the account. */
  hosts: string[];
}

export type FakeDdnss = FakeUpdateUrl;

export function ddnssPage(text: string, status = 200): FakeReply {
  return {
    status,
    body: `<!DOCTYPE html>\n<html><head><title>DDNSS.de - Update</title></head>\n<body>\n${text}<br />\n</body></html>\n`,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
  };
}

export async function startFakeDdnss(options: FakeDdnssOptions): Promise<FakeDdnss> {
  const hosts = new Set(options.hosts.map((host) => host.toLowerCase()));
  const store = new FakeZoneStore({ zones: [...hosts], idStyle: 'numeric' });

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/upd.php') return ddnssPage('Not Found', 404);
    const { query } = request;
    if (query.get('key') !== options.key) return ddnssPage('badauth');
    const host = (query.get('host') ?? '').toLowerCase();
    if (!hosts.has(host)) return ddnssPage('notfqdn');
    const ip = query.get('ip');
    const ip6 = query.get('ip6');
    const wanted: [string, string][] = [];
    if (ip !== null) {
      if (!isIPv4(ip)) return ddnssPage('fake ddnss: ip is not an IPv4 address', 400);
      wanted.push(['A', ip]);
    }
    if (ip6 !== null) {
      if (!isIPv6(ip6)) return ddnssPage('fake ddnss: ip6 is not an IPv6 address', 400);
      wanted.push(['AAAA', ipaddr.IPv6.parse(ip6).toString()]);
    }
    if (wanted.length === 0) wanted.push(['A', '127.0.0.1']);
    let changed = false;
    for (const [type, address] of wanted) changed = store.set(host, type, address) || changed;
    return ddnssPage(changed ? 'Updated 1 hostname.' : 'No change');
  }

  return startFakeUpdateUrl(store, (path) => path === '/upd.php', handle);
}
