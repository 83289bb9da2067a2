import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeApiError, jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import { FakeZoneStore, hostInZone, nameInZone, pageOf, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the bunny.net DNS API (WIRE.md in this folder): the `AccessKey` header checked on every
 * request, `/dnszone` paged by `page` and `perPage` with `HasMoreItems`, the records inside each
 * zone, numeric types (A=0, AAAA=1), names relative to the zone ("" for the apex), create by PUT
 * answering 201 with the record, update by POST answering 204, errors as `{"ErrorKey","Field","Message"}`.
 */
export interface FakeBunnyOptions {
  apiKey: string;
  zones: string[];
}

const apiError = (status: number, message: string) => new FakeApiError(status, message, status);
const TYPES: readonly string[] = ['A', 'AAAA'];

export async function startFakeBunny(options: FakeBunnyOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 300 });
  const zoneIds = new Map(store.zones().map((zone, index) => [String(index + 1), zone.name]));
  const wireRecord = (record: FakeRecord) => {
    const host = hostInZone(record.name, record.zone);
    return { Id: Number(record.id), Type: TYPES.indexOf(record.type), Ttl: record.ttl, Value: record.content, Name: host === '@' ? '' : host, Weight: 0, Priority: 0, Disabled: false };
  };
  const wireZone = (id: string, name: string) => ({ Id: Number(id), Domain: name, Records: store.records({ zone: name }).map(wireRecord), DnsSecEnabled: false });

  function written(request: SeenRequest, zone: string): { name: string; type: 'A' | 'AAAA'; content: string; ttl: number } {
    const body = jsonObjectOf(request.body, () => apiError(400, 'Invalid JSON'));
    const { Type, Name, Value, Ttl } = body;
    const type = typeof Type === 'number' ? TYPES[Type] : undefined;
    if (type !== 'A' && type !== 'AAAA') throw apiError(400, 'Invalid record type');
    if (typeof Name !== 'string' || Name.endsWith('.')) throw apiError(400, 'Invalid record name');
    if (typeof Value !== 'string' || Value === '') throw apiError(400, 'Invalid record value');
    if (typeof Ttl !== 'number' || !Number.isInteger(Ttl) || Ttl < 1) throw apiError(400, 'Invalid TTL');
    return { name: nameInZone(Name === '' ? '@' : Name, zone), type, content: Value, ttl: Ttl };
  }

  function route(request: SeenRequest): FakeReply {
    if (request.headers['accesskey'] !== options.apiKey) throw apiError(401, 'Unauthorized');
    if (request.method === 'GET' && request.path === '/dnszone') {
      const page = Number(request.query.get('page') ?? '1');
      const perPage = Number(request.query.get('perPage') ?? '1000');
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 5 || perPage > 1000) throw apiError(400, 'Invalid paging');
      const listed = pageOf([...zoneIds], page, perPage);
      return { status: 200, body: { Items: listed.items.map(([id, name]) => wireZone(id, name)), CurrentPage: page, TotalItems: listed.totalCount, HasMoreItems: page < listed.totalPages } };
    }
    const match = /^\/dnszone\/(\d+)(\/records(?:\/(\d+))?)?$/.exec(request.path);
    const zoneId = match?.[1];
    const zone = zoneId === undefined ? undefined : zoneIds.get(zoneId);
    if (zoneId === undefined || zone === undefined) throw apiError(404, 'The requested DNS zone was not found');
    const records = match?.[2] !== undefined;
    const id = match?.[3];
    if (request.method === 'GET' && !records) return { status: 200, body: wireZone(zoneId, zone) };
    if (request.method === 'PUT' && records && id === undefined) return { status: 201, body: wireRecord(store.create({ zone, ...written(request, zone) })) };
    if (request.method === 'POST' && id !== undefined) {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone) throw apiError(404, 'The requested DNS record was not found');
      const { name, content, ttl } = written(request, zone);
      store.update(id, { name, content, ttl });
      return { status: 204 };
    }
    throw apiError(405, 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof FakeApiError) return { status: error.status, body: { ErrorKey: `dnszone.error_${error.status}`, Field: null, Message: error.message } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
