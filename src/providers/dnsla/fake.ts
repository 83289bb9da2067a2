import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the DNS.LA API (WIRE.md in this folder): Basic authentication checked on every
 * request, `/api/domainList` paged by pageIndex/pageSize with `data.total`, `/api/recordList`
 * filtered by domain, host and numeric type, `POST` / `PUT /api/record`, and the `{code, msg, data}`
 * envelope (HTTP 200 with code 200 on success). Domain names carry the trailing dot, as DNS.LA writes them.
 */
export interface FakeDnslaOptions {
  apiId: string;
  apiSecret: string;
  zones: string[];
}

const TYPE_BY_CODE: Record<number, string> = { 1: 'A', 28: 'AAAA' };
const CODE_BY_TYPE: Record<string, number> = { A: 1, AAAA: 28 };

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

const ok = (data: unknown): FakeReply => ({ status: 200, body: { code: 200, msg: '', data } });

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, '参数错误');
}

function positiveInteger(text: string | null, fallback: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, '参数错误: pageIndex/pageSize');
  return value;
}

export async function startFakeDnsla(options: FakeDnslaOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 600 });
  const expected = `Basic ${Buffer.from(`${options.apiId}:${options.apiSecret}`).toString('base64')}`;

  const wire = (record: FakeRecord) => {
    const host = record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1));
    return { id: record.id, host, type: CODE_BY_TYPE[record.type] ?? 0, data: record.content, ttl: record.ttl, domainId: store.zoneByName(record.zone)?.id };
  };
  const nameOf = (host: unknown, zone: string): string => {
    if (typeof host !== 'string') throw new ApiError(400, '参数错误: host');
    return host === '@' || host === '' ? zone : `${plainName(host)}.${zone}`;
  };
  const typeOf = (code: unknown): string => {
    const type = typeof code === 'number' ? TYPE_BY_CODE[code] : undefined;
    if (type === undefined) throw new ApiError(400, '参数错误: type');
    return type;
  };
  const contentOf = (data: unknown, type: string): string => {
    const valid = typeof data === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(data) : data.includes(':'));
    if (!valid) throw new ApiError(400, '记录值格式错误');
    return data;
  };
  const ttlOf = (ttl: unknown): number => {
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new ApiError(400, 'TTL 不合法');
    return ttl;
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== expected) throw new ApiError(401, '认证失败', 401);
    if (request.method === 'GET' && request.path === '/api/domainList') {
      const { items, totalCount } = pageOf(store.zones(), positiveInteger(request.query.get('pageIndex'), 1), positiveInteger(request.query.get('pageSize'), 10));
      return ok({ total: totalCount, results: items.map((zone) => ({ id: zone.id, domain: `${zone.name}.`, displayDomain: `${zone.name}.`, state: 1 })) });
    }
    if (request.method === 'GET' && request.path === '/api/recordList') {
      const zone = store.zoneByName(request.query.get('domain') ?? '');
      if (zone === undefined) throw new ApiError(404, '域名不存在');
      const host = request.query.get('host');
      const type = request.query.get('type');
      const records = store
        .records({ zone: zone.name, ...(type === null ? {} : { type: typeOf(Number(type)) }) })
        .filter((record) => host === null || record.name === nameOf(host, zone.name));
      const { items, totalCount } = pageOf(records, positiveInteger(request.query.get('pageIndex'), 1), positiveInteger(request.query.get('pageSize'), 10));
      return ok({ total: totalCount, results: items.map(wire) });
    }
    if (request.path === '/api/record' && request.method === 'POST') {
      const body = jsonObject(request.body);
      const zone = typeof body.domainId === 'string' ? store.zoneById(body.domainId) : undefined;
      if (zone === undefined) throw new ApiError(404, '域名不存在');
      const type = typeOf(body.type);
      const name = nameOf(body.host, zone.name);
      const content = contentOf(body.data, type);
      if (store.records({ name, type }).some((record) => record.content === content)) throw new ApiError(400, '记录已存在');
      return ok({ id: store.create({ zone: zone.name, name, type, content, ttl: ttlOf(body.ttl ?? 600) }).id });
    }
    if (request.path === '/api/record' && request.method === 'PUT') {
      const body = jsonObject(request.body);
      const existing = typeof body.id === 'string' ? store.record(body.id) : undefined;
      if (existing === undefined) throw new ApiError(404, '记录不存在');
      const type = typeOf(body.type);
      store.update(existing.id, { name: nameOf(body.host, existing.zone), type, content: contentOf(body.data, type), ttl: ttlOf(body.ttl ?? existing.ttl) });
      return ok(null);
    }
    throw new ApiError(404, 'not found', 404);
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { code: error.code, msg: error.message, data: null } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
