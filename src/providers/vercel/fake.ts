import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Vercel DNS (WIRE.md in this folder): the Bearer token checked on every request (and
 * `teamId` when the domains belong to a team), `GET /v5/domains` and `GET /v5/domains/{domain}/records`
 * paged newest first by `limit` and the `until` cursor that `pagination.next` hands out,
 * `POST /v2/domains/{domain}/records` answering `{uid}`, `PATCH /v1/domains/records/{id}` answering the
 * record (its DNS type as `recordType`, `type` being "record"), and the `{"error":{"code","message"}}` envelope with the real status codes.
 */
export interface FakeVercelOptions {
  token: string;
  zones: string[];
  /** The team owning the domains: then every request must carry ?teamId=<it>. */
  teamId?: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly invalidToken = false,
  ) {
    super(message);
  }
}

/** Vercel pages by time: item i of a listing "was created" at EPOCH - i seconds, newest first. */
const EPOCH = 1_700_000_000_000;

function paged<T>(items: readonly T[], request: SeenRequest): { page: T[]; pagination: { count: number; next: number | null; prev: number | null } } {
  const limitText = request.query.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(400, 'bad_request', 'Invalid request: `limit` should be <= 100');
  const untilText = request.query.get('until');
  const until = untilText === null ? Infinity : Number(untilText);
  if (Number.isNaN(until)) throw new ApiError(400, 'bad_request', 'Invalid request: `until` should be a number');
  const start = items.findIndex((_item, index) => EPOCH - index * 1000 < until);
  const page = start === -1 ? [] : items.slice(start, start + limit);
  const last = start + page.length - 1;
  const more = start !== -1 && last < items.length - 1;
  return { page, pagination: { count: page.length, next: more ? EPOCH - last * 1000 : null, prev: null } };
}

function jsonBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'bad_request', 'Invalid JSON body');
}

export async function startFakeVercel(options: FakeVercelOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'uuid', defaultTtl: 60 });

  const wire = (record: FakeRecord) => ({
    id: record.id,
    slug: `${record.name}-${record.type}`,
    name: record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1)),
    type: record.type,
    value: record.content,
    creator: 'system',
    created: EPOCH,
    updated: EPOCH,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    ttl: record.ttl,
  });
  const valueOf = (value: unknown, type: string): string => {
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!valid) throw new ApiError(400, 'invalid_value', `Invalid ${type} record value`);
    return value;
  };
  const ttlOf = (ttl: unknown, fallback: number): number => {
    const value = ttl ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 60 || value > 2_147_483_647) throw new ApiError(400, 'bad_request', 'Invalid request: `ttl` should be >= 60');
    return value;
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(403, 'forbidden', 'Not authorized', true);
    if (options.teamId !== undefined && request.query.get('teamId') !== options.teamId) throw new ApiError(403, 'forbidden', 'Not authorized');
    if (request.method === 'GET' && request.path === '/v5/domains') {
      const { page, pagination } = paged(store.zones(), request);
      return { status: 200, body: { domains: page.map((zone) => ({ id: `dom_${zone.id}`, name: zone.name, serviceType: 'zeit.world', verified: true })), pagination } };
    }
    const records = /^\/v[25]\/domains\/([^/]+)\/records$/.exec(request.path);
    if (records !== null) {
      const zone = store.zoneByName(decodeURIComponent(records[1] ?? ''));
      if (zone === undefined) throw new ApiError(404, 'not_found', 'Domain not found');
      if (request.method === 'GET' && request.path.startsWith('/v5/')) {
        const { page, pagination } = paged(store.records({ zone: zone.name }), request);
        return { status: 200, body: { records: page.map(wire), pagination } };
      }
      if (request.method === 'POST' && request.path.startsWith('/v2/')) {
        const body = jsonBody(request.body);
        const type = body.type;
        if (type !== 'A' && type !== 'AAAA') throw new ApiError(400, 'bad_request', 'Invalid request: `type` is required');
        const host = body.name;
        if (typeof host !== 'string') throw new ApiError(400, 'bad_request', 'Invalid request: `name` is required');
        const name = host === '' ? zone.name : `${plainName(host)}.${zone.name}`;
        const content = valueOf(body.value, type);
        if (store.records({ name, type }).some((record) => record.content === content)) throw new ApiError(409, 'record_already_exists', 'The DNS record already exists');
        return { status: 200, body: { uid: store.create({ zone: zone.name, name, type, content, ttl: ttlOf(body.ttl, 60) }).id, updated: EPOCH } };
      }
    }
    const update = /^\/v1\/domains\/records\/([^/]+)$/.exec(request.path);
    if (update !== null && request.method === 'PATCH') {
      const existing = store.record(decodeURIComponent(update[1] ?? ''));
      if (existing === undefined) throw new ApiError(404, 'not_found', 'DNS record not found');
      const body = jsonBody(request.body);
      const updated = store.update(existing.id, { content: valueOf(body.value ?? existing.content, existing.type), ttl: ttlOf(body.ttl, existing.ttl) });
      const record = updated ?? existing;
      const { name, value, ttl, createdAt, creator } = wire(record);
      return { status: 200, body: { createdAt, creator, domain: record.zone, id: record.id, name, recordType: record.type, ttl, type: 'record', value } };
    }
    throw new ApiError(404, 'not_found', 'The requested URL was not found');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.invalidToken ? { invalidToken: true } : {}) } } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
