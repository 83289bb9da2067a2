import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import { FakeApiError } from '../../../test/helpers/fake-per-test.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Rainyun's API v2 (WIRE.md in this folder): the `x-api-key` header checked on every
 * request, `GET /product/domain/` paged by the `options` JSON document (page, perPage),
 * `GET /product/domain/{id}/dns` paged by limit/page_no with a short default page so that a
 * client which forgets to page misses records, `POST` / `PATCH /product/domain/{id}/dns` with
 * JSON bodies, and the `{code, message, data}` envelope (code 200 on success).
 */
export interface FakeRainyunOptions {
  apiKey: string;
  zones: string[];
}

/** Page sizes the API uses when none is asked for (**unconfirmed**: small on purpose). */
const DEFAULT_PER_PAGE = 20;
const DEFAULT_LIMIT = 10;


const ok = (data: unknown): FakeReply => ({ status: 200, body: { code: 200, message: 'ok', data } });

function jsonObject(request: SeenRequest): Record<string, unknown> {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw new FakeApiError(400, '参数错误: Content-Type');
  try {
    const parsed: unknown = JSON.parse(request.body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new FakeApiError(400, '参数错误');
}

function positive(value: unknown, fallback: number): number {
  const number = value === undefined || value === null ? fallback : Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1000) throw new FakeApiError(400, '参数错误: 分页');
  return number;
}

export async function startFakeRainyun(options: FakeRainyunOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: String(7001 + index) })), idStyle: 'numeric', defaultTtl: 600 });

  const hostOf = (record: FakeRecord) => (record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1)));
  const lineOf = (record: FakeRecord) => (typeof record.extra['line'] === 'string' ? record.extra['line'] : 'DEFAULT');
  const wire = (record: FakeRecord) => ({ record_id: Number(record.id), host: hostOf(record), type: record.type, value: record.content, ttl: record.ttl, line: lineOf(record), level: 10, rain_product_type: '' });

  function zoneOfPath(id: string) {
    const zone = store.zoneById(id);
    if (zone === undefined) throw new FakeApiError(404, '域名不存在');
    return zone;
  }

  function recordFields(body: Record<string, unknown>, zone: string) {
    const { host, type, value, ttl, line } = body;
    if (typeof host !== 'string' || host === '') throw new FakeApiError(400, '参数错误: host');
    if (type !== 'A' && type !== 'AAAA') throw new FakeApiError(400, '参数错误: type');
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!valid) throw new FakeApiError(400, '记录值格式错误');
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new FakeApiError(400, 'TTL 不合法');
    if (typeof line !== 'string' || line === '') throw new FakeApiError(400, '参数错误: line');
    return { name: host === '@' ? zone : `${plainName(host)}.${zone}`, type, content: value, ttl, line };
  }

  function route(request: SeenRequest): FakeReply {
    if (request.headers['x-api-key'] !== options.apiKey) throw new FakeApiError(30039, '密钥认证错误或已失效', 401);
    if (request.method === 'GET' && (request.path === '/product/domain/' || request.path === '/product/domain')) {
      let paging: Record<string, unknown> = {};
      try {
        paging = JSON.parse(request.query.get('options') ?? '{}') as Record<string, unknown>;
      } catch {
        throw new FakeApiError(400, '参数错误: options');
      }
      const { items, totalCount } = pageOf(store.zones(), positive(paging['page'], 1), positive(paging['perPage'], DEFAULT_PER_PAGE));
      return ok({ TotalRecords: totalCount, Records: items.map((zone) => ({ id: Number(zone.id), domain: zone.name, status: 'normal' })) });
    }
    const match = /^\/product\/domain\/(\d+)\/dns\/?$/.exec(request.path);
    if (match?.[1] === undefined) throw new FakeApiError(404, 'not found', 404);
    const zone = zoneOfPath(match[1]);
    if (request.method === 'GET') {
      const { items, totalCount } = pageOf(store.records({ zone: zone.name }), positive(request.query.get('page_no'), 1), positive(request.query.get('limit'), DEFAULT_LIMIT));
      return ok({ TotalRecords: totalCount, Records: items.map(wire) });
    }
    const body = jsonObject(request);
    const fields = recordFields(body, zone.name);
    if (request.method === 'POST') {
      if (store.records({ name: fields.name, type: fields.type }).some((record) => record.content === fields.content && lineOf(record) === fields.line)) throw new FakeApiError(40001, '记录已存在');
      store.create({ zone: zone.name, name: fields.name, type: fields.type, content: fields.content, ttl: fields.ttl, extra: { line: fields.line } });
      return ok(null);
    }
    if (request.method === 'PATCH') {
      const existing = typeof body['record_id'] === 'number' ? store.record(String(body['record_id'])) : undefined;
      if (existing === undefined || existing.zone !== zone.name) throw new FakeApiError(404, '记录不存在');
      store.update(existing.id, { name: fields.name, type: fields.type, content: fields.content, ttl: fields.ttl, extra: { line: fields.line } });
      return ok(null);
    }
    throw new FakeApiError(405, 'method not allowed', 405);
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof FakeApiError) return { status: error.status, body: { code: error.code, message: error.message } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
