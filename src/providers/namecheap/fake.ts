import { isIPv4 } from 'node:net';
import type { FakeReply, SeenRequest } from '../../../test/helpers/fake-server.js';
import { startFakeUpdateUrl, type FakeUpdateUrl } from '../../../test/helpers/fake-update-url.js';
import { FakeZoneStore, nameInZone } from '../../../test/helpers/fake-zone-store.js';

/**
 * A fake of Namecheap's Dynamic DNS update URL speaking the wire described in WIRE.md in this
 * folder: `GET /update?host=&domain=&password=&ip=`, answered HTTP 200 with the
 * `<interface-response>` XML (`ErrCount` 0, or 1 with `<Err1>`). The addresses live in the
 * shared FakeZoneStore, one zone per domain. No jest imports.
 */

export interface FakeNamecheapDomain {
  /** The domain's Dynamic DNS password. */
  password: string;
  /** Hosts with an "A + Dynamic DNS Record" ("@" for the apex). */
  hosts: string[];
}

export interface FakeNamecheapOptions {
  domains: Record<string, FakeNamecheapDomain>;
}

export type FakeNamecheap = FakeUpdateUrl;

function xml(body: string): FakeReply {
  // Namecheap declares utf-16 but sends UTF-8.
  return { status: 200, body: `<?xml version="1.0" encoding="utf-16"?>\r\n<interface-response>\r\n${body}</interface-response>`, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

function success(ip: string): FakeReply {
  return xml(
    `  <Command>SETDNSHOST</Command>\r\n  <Language>eng</Language>\r\n  <IP>${ip}</IP>\r\n  <ErrCount>0</ErrCount>\r\n  <errors />\r\n  <ResponseCount>0</ResponseCount>\r\n  <responses />\r\n  <Done>true</Done>\r\n  <debug><![CDATA[]]></debug>\r\n`,
  );
}

export function namecheapError(message: string, number: number): FakeReply {
  return xml(
    `  <Command>SETDNSHOST</Command>\r\n  <Language>eng</Language>\r\n  <ErrCount>1</ErrCount>\r\n  <errors>\r\n    <Err1>${message}</Err1>\r\n  </errors>\r\n  <ResponseCount>1</ResponseCount>\r\n  <responses>\r\n    <response>\r\n      <Description>${message}</Description>\r\n      <ResponseNumber>${number}</ResponseNumber>\r\n      <ResponseString>Validation error; ${message}</ResponseString>\r\n    </response>\r\n  </responses>\r\n  <Done>true</Done>\r\n  <debug><![CDATA[]]></debug>\r\n`,
  );
}

export async function startFakeNamecheap(options: FakeNamecheapOptions): Promise<FakeNamecheap> {
  const domains = new Map(Object.entries(options.domains).map(([name, domain]) => [name.toLowerCase(), domain]));
  const store = new FakeZoneStore({ zones: [...domains.keys()], idStyle: 'numeric' });

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== '/update') return { status: 404, body: 'Not Found' };
    const { query } = request;
    const domainName = (query.get('domain') ?? '').toLowerCase();
    const domain = domains.get(domainName);
    if (domain === undefined) return namecheapError('Domain name not found', 316153);
    if (query.get('password') !== domain.password) return namecheapError('Passwords do not match', 304156);
    const host = (query.get('host') ?? '').toLowerCase();
    if (!domain.hosts.includes(host === '' ? '@' : host)) return namecheapError('No Records updated. A record not Found;', 380091);
    const asked = query.get('ip') ?? '';
    // Left empty or out: the connection's source address.
    const ip = asked === '' ? '127.0.0.1' : asked;
    if (!isIPv4(ip)) return namecheapError('Invalid IP', 304157);
    store.set(nameInZone(host === '' ? '@' : host, domainName), 'A', ip);
    return success(ip);
  }

  return startFakeUpdateUrl(store, (path) => path === '/update', handle);
}
