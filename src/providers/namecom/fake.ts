import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Name.com API v4 (WIRE.md in this folder): HTTP Basic username:token checked on every
 * request, `/v4/domains` and `/v4/domains/{domainName}/records` paged by page/perPage with
 * `nextPage`/`lastPage`, records by numeric id with `host` "" for the apex, and the
 * `{"message","details"}` error bodies with their statuses.
 */
export interface FakeNamecomOptions {
  username: string;
  token: string;
  zones: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: string,
  ) {
    super(message);
  }
}

const RECORDS_PATH = /^\/v4\/domains\/([^/]+)\/records(?:\/([^/]+))?$/;

function pageParameter(text: string | null, fallback: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, 'Invalid Argument', 'page and perPage must be positive integers');
  return value;
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'Invalid Argument', 'request body is not JSON');
}

export async function startFakeNamecom(options: FakeNamecomOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 300 });
  const expected = `Basic ${Buffer.from(`${options.username}:${options.token}`).toString('base64')}`;

  const paged = <T>(request: SeenRequest, items: readonly T[]) => {
    const page = pageParameter(request.query.get('page'), 1);
    const { items: slice, totalCount, totalPages } = pageOf(items, page, Math.min(pageParameter(request.query.get('perPage'), 1000), 1000));
    return { slice, paging: { ...(page < totalPages ? { nextPage: page + 1 } : {}), lastPage: totalPages, totalCount } };
  };
  const wire = (record: FakeRecord) => {
    const host = record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1));
    return { id: Number(record.id), domainName: record.zone, host, fqdn: `${record.name}.`, type: record.type, answer: record.content, ttl: record.ttl };
  };
  const fields = (body: Record<string, unknown>, zone: string, fallbackTtl: number) => {
    const { host, type, answer, ttl } = body;
    if (type !== 'A' && type !== 'AAAA') throw new ApiError(400, 'Invalid Argument', 'type is not supported');
    if (typeof host !== 'string' || host.endsWith('.') || host === '@') throw new ApiError(400, 'Invalid Argument', 'host is invalid');
    const valid = typeof answer === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(answer) : answer.includes(':'));
    if (!valid) throw new ApiError(400, 'Invalid Argument', 'answer is not a valid IP address');
    const seconds = ttl ?? fallbackTtl;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 300) throw new ApiError(400, 'Invalid Argument', 'TTL must be at least 300');
    return { type, name: host === '' ? zone : `${plainName(host)}.${zone}`, content: answer, ttl: seconds };
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== expected) throw new ApiError(401, 'Unauthenticated');
    if (request.method === 'GET' && request.path === '/v4/domains') {
      const { slice, paging } = paged(request, store.zones());
      return { status: 200, body: { domains: slice.map((zone) => ({ domainName: zone.name, locked: true, autorenewEnabled: true })), ...paging } };
    }
    const match = RECORDS_PATH.exec(request.path);
    const zone = match === null ? undefined : store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (match === null || zone === undefined) throw new ApiError(404, 'Not Found');
    const id = match[2];
    if (id === undefined && request.method === 'GET') {
      const { slice, paging } = paged(request, store.records({ zone: zone.name }));
      return { status: 200, body: { records: slice.map(wire), ...paging } };
    }
    if (id === undefined && request.method === 'POST') {
      return { status: 200, body: wire(store.create({ zone: zone.name, ...fields(jsonObject(request.body), zone.name, 300) })) };
    }
    if (id !== undefined && request.method === 'PUT') {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'Not Found');
      const updated = store.update(id, fields(jsonObject(request.body), zone.name, existing.ttl));
      return { status: 200, body: wire(updated ?? existing) };
    }
    throw new ApiError(405, 'Method Not Allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
      throw error;
    }
  });
  return { endpoint: `${server.url}/v4`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
