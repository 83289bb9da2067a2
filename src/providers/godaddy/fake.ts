import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, plainName, recordSetContent, recordSetValues } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the GoDaddy Domains API v1 (WIRE.md in this folder): the `sso-key KEY:SECRET` header
 * checked on every request, `/v1/domains` paged by limit/marker (alphabetical here), and record sets
 * at `/v1/domains/{domain}/records/{type}/{name}`: GET (`[]` when none) and PUT, which replaces the
 * whole set and answers 200 with no body. Errors are GoDaddy's `{"code","message","fields"}` bodies.
 * `accessDenied` plays an account GoDaddy does not let use the API (403 ACCESS_DENIED on every
 * request). The store holds one record per set, its values one per line.
 */
export interface FakeGodaddyOptions {
  apiKey: string;
  apiSecret: string;
  zones: string[];
  accessDenied?: boolean;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { code: string; message: string; path: string }[],
  ) {
    super(message);
  }
}

const DOMAIN_PATH = /^\/v1\/domains\/([^/]+)$/;
const RECORDS_PATH = /^\/v1\/domains\/([^/]+)\/records\/([^/]+)\/([^/]+)$/;
const invalidBody = (path: string, message: string) => new ApiError(422, 'INVALID_BODY', "Request body doesn't fulfill schema, see details in `fields`", [{ code: 'UNEXPECTED_VALUE', message, path }]);

function jsonArray(body: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(body);
    if (Array.isArray(parsed)) return parsed as unknown[];
  } catch {
    // answered below
  }
  throw new ApiError(400, 'INVALID_BODY', 'Request body must be a JSON array of records');
}

export async function startFakeGodaddy(options: FakeGodaddyOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });
  const expected = `sso-key ${options.apiKey}:${options.apiSecret}`;

  function route(request: SeenRequest): FakeReply {
    const authorization = request.headers.authorization;
    if (authorization === undefined) throw new ApiError(401, 'MISSING_CREDENTIALS', 'Unauthorized : Credentials must be specified');
    if (authorization !== expected) throw new ApiError(401, 'UNABLE_TO_AUTHENTICATE', 'Unauthorized : Could not authenticate API key/secret');
    if (options.accessDenied === true) throw new ApiError(403, 'ACCESS_DENIED', 'Authenticated user is not allowed access');
    if (request.method === 'GET' && request.path === '/v1/domains') {
      const limit = Number(request.query.get('limit') ?? '1000');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(422, 'INVALID_QUERY', 'Limit must have a value no greater than 1000');
      const marker = request.query.get('marker');
      const names = store.zones().map((zone) => zone.name).sort();
      const start = marker === null ? 0 : names.filter((name) => name <= plainName(marker)).length;
      const body = names.slice(start, start + limit).map((name, index) => ({ domain: name, domainId: 1_000_000 + start + index, status: 'ACTIVE', locked: true, privacy: false, renewAuto: true }));
      return { status: 200, body };
    }
    const single = DOMAIN_PATH.exec(request.path);
    if (request.method === 'GET' && single !== null) {
      const zone = store.zoneByName(decodeURIComponent(single[1] ?? ''));
      if (zone === undefined) throw new ApiError(404, 'NOT_FOUND', 'Domain not found');
      return { status: 200, body: { domain: zone.name, domainId: 1_000_000 + store.zones().findIndex((known) => known.name === zone.name), status: 'ACTIVE', locked: true, privacy: false, renewAuto: true, nameServers: ['ns01.domaincontrol.com', 'ns02.domaincontrol.com'] } };
    }
    const match = RECORDS_PATH.exec(request.path);
    if (match === null) throw new ApiError(404, 'NOT_FOUND', 'The requested resource was not found');
    const zone = store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (zone === undefined) throw new ApiError(404, 'UNKNOWN_DOMAIN', `The given domain is not registered, or does not have a zone file`);
    const type = decodeURIComponent(match[2] ?? '');
    const host = decodeURIComponent(match[3] ?? '');
    const name = nameInZone(plainName(host), zone.name);
    const existing = store.records({ zone: zone.name, name, type })[0];
    if (request.method === 'GET') {
      const values = existing === undefined ? [] : recordSetValues(existing);
      return { status: 200, body: values.map((data) => ({ data, name: host, ttl: existing?.ttl, type })) };
    }
    if (request.method === 'PUT') {
      if (type !== 'A' && type !== 'AAAA') throw new ApiError(422, 'INVALID_BODY', 'type is not supported here');
      const records = jsonArray(request.body);
      const values: string[] = [];
      let ttl = 3600;
      records.forEach((record, index) => {
        const { data, ttl: seconds } = (record ?? {}) as { data?: unknown; ttl?: unknown };
        const valid = typeof data === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(data) : data.includes(':'));
        if (!valid) throw invalidBody(`records[${index}].data`, 'is not a valid IP address');
        if (seconds !== undefined && (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 600)) throw invalidBody(`records[${index}].ttl`, 'must be at least 600');
        values.push(data);
        if (typeof seconds === 'number') ttl = seconds;
      });
      if (values.length === 0) throw invalidBody('records', 'must hold at least one record');
      const content = recordSetContent(values);
      if (existing === undefined) store.create({ zone: zone.name, name, type, content, ttl });
      else store.update(existing.id, { content, ttl });
      return { status: 200, body: '' };
    }
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { code: error.code, message: error.message, ...(error.fields === undefined ? {} : { fields: error.fields }) } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
