import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, plainName, recordSetContent, recordSetValues, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Gcore DNS API (WIRE.md in this folder): `Authorization: APIKey …` checked on every
 * request, `/v2/zones` paged by limit/offset with `total_amount`, rrsets at
 * `/v2/zones/{zone}/{name}/{type}` (GET, POST to create, PUT to replace, each answering the rrset;
 * 404 when absent, 409 when a POST finds one), the zone listing's `name` filter, and
 * `{"error": …}` bodies with the real statuses. An rrset is one store record whose values are lines.
 */
export interface FakeGcoreOptions {
  apiToken: string;
  zones: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
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
  throw new ApiError(400, 'invalid request body');
}

function counter(text: string | null, fallback: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 0) throw new ApiError(400, 'invalid limit or offset');
  return value;
}

export async function startFakeGcore(options: FakeGcoreOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 300 });

  const values = (body: Record<string, unknown>, type: string): { content: string; ttl: number } => {
    const ttl = body.ttl ?? 300;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) throw new ApiError(400, 'invalid ttl');
    const records = body.resource_records;
    if (!Array.isArray(records) || records.length === 0) throw new ApiError(400, 'resource_records must not be empty');
    const list = records.map((record: unknown) => {
      const content = record !== null && typeof record === 'object' ? (record as Record<string, unknown>).content : undefined;
      const value = Array.isArray(content) ? (content as unknown[])[0] : undefined;
      const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
      if (!valid) throw new ApiError(400, `invalid ${type} record content`);
      return value;
    });
    return { content: recordSetContent(list), ttl };
  };

  const wire = (record: FakeRecord) => ({
    name: record.name,
    type: record.type,
    ttl: record.ttl,
    resource_records: recordSetValues(record).map((value, index) => ({ id: Number(record.id) * 10 + index, content: [value], enabled: true })),
  });

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `APIKey ${options.apiToken}`) throw new ApiError(401, 'invalid token');
    if (request.method === 'GET' && request.path === '/v2/zones') {
      const limit = counter(request.query.get('limit'), 10);
      const offset = counter(request.query.get('offset'), 0);
      const names = request.query.getAll('name').map(plainName);
      const zones = store.zones().filter((zone) => names.length === 0 || names.includes(zone.name));
      return { status: 200, body: { zones: zones.slice(offset, offset + Math.min(limit, 1000)).map((zone) => ({ id: Number(zone.id), name: zone.name, status: 'active', records_count: 2 })), total_amount: zones.length } };
    }
    const match = /^\/v2\/zones\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (match === null) throw new ApiError(404, 'page not found');
    const zone = store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (zone === undefined) throw new ApiError(404, 'zone is not found');
    const name = plainName(decodeURIComponent(match[2] ?? ''));
    const type = decodeURIComponent(match[3] ?? '').toUpperCase();
    if (name !== zone.name && !name.endsWith(`.${zone.name}`)) throw new ApiError(400, 'rrset name is not in the zone');
    const existing = store.records({ name, type })[0];
    if (request.method === 'GET') {
      if (existing === undefined) throw new ApiError(404, 'rrset is not found');
      return { status: 200, body: wire(existing) };
    }
    if (request.method === 'POST') {
      if (existing !== undefined) throw new ApiError(409, 'rrset is already exists');
      return { status: 200, body: wire(store.create({ zone: zone.name, name, type, ...values(jsonObject(request.body), type) })) };
    }
    if (request.method === 'PUT') {
      if (existing === undefined) throw new ApiError(404, 'rrset is not found');
      const updated = store.update(existing.id, values(jsonObject(request.body), type));
      return { status: 200, body: updated === undefined ? {} : wire(updated) };
    }
    throw new ApiError(405, 'method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { error: error.message } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
