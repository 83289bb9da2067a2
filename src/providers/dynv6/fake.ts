import { isIP } from 'node:net';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import { FakeZoneStore, hostInZone, nameInZone, type FakeRecord, type FakeZone } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the dynv6 REST API v2 (WIRE.md in this folder): the Bearer token checked on every
 * request; `GET /api/v2/zones`, `/zones/by-name/{name}` and `/zones/{id}`, whose `ipv4address` and
 * `ipv6prefix` are the zone's own A and AAAA (records of the zone's name in the store), set by
 * `PATCH /zones/{id}`; the zone's other records at `/zones/{id}/records` (GET, POST answering 200)
 * and `/zones/{id}/records/{id}` (GET, PATCH), names relative to the zone, numeric ids; errors as
 * `{"error":{"name","message","fields"}}` with 401, 404 and 422.
 */
export interface FakeDynv6Options {
  token: string;
  zones: string[];
  /** PATCH /zones/{id} answers 200 with no body (the spec names no answer), instead of the zone. */
  emptyZonePatchAnswer?: boolean;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
    readonly fields?: { name: string; message: string }[],
  ) {
    super(message);
  }
}

const ZONE_PATH = /^\/api\/v2\/zones\/(\d+)$/;
const BY_NAME_PATH = /^\/api\/v2\/zones\/by-name\/([^/]+)$/;
const RECORDS_PATH = /^\/api\/v2\/zones\/(\d+)\/records(?:\/(\d+))?$/;
const RECORD_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'SPF', 'SRV', 'TXT'];
const invalidJson = () => new ApiError(400, 'BadRequest', 'malformed JSON');
const zoneNotFound = () => new ApiError(404, 'NotFound', 'zone not found');

function validAddress(type: string, data: unknown): data is string {
  return typeof data === 'string' && isIP(data) === (type === 'A' ? 4 : 6);
}

export async function startFakeDynv6(options: FakeDynv6Options): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });
  const apexOf = (zone: FakeZone, type: 'A' | 'AAAA') => store.records({ zone: zone.name, name: zone.name, type })[0];
  const zoneWire = (zone: FakeZone) => ({
    id: Number(zone.id),
    name: zone.name,
    ipv4address: apexOf(zone, 'A')?.content ?? '',
    ipv6prefix: apexOf(zone, 'AAAA')?.content ?? '',
    createdAt: '2024-05-04T16:24:28Z',
    updatedAt: '2024-05-04T16:24:29Z',
  });
  const recordWire = (record: FakeRecord, zone: FakeZone) => ({ id: Number(record.id), zoneID: Number(zone.id), name: hostInZone(record.name, zone.name), type: record.type, data: record.content, priority: null, port: null, weight: null, flags: null, tag: null });
  const fields = (body: Record<string, unknown>, zone: FakeZone) => {
    const { name, type, data } = body;
    const problems: { name: string; message: string }[] = [];
    if (typeof type !== 'string' || !RECORD_TYPES.includes(type)) problems.push({ name: 'type', message: 'is not a supported record type' });
    if (typeof name !== 'string' || name === '' || name === '@' || name.endsWith('.') || name.endsWith(zone.name)) problems.push({ name: 'name', message: 'must be a hostname relative to the zone' });
    if ((type === 'A' || type === 'AAAA') && !validAddress(type, data)) problems.push({ name: 'data', message: `is not a valid ${type === 'A' ? 'IPv4' : 'IPv6'} address` });
    if (problems.length > 0) throw new ApiError(422, 'ValidationError', 'validation failed', problems);
    return { name: nameInZone(name as string, zone.name), type: type as string, content: data as string };
  };

  function zoneRoute(request: SeenRequest, zone: FakeZone): FakeReply {
    if (request.method === 'GET') return { status: 200, body: zoneWire(zone) };
    if (request.method !== 'PATCH') throw new ApiError(405, 'MethodNotAllowed', 'method not allowed');
    const body = jsonObjectOf(request.body, invalidJson);
    const changes: ['A' | 'AAAA', unknown][] = [];
    if ('ipv4address' in body) changes.push(['A', body.ipv4address]);
    if ('ipv6prefix' in body) changes.push(['AAAA', body.ipv6prefix]);
    for (const [type, value] of changes) {
      if (!validAddress(type, typeof value === 'string' ? value.replace(/\/\d+$/, '') : value)) {
        throw new ApiError(422, 'ValidationError', 'validation failed', [{ name: type === 'A' ? 'ipv4address' : 'ipv6prefix', message: 'is invalid' }]);
      }
    }
    for (const [type, value] of changes) {
      const existing = apexOf(zone, type);
      if (existing === undefined) store.create({ zone: zone.name, name: zone.name, type, content: value as string });
      else store.update(existing.id, { content: value as string });
    }
    return options.emptyZonePatchAnswer === true ? { status: 200, body: '' } : { status: 200, body: zoneWire(zone) };
  }

  function recordsRoute(request: SeenRequest, zone: FakeZone, recordId: string | undefined): FakeReply {
    if (recordId === undefined && request.method === 'GET') {
      const records = store.records({ zone: zone.name }).filter((record) => record.name !== zone.name || (record.type !== 'A' && record.type !== 'AAAA'));
      return { status: 200, body: records.map((record) => recordWire(record, zone)) };
    }
    if (recordId === undefined && request.method === 'POST') {
      return { status: 200, body: recordWire(store.create({ zone: zone.name, ...fields(jsonObjectOf(request.body, invalidJson), zone) }), zone) };
    }
    const existing = recordId === undefined ? undefined : store.record(recordId);
    if (recordId === undefined || existing === undefined || existing.zone !== zone.name || existing.name === zone.name) throw new ApiError(404, 'NotFound', 'record not found');
    if (request.method === 'GET') return { status: 200, body: recordWire(existing, zone) };
    if (request.method === 'PATCH') {
      const { name, content } = fields({ type: existing.type, name: hostInZone(existing.name, zone.name), data: existing.content, ...jsonObjectOf(request.body, invalidJson) }, zone);
      return { status: 200, body: recordWire(store.update(existing.id, { name, content }) ?? existing, zone) };
    }
    throw new ApiError(405, 'MethodNotAllowed', 'method not allowed');
  }

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(401, 'Unauthorized', 'invalid token');
    if (request.path === '/api/v2/zones' && request.method === 'GET') return { status: 200, body: store.zones().map(zoneWire) };
    const byName = BY_NAME_PATH.exec(request.path);
    if (byName !== null && request.method === 'GET') {
      const zone = store.zoneByName(decodeURIComponent(byName[1] ?? ''));
      if (zone === undefined) throw zoneNotFound();
      return { status: 200, body: zoneWire(zone) };
    }
    const zoneMatch = ZONE_PATH.exec(request.path);
    if (zoneMatch !== null) {
      const zone = store.zoneById(zoneMatch[1] ?? '');
      if (zone === undefined) throw zoneNotFound();
      return zoneRoute(request, zone);
    }
    const records = RECORDS_PATH.exec(request.path);
    const zone = records === null ? undefined : store.zoneById(records[1] ?? '');
    if (records === null || zone === undefined) throw zoneNotFound();
    return recordsRoute(request, zone, records[2]);
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { error: { name: error.errorName, message: error.message, ...(error.fields === undefined ? {} : { fields: error.fields }) } } };
      throw error;
    }
  });
  return { endpoint: `${server.url}/api/v2`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
