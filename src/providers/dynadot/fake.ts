import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FakeReply, SeenRequest } from '../../../test/helpers/fake-server.js';
import { startFakeUpdateUrl, type FakeUpdateUrl } from '../../../test/helpers/fake-update-url.js';
import { FakeZoneStore, nameInZone } from '../../../test/helpers/fake-zone-store.js';

/**
 * A fake of Dynadot's DDNS URL speaking the wire described in WIRE.md in this folder:
 * `GET /set_ddns?domain=&subDomain=&type=&ip=&pwd=&ttl=&containRoot=`, answered in JSON
 * (`error_code` 0, or -1 with the reason in `content`). The addresses live in the shared
 * FakeZoneStore, one zone per domain. No jest imports.
 */

export interface FakeDynadotOptions {
  /** Domain → its DDNS password. */
  domains: Record<string, string>;
}

export type FakeDynadot = FakeUpdateUrl;

function json(body: object): FakeReply {
  return { status: 200, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json;charset=UTF-8' } };
}

export function dynadotError(reason: string): FakeReply {
  return json({ status: 'error', error_code: -1, content: [reason] });
}

export async function startFakeDynadot(options: FakeDynadotOptions): Promise<FakeDynadot> {
  const passwords = new Map(Object.entries(options.domains).map(([name, password]) => [name.toLowerCase(), password]));
  const store = new FakeZoneStore({ zones: [...passwords.keys()], idStyle: 'numeric' });

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/set_ddns') return { status: 404, body: 'Not Found' };
    const { query } = request;
    const domain = (query.get('domain') ?? '').toLowerCase();
    const password = passwords.get(domain);
    if (password === undefined) return dynadotError('domain not found');
    if (query.get('pwd') !== password) return dynadotError('invalid password');
    const type = query.get('type') ?? '';
    const raw = query.get('ip') ?? '';
    const valid = type === 'A' ? isIPv4(raw) : type === 'AAAA' && isIPv6(raw);
    if (!valid) return dynadotError('invalid ip');
    const ip = type === 'AAAA' ? ipaddr.IPv6.parse(raw).toString() : raw;
    const names = [...(query.get('subDomain') ?? '').split(',').map((sub) => sub.trim().toLowerCase()).filter((sub) => sub !== '')];
    if (query.get('containRoot') === 'true') names.push('@');
    if (names.length === 0) return dynadotError('no sub domain');
    for (const sub of names) store.set(nameInZone(sub, domain), type, ip);
    return json({ status: 'ok', error_code: 0, content: names.map((sub) => `${sub} ${type} ${ip}`) });
  }

  return startFakeUpdateUrl(store, (path) => path === '/set_ddns', handle);
}
