import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the IONOS DNS API (WIRE.md in this folder): `X-API-Key` checked on every request,
 * `GET /dns/v1/zones` (all zones, not paged), `GET /dns/v1/zones/{id}?recordName=&recordType=`
 * (the zone with its matching records), `POST /dns/v1/zones/{id}/records` (an array in, the
 * created records out, HTTP 201), `PUT /dns/v1/zones/{id}/records/{recordId}`, and errors as an
 * array of `{code, message}` with the real statuses.
 */
export interface FakeIonosOptions {
  apiKey: string;
  zones: string[];
}

/** An IONOS error answer: the status and the one-item `[{code, message}]` body. */
class ApiError extends Error {
  readonly reply: FakeReply;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.reply = { status, body: [{ code, message }] };
  }
}

function jsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new ApiError(400, 'INVALID_DATA', 'The request body is not valid JSON.');
  }
}

const fields = (value: unknown): Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, 'INVALID_RECORD', 'Record is not valid.');
  return value as Record<string, unknown>;
};

export async function startFakeIonos(options: FakeIonosOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'uuid', defaultTtl: 3600 });

  const wire = (record: FakeRecord) => ({
    id: record.id,
    name: record.name,
    rootName: record.zone,
    type: record.type,
    content: record.content,
    changeDate: '2026-01-01T00:00:00.000Z',
    ttl: record.ttl,
    prio: 0,
    disabled: false,
  });
  const contentOf = (content: unknown, type: string): string => {
    const valid = typeof content === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(content) : content.includes(':'));
    if (!valid) throw new ApiError(400, 'INVALID_RECORD', 'Record content is not valid.');
    return content;
  };
  const ttlOf = (ttl: unknown, fallback: number): number => {
    if (ttl === undefined) return fallback;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 60 || ttl > 86_400) throw new ApiError(400, 'INVALID_RECORD', 'TTL is not valid.');
    return ttl;
  };
  const typeOf = (type: unknown): string => {
    if (type !== 'A' && type !== 'AAAA') throw new ApiError(400, 'INVALID_RECORD', 'Record type is not valid.');
    return type;
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers['x-api-key'] !== options.apiKey) throw new ApiError(401, 'UNAUTHORIZED', 'The customer is not authorized to do this operation.');
    const parts = request.path.split('/').filter((part) => part !== '');
    if (parts[0] !== 'dns' || parts[1] !== 'v1' || parts[2] !== 'zones') throw new ApiError(404, 'NOT_FOUND', 'Not found.');
    if (parts.length === 3 && request.method === 'GET') return { status: 200, body: store.zones().map((zone) => ({ id: zone.id, name: zone.name, type: 'NATIVE' })) };
    const zone = store.zoneById(decodeURIComponent(parts[3] ?? ''));
    if (zone === undefined) throw new ApiError(404, 'ZONE_NOT_FOUND', 'Zone not found.');
    if (parts.length === 4 && request.method === 'GET') {
      const name = request.query.get('recordName');
      const type = request.query.get('recordType');
      const records = store.records({ zone: zone.name }).filter((record) => (name === null || record.name === plainName(name)) && (type === null || record.type === type));
      return { status: 200, body: { id: zone.id, name: zone.name, type: 'NATIVE', records: records.map(wire) } };
    }
    if (parts.length === 5 && parts[4] === 'records' && request.method === 'POST') {
      const body = jsonBody(request.body);
      if (!Array.isArray(body)) throw new ApiError(400, 'INVALID_RECORD', 'Records must be an array.');
      const created = body.map((item: unknown) => {
        const record = fields(item);
        const type = typeOf(record.type);
        const name = typeof record.name === 'string' ? plainName(record.name) : '';
        if (name !== zone.name && !name.endsWith(`.${zone.name}`)) throw new ApiError(400, 'INVALID_RECORD', 'Record name is not in the zone.');
        const content = contentOf(record.content, type);
        if (store.records({ name, type }).some((existing) => existing.content === content)) throw new ApiError(409, 'RECORD_ALREADY_EXISTS', 'Record already exists.');
        return store.create({ zone: zone.name, name, type, content, ttl: ttlOf(record.ttl, 3600) });
      });
      return { status: 201, body: created.map(wire) };
    }
    if (parts.length === 6 && parts[4] === 'records' && request.method === 'PUT') {
      const existing = store.record(decodeURIComponent(parts[5] ?? ''));
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'RECORD_NOT_FOUND', 'Record not found.');
      const body = fields(jsonBody(request.body));
      const updated = store.update(existing.id, { content: contentOf(body.content, existing.type), ttl: ttlOf(body.ttl, existing.ttl) });
      return { status: 200, body: updated === undefined ? {} : wire(updated) };
    }
    throw new ApiError(404, 'NOT_FOUND', 'Not found.');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return error.reply;
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
