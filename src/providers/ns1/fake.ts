import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the NS1 REST API (WIRE.md in this folder): `X-NSONE-Key` checked on every request,
 * `GET /v1/zones` (up to `zonePageSize` zones, the next page named by a `Link: <…>; rel="next"` header
 * naming the public host over plain http (ns1-go forces https on such links): the client must ask its own base),
 * `GET`/`PUT` (create)/`POST` (update)
 * `/v1/zones/{zone}/{domain}/{type}` with `answers`, and errors as `{"message": …}` with the
 * real statuses (404 "record not found", 400 "record already exists").
 */
export interface FakeNs1Options {
  apiKey: string;
  zones: string[];
  /** Zones per answer of `GET /v1/zones` (NS1: 2,500). */
  zonePageSize?: number;
}

/** An NS1 error answer: the status and its `{message}` body. */
class ApiError extends Error {
  readonly reply: FakeReply;

  constructor(status: number, message: string) {
    super(message);
    this.reply = { status, body: { message } };
  }
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'Input validation failed');
}

export async function startFakeNs1(options: FakeNs1Options): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'hex32', defaultTtl: 3600 });

  const wire = (record: FakeRecord) => ({
    id: record.id.slice(0, 24),
    zone: record.zone,
    domain: record.name,
    type: record.type,
    ttl: record.ttl,
    use_client_subnet: true,
    answers: [{ id: `${record.id.slice(0, 23)}a`, answer: [record.content] }],
    filters: [],
    meta: {},
    regions: {},
    tier: 1,
  });
  const answerOf = (body: Record<string, unknown>, type: string): string => {
    const answers = body.answers;
    const first: unknown = Array.isArray(answers) && answers.length === 1 ? (answers[0] as Record<string, unknown> | null)?.answer : undefined;
    const value: unknown = Array.isArray(first) && first.length === 1 ? first[0] : undefined;
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!valid) throw new ApiError(400, 'Input validation failed (answers)');
    return value;
  };
  const ttlOf = (ttl: unknown, fallback: number): number => {
    if (ttl === undefined) return fallback;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) throw new ApiError(400, 'Input validation failed (ttl)');
    return ttl;
  };

  function zonePage(request: SeenRequest): FakeReply {
    const page = Number(request.query.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1) throw new ApiError(400, 'Input validation failed (page)');
    const { items, totalPages } = pageOf(store.zones(), page, options.zonePageSize ?? 2500);
    const body = items.map((zone) => ({ id: zone.id.slice(0, 24), zone: zone.name, ttl: 3600, nx_ttl: 3600, retry: 7200, refresh: 43200, expiry: 1209600, dns_servers: ['dns1.p01.nsone.net'], records: [] }));
    const headers: Record<string, string> = page < totalPages ? { link: `<http://api.nsone.net/v1/zones?page=${page + 1}>; rel="next"` } : {};
    return { status: 200, headers, body };
  }

  function route(request: SeenRequest): FakeReply {
    if (request.headers['x-nsone-key'] !== options.apiKey) throw new ApiError(401, 'Unauthorized');
    const parts = request.path.split('/').filter((part) => part !== '').map(decodeURIComponent);
    if (parts[0] !== 'v1' || parts[1] !== 'zones') throw new ApiError(404, 'Not Found');
    if (parts.length === 2 && request.method === 'GET') return zonePage(request);
    const zone = store.zoneByName(parts[2] ?? '');
    if (zone === undefined) throw new ApiError(404, 'zone not found');
    if (parts.length !== 5) throw new ApiError(404, 'Not Found');
    const name = plainName(parts[3] ?? '');
    const type = parts[4] ?? '';
    if (name !== zone.name && !name.endsWith(`.${zone.name}`)) throw new ApiError(400, 'record domain is not in zone');
    if (type !== 'A' && type !== 'AAAA') throw new ApiError(400, 'Input validation failed (type)');
    const [existing] = store.records({ name, type });
    if (request.method === 'GET') {
      if (existing === undefined) throw new ApiError(404, 'record not found');
      return { status: 200, body: wire(existing) };
    }
    if (request.method === 'PUT') {
      if (existing !== undefined) throw new ApiError(400, 'record already exists');
      const body = jsonObject(request.body);
      return { status: 200, body: wire(store.create({ zone: zone.name, name, type, content: answerOf(body, type), ttl: ttlOf(body.ttl, 3600) })) };
    }
    if (request.method === 'POST') {
      if (existing === undefined) throw new ApiError(404, 'record not found');
      const body = jsonObject(request.body);
      const updated = store.update(existing.id, { content: answerOf(body, type), ttl: ttlOf(body.ttl, existing.ttl) });
      return { status: 200, body: updated === undefined ? {} : wire(updated) };
    }
    throw new ApiError(405, 'Method Not Allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return error.reply;
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
