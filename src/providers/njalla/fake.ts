import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FakeReply, SeenRequest } from '../../../test/helpers/fake-server.js';
import { startFakeUpdateUrl, type FakeUpdateUrl } from '../../../test/helpers/fake-update-url.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';

/**
 * A fake of Njalla's dynamic DNS update URL speaking the wire described in WIRE.md in this folder:
 * `GET /update/?h=<fqdn>&k=<key>&a=|aaaa=|auto`, answered in JSON (`record updated`, or HTTP 401
 * `invalid host or key`). The addresses live in the shared FakeZoneStore, one zone per Dynamic
 * record. No jest imports.
 */

export interface FakeNjallaOptions {
  /** Fully qualified host name → the key of its Dynamic record. */
  records: Record<string, string>;
}

export type FakeNjalla = FakeUpdateUrl;

function json(status: number, body: object): FakeReply {
  return { status, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

export const NJALLA_INVALID_DATA = json(500, { status: 500, message: 'invalid data' });

export const NJALLA_BAD_KEY = json(401, { status: 401, message: 'invalid host or key' });

export async function startFakeNjalla(options: FakeNjallaOptions): Promise<FakeNjalla> {
  const keys = new Map(Object.entries(options.records).map(([name, key]) => [name.toLowerCase(), key]));
  const store = new FakeZoneStore({ zones: [...keys.keys()], idStyle: 'numeric' });

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/update/' && request.path !== '/update') return { status: 404, body: 'Not Found' };
    const { query } = request;
    const host = (query.get('h') ?? '').toLowerCase();
    if (keys.get(host) === undefined || keys.get(host) !== query.get('k')) return NJALLA_BAD_KEY;
    const value: Record<string, string> = {};
    const a = query.get('a');
    const aaaa = query.get('aaaa');
    if (a === null && aaaa === null && query.has('auto')) value['A'] = '127.0.0.1';
    if (a !== null) {
      if (!isIPv4(a)) return NJALLA_INVALID_DATA;
      value['A'] = a;
    }
    if (aaaa !== null) {
      if (!isIPv6(aaaa)) return NJALLA_INVALID_DATA;
      value['AAAA'] = ipaddr.IPv6.parse(aaaa).toString();
    }
    for (const [type, address] of Object.entries(value)) store.set(host, type, address);
    return json(200, { status: 200, message: 'record updated', value });
  }

  return startFakeUpdateUrl(store, (path) => path.startsWith('/update'), handle);
}
