import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import { FakeApiError, jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Vultr API v2 DNS (WIRE.md in this folder): `Authorization: Bearer` checked on every
 * request, `/domains` and `/domains/{domain}/records` paged by `per_page` and an opaque `cursor`
 * (`meta.links.next`, empty on the last page), `POST` answering 201 `{"record":…}`, `PATCH`
 * answering 204, and errors as `{"error":"…","status":N}`. The apex record's name is "".
 */
export interface FakeVultrOptions {
  apiKey: string;
  zones: string[];
}

/** Vultr's errors carry their HTTP status in the body as well. */
const apiError = (status: number, message: string) => new FakeApiError(status, message, status);
const jsonBody = (body: string) => jsonObjectOf(body, () => apiError(400, 'Invalid JSON body'));

const encodeCursor = (offset: number): string => Buffer.from(`next__${offset}`).toString('base64');

/** One cursor page of `items`, with Vultr's `meta`. */
function cursorPage<T>(items: readonly T[], request: SeenRequest): { items: T[]; meta: object } {
  const perPageText = request.query.get('per_page');
  const perPage = perPageText === null ? 100 : Number(perPageText);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500) throw apiError(400, 'per_page must be between 1 and 500');
  const cursor = request.query.get('cursor');
  let offset = 0;
  if (cursor !== null && cursor !== '') {
    const match = /^next__(\d+)$/.exec(Buffer.from(cursor, 'base64').toString());
    if (match?.[1] === undefined) throw apiError(400, 'Invalid cursor');
    offset = Number(match[1]);
  }
  const end = offset + perPage;
  return {
    items: items.slice(offset, end),
    meta: { total: items.length, links: { next: end < items.length ? encodeCursor(end) : '', prev: offset > 0 ? encodeCursor(Math.max(0, offset - perPage)) : '' } },
  };
}

export async function startFakeVultr(options: FakeVultrOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'uuid', defaultTtl: 300 });
  const expected = `Bearer ${options.apiKey}`;

  const wire = (record: FakeRecord) => {
    const host = hostInZone(record.name, record.zone);
    return { id: record.id, type: record.type, name: host === '@' ? '' : host, data: record.content, priority: -1, ttl: record.ttl };
  };
  const nameOf = (host: unknown, zone: string): string => {
    if (typeof host !== 'string') throw apiError(400, 'Invalid record name');
    return host === '' || host === '@' ? zone : `${plainName(host)}.${zone}`;
  };
  const dataOf = (data: unknown, type: string): string => {
    const valid = typeof data === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(data) : data.includes(':'));
    if (!valid) throw apiError(400, 'Invalid record data');
    return data;
  };
  const ttlOf = (ttl: unknown): number => {
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1) throw apiError(400, 'Invalid TTL');
    return ttl;
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== expected) throw apiError(401, 'Invalid API token.');
    if (request.method === 'GET' && request.path === '/domains') {
      const page = cursorPage(store.zones(), request);
      return { status: 200, body: { domains: page.items.map((zone) => ({ domain: zone.name, date_created: '2024-01-01T00:00:00+00:00', dns_sec: 'disabled' })), meta: page.meta } };
    }
    const match = /^\/domains\/([^/]+)\/records(?:\/([^/]+))?$/.exec(request.path);
    const zone = match?.[1] === undefined ? undefined : store.zoneByName(decodeURIComponent(match[1]));
    if (match === null) throw apiError(404, 'Not found');
    if (zone === undefined) throw apiError(404, 'Domain not found.');
    const id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (request.method === 'GET' && id === undefined) {
      const page = cursorPage(store.records({ zone: zone.name }), request);
      return { status: 200, body: { records: page.items.map(wire), meta: page.meta } };
    }
    if (request.method === 'GET' && id !== undefined) {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone.name) throw apiError(404, 'Record not found.');
      return { status: 200, body: { record: wire(existing) } };
    }
    if (request.method === 'POST' && id === undefined) {
      const body = jsonBody(request.body);
      const type = body['type'];
      if (type !== 'A' && type !== 'AAAA') throw apiError(400, 'Invalid record type');
      const created = store.create({ zone: zone.name, name: nameOf(body['name'], zone.name), type, content: dataOf(body['data'], type), ttl: ttlOf(body['ttl'] ?? 300) });
      return { status: 201, body: { record: wire(created) } };
    }
    if (request.method === 'PATCH' && id !== undefined) {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone.name) throw apiError(404, 'Record not found.');
      const body = jsonBody(request.body);
      store.update(id, {
        ...(body['name'] === undefined ? {} : { name: nameOf(body['name'], zone.name) }),
        ...(body['data'] === undefined ? {} : { content: dataOf(body['data'], existing.type) }),
        ...(body['ttl'] === undefined ? {} : { ttl: ttlOf(body['ttl']) }),
      });
      return { status: 204 };
    }
    throw apiError(405, 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof FakeApiError) return { status: error.status, body: { error: error.message, status: error.status } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
