import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Spaceship API (WIRE.md in this folder): `X-API-Key` and `X-API-Secret` checked on
 * every request, `/api/v1/domains` and `/api/v1/dns/records/{domain}` paged by the mandatory
 * take/skip with `total`, records without ids named relative to the domain ("@" for the apex),
 * `PUT` with `force` replacing the name and type's records (204), and `{"detail","data"}` errors
 * with the `Spaceship-Error-Code` header.
 */
export interface FakeSpaceshipOptions {
  apiKey: string;
  apiSecret: string;
  zones: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string,
    readonly data?: { field: string; details: string }[],
  ) {
    super(detail);
  }
}

const RECORDS_PATH = /^\/api\/v1\/dns\/records\/([^/]+)$/;

function invalid(field: string, details: string): ApiError {
  return new ApiError(422, 'One or more validation errors occurred.', 'ValidationError', [{ field, details }]);
}

function pageParameter(request: SeenRequest, name: string, minimum: number, maximum: number): number {
  const text = request.query.get(name);
  const value = Number(text);
  if (text === null || text === '' || !Number.isInteger(value) || value < minimum || value > maximum) throw invalid(name, `must be an integer from ${minimum} to ${maximum}`);
  return value;
}

function itemsOf(body: string): { force: boolean; items: Record<string, unknown>[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.', 'BadRequest');
  }
  const { force, items } = (parsed ?? {}) as { force?: unknown; items?: unknown };
  if (!Array.isArray(items) || items.some((item) => item === null || typeof item !== 'object')) throw invalid('items', 'must be an array of records');
  return { force: force === true, items: items as Record<string, unknown>[] };
}

export async function startFakeSpaceship(options: FakeSpaceshipOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, defaultTtl: 3600 });

  const wire = (record: FakeRecord) => ({ type: record.type, name: hostInZone(record.name, record.zone), address: record.content, ttl: record.ttl, group: { type: 'custom' } });

  const write = (zone: string, item: Record<string, unknown>, index: number, force: boolean) => {
    const { type, name, address, ttl } = item;
    const at = `items[${index}]`;
    if (type !== 'A' && type !== 'AAAA') throw invalid(`${at}.type`, 'is not supported');
    if (typeof name !== 'string' || name === '' || name.endsWith('.') || name.toLowerCase().endsWith(`.${zone}`)) throw invalid(`${at}.name`, 'must be relative to the domain ("@" for the apex)');
    const valid = typeof address === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(address) : address.includes(':'));
    if (!valid) throw invalid(`${at}.address`, 'is not a valid IP address');
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 60 || ttl > 3600) throw invalid(`${at}.ttl`, 'must be from 60 to 3600');
    const fqdn = nameInZone(plainName(name), zone);
    const [first, ...rest] = store.records({ zone, name: fqdn, type });
    if (first === undefined || !force) {
      if (first?.content !== address) store.create({ zone, name: fqdn, type, content: address, ttl });
      return;
    }
    store.update(first.id, { content: address, ttl });
    for (const extra of rest) store.remove(extra.id);
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers['x-api-key'] !== options.apiKey || request.headers['x-api-secret'] !== options.apiSecret) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    if (request.method === 'GET' && request.path === '/api/v1/domains') {
      const take = pageParameter(request, 'take', 1, 100);
      const skip = pageParameter(request, 'skip', 0, 2147483647);
      const zones = store.zones();
      return { status: 200, body: { items: zones.slice(skip, skip + take).map((zone) => ({ name: zone.name, unicodeName: zone.name, isPremium: false, autoRenew: false, lifecycleStatus: 'registered' })), total: zones.length } };
    }
    const match = RECORDS_PATH.exec(request.path);
    if (match === null) throw new ApiError(404, 'Not Found', 'NotFound');
    const domain = decodeURIComponent(match[1] ?? '');
    const zone = store.zoneByName(domain);
    if (zone === undefined) throw new ApiError(404, `SOA record for domain ${domain} not found.`, 'NotFound');
    if (request.method === 'GET') {
      const take = pageParameter(request, 'take', 1, 500);
      const skip = pageParameter(request, 'skip', 0, 2147483647);
      const records = store.records({ zone: zone.name });
      return { status: 200, body: { items: records.slice(skip, skip + take).map(wire), total: records.length } };
    }
    if (request.method === 'PUT') {
      const { force, items } = itemsOf(request.body);
      items.forEach((item, index) => write(zone.name, item, index, force));
      return { status: 204 };
    }
    throw new ApiError(405, 'Method Not Allowed', 'MethodNotAllowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) {
        return { status: error.status, headers: { 'Spaceship-Error-Code': error.code }, body: { detail: error.detail, ...(error.data === undefined ? {} : { data: error.data }) } };
      }
      throw error;
    }
  });
  return { endpoint: `${server.url}/api/v1`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
