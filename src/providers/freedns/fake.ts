import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FakeReply, SeenRequest } from '../../../test/helpers/fake-server.js';
import { startFakeUpdateUrl, type FakeUpdateUrl } from '../../../test/helpers/fake-update-url.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';

/**
 * A fake of FreeDNS's v1 update URL speaking the wire described in WIRE.md in this folder:
 * `GET /dynamic/update.php?<token>&address=<ip>`, answered in text (`Updated 1 host(s) …`,
 * `ERROR: Address … has not changed.`, `ERROR: …`). Each token is one dynamic entry (a name and a
 * type); the addresses live in the shared FakeZoneStore, one zone per name. No jest imports.
 */

export interface FakeFreednsEntry {
  name: string;
  type: 'A' | 'AAAA';
}

export interface FakeFreednsOptions {
  /** Update token → its dynamic entry. */
  entries: Record<string, FakeFreednsEntry>;
}

export type FakeFreedns = FakeUpdateUrl;

export function freednsText(body: string): FakeReply {
  return { status: 200, body, headers: { 'Content-Type': 'text/plain; charset=UTF-8' } };
}

export const FREEDNS_UNKNOWN_TOKEN = freednsText(
  'ERROR: Unable to locate this record (changed password recently? deleted and re-created this dns entry?) (double check username/password are correct)',
);

export async function startFakeFreedns(options: FakeFreednsOptions): Promise<FakeFreedns> {
  const entries = new Map(Object.entries(options.entries).map(([token, entry]) => [token, { ...entry, name: entry.name.toLowerCase() }]));
  const store = new FakeZoneStore({ zones: [...new Set([...entries.values()].map((entry) => entry.name))], idStyle: 'numeric' });

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/dynamic/update.php') return { status: 404, body: 'Not Found' };
    // The token is the first item of the query, a key without "=".
    const [first] = [...request.query.keys()];
    const entry = first === undefined ? undefined : entries.get(first);
    if (entry === undefined) return FREEDNS_UNKNOWN_TOKEN;
    const asked = request.query.get('address');
    const address = asked === null || asked === '' ? '127.0.0.1' : asked;
    const fits = entry.type === 'A' ? isIPv4(address) : isIPv6(address);
    if (!fits) return freednsText(`ERROR: Address ${address} is not a valid ${entry.type === 'A' ? 'IPv4' : 'IPv6'} address.`);
    const ip = entry.type === 'AAAA' ? ipaddr.IPv6.parse(address).toString() : address;
    if (!store.set(entry.name, entry.type, ip)) return freednsText(`ERROR: Address ${address} has not changed.`);
    return freednsText(`Updated 1 host(s) ${entry.name} to ${address} in 0.021 seconds`);
  }

  return startFakeUpdateUrl(store, (path) => path === '/dynamic/update.php', handle);
}
