import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of DNSimple API v2 (WIRE.md in this folder): the Bearer token checked on every request,
 * `/v2/whoami`, `/v2/{account}/zones` paged by page/per_page with `pagination`, records filtered by
 * exact `name` and `type`, `POST` (201) and `PATCH` of records, and `{"message": …}` error bodies
 * with the real statuses (401, 404, 400 with `errors`, 429).
 */
export interface FakeDnsimpleOptions {
  apiToken: string;
  accountId: number;
  zones: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string[]>,
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

function pageParameter(text: string | null, fallback: number, maximum: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, 'Invalid pagination parameters');
  return Math.min(value, maximum);
}

export async function startFakeDnsimple(options: FakeDnsimpleOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });
  const account = String(options.accountId);

  const wire = (record: FakeRecord) => ({
    id: Number(record.id),
    zone_id: record.zone,
    parent_id: null,
    name: record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1)),
    content: record.content,
    ttl: record.ttl,
    priority: null,
    type: record.type,
    regions: ['global'],
    system_record: false,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  });
  const paged = (items: readonly unknown[], request: SeenRequest): FakeReply => {
    const page = pageParameter(request.query.get('page'), 1, Number.MAX_SAFE_INTEGER);
    const perPage = pageParameter(request.query.get('per_page'), 30, 100);
    const slice = pageOf(items, page, perPage);
    return { status: 200, body: { data: slice.items, pagination: { current_page: page, per_page: perPage, total_entries: slice.totalCount, total_pages: slice.totalPages } } };
  };
  const validate = (body: Record<string, unknown>, type: string): { content: string; ttl: number | undefined } => {
    const errors: Record<string, string[]> = {};
    const content = body.content;
    const valid = typeof content === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(content) : type === 'AAAA' ? content.includes(':') : content !== '');
    if (!valid) errors.content = ['is invalid'];
    const ttl = body.ttl;
    if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 60)) errors.ttl = ['must be greater than or equal to 60'];
    if (Object.keys(errors).length > 0) throw new ApiError(400, 'Validation failed', errors);
    return { content: content as string, ttl: ttl as number | undefined };
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.apiToken}`) throw new ApiError(401, 'Authentication failed');
    if (request.method === 'GET' && request.path === '/v2/whoami') {
      return { status: 200, body: { data: { user: null, account: { id: options.accountId, email: 'ops@example.com', plan_identifier: 'teams-v1-monthly' } } } };
    }
    const match = /^\/v2\/([^/]+)\/zones(?:\/([^/]+)\/records(?:\/([^/]+))?)?$/.exec(request.path);
    if (match === null) throw new ApiError(404, 'Not found');
    const [, accountPart, zonePart, recordPart] = match;
    if (accountPart !== account) throw new ApiError(404, `Account \`${accountPart ?? ''}\` not found`);
    if (zonePart === undefined) {
      if (request.method !== 'GET') throw new ApiError(405, 'Method not allowed');
      return paged(store.zones().map((zone) => ({ id: Number(zone.id), account_id: options.accountId, name: zone.name, reverse: false, active: true })), request);
    }
    const zone = store.zoneByName(decodeURIComponent(zonePart));
    if (zone === undefined) throw new ApiError(404, `Zone \`${decodeURIComponent(zonePart)}\` not found`);
    if (recordPart === undefined && request.method === 'GET') {
      const name = request.query.get('name');
      const type = request.query.get('type');
      const records = store
        .records({ zone: zone.name, ...(type === null ? {} : { type: type.toUpperCase() }) })
        .filter((record) => name === null || record.name === (name === '' ? zone.name : `${plainName(name)}.${zone.name}`));
      return paged(records.map(wire), request);
    }
    if (recordPart === undefined && request.method === 'POST') {
      const body = jsonObject(request.body);
      const type = typeof body.type === 'string' ? body.type.toUpperCase() : '';
      if (type === '') throw new ApiError(400, 'Validation failed', { type: ["can't be blank"] });
      if (typeof body.name !== 'string') throw new ApiError(400, 'Validation failed', { name: ['is invalid'] });
      const name = body.name === '' ? zone.name : `${plainName(body.name)}.${zone.name}`;
      const { content, ttl } = validate(body, type);
      if (store.records({ name, type }).some((record) => record.content === content)) throw new ApiError(400, 'Validation failed', { base: ['Record already exists'] });
      return { status: 201, body: { data: wire(store.create({ zone: zone.name, name, type, content, ...(ttl === undefined ? {} : { ttl }) })) } };
    }
    if (recordPart !== undefined && request.method === 'PATCH') {
      const existing = store.record(decodeURIComponent(recordPart));
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, `Record \`${recordPart}\` not found`);
      const body = jsonObject(request.body);
      const { content, ttl } = validate({ content: existing.content, ...body }, existing.type);
      store.update(existing.id, { content, ttl: ttl ?? existing.ttl });
      const updated = store.record(existing.id);
      return { status: 200, body: { data: updated === undefined ? null : wire(updated) } };
    }
    throw new ApiError(405, 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { message: error.message, ...(error.errors === undefined ? {} : { errors: error.errors }) } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
