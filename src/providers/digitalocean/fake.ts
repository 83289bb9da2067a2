import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of DigitalOcean API v2 domains and records (WIRE.md in this folder): the Bearer token
 * checked on every request, `/v2/domains` and `/v2/domains/{zone}/records` paged by page/per_page
 * with `links.pages.next`, the `name` filter taking the full name, numeric record ids, and the
 * `{"id","message"}` error bodies with their statuses.
 */
export interface FakeDigitaloceanOptions {
  token: string;
  zones: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

const RECORDS_PATH = /^\/v2\/domains\/([^/]+)\/records(?:\/([^/]+))?$/;

function pageParameter(text: string | null, fallback: number, maximum: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, 'bad_request', 'page and per_page must be positive integers');
  return Math.min(value, maximum);
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'bad_request', 'unexpected end of JSON input');
}

export async function startFakeDigitalocean(options: FakeDigitaloceanOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 1800 });
  let base = '';

  const paged = <T>(request: SeenRequest, items: readonly T[]) => {
    const page = pageParameter(request.query.get('page'), 1, Number.MAX_SAFE_INTEGER);
    const perPage = pageParameter(request.query.get('per_page'), 20, 200);
    const { items: slice, totalCount, totalPages } = pageOf(items, page, perPage);
    const link = (to: number) => `${base}${request.path}?page=${to}&per_page=${perPage}`;
    const pages = page < totalPages ? { next: link(page + 1), last: link(totalPages) } : {};
    return { slice, links: { pages }, meta: { total: totalCount } };
  };
  const wire = (record: FakeRecord) => ({ id: Number(record.id), type: record.type, name: hostInZone(record.name, record.zone), data: record.content, priority: null, port: null, ttl: record.ttl, weight: null, flags: null, tag: null });
  const fields = (body: Record<string, unknown>, zone: string, fallbackTtl: number) => {
    const { type, name, data, ttl } = body;
    if (type !== 'A' && type !== 'AAAA') throw new ApiError(422, 'unprocessable_entity', 'Type is not a valid record type');
    if (typeof name !== 'string' || name === '' || name.endsWith('.')) throw new ApiError(422, 'unprocessable_entity', 'Name is invalid');
    const valid = typeof data === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(data) : data.includes(':'));
    if (!valid) throw new ApiError(422, 'unprocessable_entity', 'Data needs to be a valid IP address');
    const seconds = ttl ?? fallbackTtl;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 30) throw new ApiError(422, 'unprocessable_entity', 'Ttl must be at least 30');
    return { type, name: nameInZone(plainName(name), zone), content: data, ttl: seconds };
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(401, 'unauthorized', 'Unable to authenticate you');
    if (request.method === 'GET' && request.path === '/v2/domains') {
      const { slice, links, meta } = paged(request, store.zones());
      return { status: 200, body: { domains: slice.map((zone) => ({ name: zone.name, ttl: 1800, zone_file: '' })), links, meta } };
    }
    const match = RECORDS_PATH.exec(request.path);
    const zone = match === null ? undefined : store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (match === null || zone === undefined) throw new ApiError(404, 'not_found', 'The resource you were accessing could not be found.');
    const id = match[2];
    if (id === undefined && request.method === 'GET') {
      const name = request.query.get('name');
      const type = request.query.get('type');
      const records = store.records({ zone: zone.name, ...(type === null ? {} : { type }) }).filter((record) => name === null || record.name === plainName(name));
      const { slice, links, meta } = paged(request, records);
      return { status: 200, body: { domain_records: slice.map(wire), links, meta } };
    }
    if (id === undefined && request.method === 'POST') {
      const record = store.create({ zone: zone.name, ...fields(jsonObject(request.body), zone.name, 1800) });
      return { status: 201, body: { domain_record: wire(record) } };
    }
    if (id !== undefined && (request.method === 'PUT' || request.method === 'PATCH')) {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'not_found', 'The resource you were accessing could not be found.');
      const updated = store.update(id, fields(jsonObject(request.body), zone.name, existing.ttl));
      return { status: 200, body: { domain_record: wire(updated ?? existing) } };
    }
    throw new ApiError(405, 'method_not_allowed', 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { id: error.id, message: error.message } };
      throw error;
    }
  });
  base = server.url;
  return { endpoint: `${server.url}/v2`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
