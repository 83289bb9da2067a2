import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Linode API v4 domains (WIRE.md in this folder): the Bearer token checked on every
 * request, `GET /domains` and `GET /domains/{id}/records` paged by page/page_size (25–500, default
 * 100) with `{data, page, pages, results}`, `POST` / `PUT` records answering the record, and the
 * `{"errors":[{"reason"}]}` envelope with the real status codes.
 */
export interface FakeLinodeOptions {
  token: string;
  zones: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'Invalid JSON');
}

function pageParameter(text: string | null, fallback: number, minimum: number, maximum: number, field: string): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < minimum || value > maximum) throw new ApiError(400, `Must be an integer between ${minimum} and ${maximum}`, field);
  return value;
}

function paged<T>(items: readonly T[], request: SeenRequest, map: (item: T) => unknown): FakeReply {
  const page = pageParameter(request.query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER, 'page');
  const size = pageParameter(request.query.get('page_size'), 100, 25, 500, 'page_size');
  const slice = pageOf(items, page, size);
  return { status: 200, body: { data: slice.items.map(map), page, pages: slice.totalPages, results: slice.totalCount } };
}

export async function startFakeLinode(options: FakeLinodeOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 0 });

  const wire = (record: FakeRecord) => ({
    id: Number(record.id),
    type: record.type,
    name: record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1)),
    target: record.content,
    ttl_sec: record.ttl,
    priority: 0,
    weight: 0,
    port: 0,
    service: null,
    protocol: null,
    tag: null,
  });
  const zoneOf = (id: string) => {
    const zone = store.zoneById(id);
    if (zone === undefined) throw new ApiError(404, 'Not found');
    return zone;
  };
  const fields = (body: Record<string, unknown>, zone: string, current?: FakeRecord) => {
    const type = body.type ?? current?.type;
    if (type !== 'A' && type !== 'AAAA') throw new ApiError(400, 'type is required', 'type');
    const host = body.name ?? (current === undefined ? '' : current.name === zone ? '' : current.name.slice(0, -(zone.length + 1)));
    if (typeof host !== 'string') throw new ApiError(400, 'Must be a string', 'name');
    const target = body.target ?? current?.content;
    const valid = typeof target === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(target) : target.includes(':'));
    if (!valid) throw new ApiError(400, `You must provide a valid ${type === 'A' ? 'IPv4' : 'IPv6'} address`, 'target');
    const ttl = body.ttl_sec ?? current?.ttl ?? 0;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) throw new ApiError(400, 'Must be an integer', 'ttl_sec');
    return { type, name: host === '' || host === '@' ? zone : `${plainName(host)}.${zone}`, content: target, ttl };
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(401, 'Invalid Token');
    if (request.method === 'GET' && request.path === '/domains') {
      return paged(store.zones(), request, (zone) => ({ id: Number(zone.id), domain: zone.name, type: 'master', status: 'active', soa_email: `admin@${zone.name}`, ttl_sec: 0, tags: [] }));
    }
    const match = /^\/domains\/(\d+)\/records(?:\/(\d+))?$/.exec(request.path);
    if (match === null) throw new ApiError(404, 'Not found');
    const zone = zoneOf(match[1] ?? '');
    const recordId = match[2];
    if (recordId === undefined && request.method === 'GET') return paged(store.records({ zone: zone.name }), request, wire);
    if (recordId === undefined && request.method === 'POST') {
      const created = store.create({ zone: zone.name, ...fields(jsonObject(request.body), zone.name) });
      return { status: 200, body: wire(created) };
    }
    const existing = recordId === undefined ? undefined : store.record(recordId);
    if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'Not found');
    if (request.method === 'GET') return { status: 200, body: wire(existing) };
    if (request.method === 'PUT') {
      const updated = store.update(existing.id, fields(jsonObject(request.body), zone.name, existing));
      return { status: 200, body: wire(updated ?? existing) };
    }
    throw new ApiError(405, 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { errors: [{ reason: error.message, ...(error.field === undefined ? {} : { field: error.field }) }] } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
