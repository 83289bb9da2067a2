import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeApiError, jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import { FakeZoneStore, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the LuaDNS REST API (WIRE.md in this folder): Basic email:api_key and
 * `Accept: application/json` checked on every request, `/zones` and `/zones/{id}/records` as bare
 * arrays, absolute record names with a trailing dot, errors as `{"status":"…","message":"…"}`.
 */
export interface FakeLuadnsOptions {
  email: string;
  apiKey: string;
  zones: string[];
}

const apiError = (status: number, message: string) => new FakeApiError(status, message, status);

export async function startFakeLuadns(options: FakeLuadnsOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 300 });
  const expected = `Basic ${Buffer.from(`${options.email}:${options.apiKey}`).toString('base64')}`;
  const zoneIds = new Map(store.zones().map((zone, index) => [String(index + 1), zone.name]));
  const wire = (record: FakeRecord, zoneId: string) => ({ id: Number(record.id), name: `${record.name}.`, type: record.type, content: record.content, ttl: record.ttl, zone_id: Number(zoneId) });

  function written(request: SeenRequest, zone: string): { name: string; type: 'A' | 'AAAA'; content: string; ttl: number } {
    const body = jsonObjectOf(request.body, () => apiError(400, 'Invalid JSON'));
    const { name, type, content, ttl } = body;
    if (typeof name !== 'string' || !name.endsWith('.')) throw apiError(400, 'name must be a fully qualified name');
    const plain = name.slice(0, -1).toLowerCase();
    if (plain !== zone && !plain.endsWith(`.${zone}`)) throw apiError(400, 'name is not in the zone');
    if (type !== 'A' && type !== 'AAAA') throw apiError(400, 'invalid type');
    if (typeof content !== 'string' || content === '') throw apiError(400, 'invalid content');
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1) throw apiError(400, 'invalid ttl');
    return { name: plain, type, content, ttl };
  }

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== expected) throw apiError(401, 'Unauthorized');
    if (request.headers.accept !== 'application/json') throw apiError(406, 'Not Acceptable');
    if (request.method === 'GET' && request.path === '/v1/zones') {
      return { status: 200, body: [...zoneIds].map(([id, name]) => ({ id: Number(id), name, synced: true })) };
    }
    const match = /^\/v1\/zones\/(\d+)\/records(?:\/(\d+))?$/.exec(request.path);
    const zoneId = match?.[1];
    const zone = zoneId === undefined ? undefined : zoneIds.get(zoneId);
    if (zoneId === undefined || zone === undefined) throw apiError(404, 'Not Found');
    const id = match?.[2];
    if (request.method === 'GET' && id === undefined) return { status: 200, body: store.records({ zone }).map((record) => wire(record, zoneId)) };
    if (request.method === 'POST' && id === undefined) return { status: 200, body: wire(store.create({ zone, ...written(request, zone) }), zoneId) };
    if (request.method === 'PUT' && id !== undefined) {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone) throw apiError(404, 'Not Found');
      const { name, content, ttl } = written(request, zone);
      const updated = store.update(id, { name, content, ttl });
      if (updated === undefined) throw apiError(404, 'Not Found');
      return { status: 200, body: wire(updated, zoneId) };
    }
    throw apiError(405, 'Method Not Allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof FakeApiError) return { status: error.status, body: { status: error.status === 401 ? 'Unauthorized' : 'Error', message: error.message } };
      throw error;
    }
  });
  return { endpoint: `${server.url}/v1`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
