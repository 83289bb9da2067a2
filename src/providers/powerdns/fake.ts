import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, plainName } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the PowerDNS Authoritative HTTP API (WIRE.md in this folder), as pdns-server 4.7
 * answers: X-API-Key checked on every request (a wrong one: 401 "Unauthorized"),
 * `GET /api/v1/servers/localhost/zones` (one unpaged array), `GET …/zones/{id}` with the SOA and NS
 * RRsets and the rrset_name filter (rrset_type only together with it), `PATCH …/zones/{id}` with
 * changetype REPLACE (204, no body), `{"error": "…"}` with 422 for a refused RRset, and 404 "Not
 * Found" for an unknown server, zone or path. The webserver's own 401/404/405 are `{"error": …}`
 * JSON to a client that accepts JSON and plain text to one that does not, as the real server does.
 * Names are absolute, with the trailing dot.
 */
export interface FakePowerdnsOptions {
  apiKey: string;
  zones: string[];
  serverId?: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The webserver's own refusals (before the API handler runs): `{"error"}` JSON when the client accepts it, else plain text. */
class PlainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface FakeRrset {
  comments: [];
  name: string;
  records: { content: string; disabled: boolean }[];
  ttl: number;
  type: string;
}

/** What every zone the server made holds at its apex besides ddns's records. */
function apexRrsets(zone: string): FakeRrset[] {
  return [
    { comments: [], name: `${zone}.`, records: [{ content: `a.misconfigured.dns.server.invalid. hostmaster.${zone}. 2026120401 10800 3600 604800 3600`, disabled: false }], ttl: 3600, type: 'SOA' },
    { comments: [], name: `${zone}.`, records: [{ content: `ns1.${zone}.`, disabled: false }], ttl: 3600, type: 'NS' },
  ];
}

export async function startFakePowerdns(options: FakePowerdnsOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });
  const prefix = `/api/v1/servers/${options.serverId ?? 'localhost'}/zones`;
  const zoneFor = (id: string) => {
    const zone = store.zoneByName(plainName(decodeURIComponent(id)));
    if (zone === undefined) throw new PlainError(404, 'Not Found');
    return zone;
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers['x-api-key'] !== options.apiKey) throw new PlainError(401, 'Unauthorized', { 'Www-Authenticate': 'X-API-Key realm="PowerDNS"' });
    if (request.method === 'GET' && request.path === prefix) {
      return { status: 200, body: store.zones().map((zone) => ({ id: `${zone.name}.`, name: `${zone.name}.`, kind: 'Native', url: `${prefix}/${zone.name}.` })) };
    }
    if (!request.path.startsWith(`${prefix}/`)) throw new PlainError(404, 'Not Found');
    const zone = zoneFor(request.path.slice(prefix.length + 1));
    if (request.method === 'GET') {
      // 4.7 filters by rrset_name, and by rrset_type only when rrset_name is given too.
      const name = request.query.get('rrset_name');
      const type = name === null ? null : request.query.get('rrset_type');
      const sets = new Map<string, FakeRrset>();
      for (const record of store.records({ zone: zone.name })) {
        const key = `${record.name}/${record.type}`;
        const set = sets.get(key) ?? { comments: [], name: `${record.name}.`, records: [], ttl: record.ttl, type: record.type };
        set.records.push({ content: record.content, disabled: false });
        sets.set(key, set);
      }
      const rrsets = [...sets.values(), ...apexRrsets(zone.name)].filter(
        (rrset) => (name === null || rrset.name.toLowerCase() === name.toLowerCase()) && (type === null || rrset.type === type),
      );
      return { status: 200, body: { id: `${zone.name}.`, kind: 'Native', name: `${zone.name}.`, rrsets, serial: 2026120401, url: `${prefix}/${zone.name}.` } };
    }
    if (request.method === 'PATCH') {
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        throw new ApiError(400, 'JSON parse error');
      }
      const rrsets = (body as { rrsets?: unknown }).rrsets;
      if (!Array.isArray(rrsets)) throw new ApiError(400, 'No rrsets given');
      for (const rrset of rrsets as Record<string, unknown>[]) {
        const { name, type, ttl, changetype, records } = rrset;
        if (typeof name !== 'string' || !name.endsWith('.')) throw new ApiError(422, `RRset ${String(name)} IN ${String(type)}: Name is not canonical`);
        if (changetype !== 'REPLACE' || (type !== 'A' && type !== 'AAAA') || typeof ttl !== 'number' || !Array.isArray(records)) throw new ApiError(422, 'Invalid rrset');
        const plain = plainName(name);
        if (plain !== zone.name && !plain.endsWith(`.${zone.name}`)) throw new ApiError(422, `RRset ${name} IN ${type}: Name is out of zone`);
        const contents = (records as { content?: unknown }[]).map((record) => record.content);
        for (const content of contents) {
          if (typeof content !== 'string' || (type === 'A' ? !/^\d{1,3}(\.\d{1,3}){3}$/.test(content) : !content.includes(':'))) throw new ApiError(422, `Record ${name}/${type} '${String(content)}': Parsing record content (try 'pdnsutil check-zone')`);
        }
        // REPLACE: the RRset afterwards holds exactly the given records (kept in place where they line up).
        const old = store.records({ zone: zone.name, name: plain, type });
        (contents as string[]).forEach((content, index) => {
          const existing = old[index];
          if (existing === undefined) store.create({ zone: zone.name, name: plain, type, content, ttl });
          else store.update(existing.id, { content, ttl });
        });
        for (const extra of old.slice(contents.length)) store.remove(extra.id);
      }
      return { status: 204 };
    }
    throw new PlainError(405, 'Method Not Allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { error: error.message } };
      if (error instanceof PlainError) {
        const json = (request.headers.accept ?? '').includes('application/json');
        return { status: error.status, headers: error.headers, body: json ? { error: error.message } : error.message };
      }
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
