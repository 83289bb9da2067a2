import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, pageOf, plainName, recordSetContent, recordSetValues } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Gandi LiveDNS v5 (WIRE.md in this folder): the Bearer token checked on every request,
 * `/v5/livedns/domains` as a JSON array paged by page/per_page with a `Total-Count` header, and
 * rrsets at `/v5/livedns/domains/{fqdn}/records/{name}/{type}`: GET (404 when absent) and PUT,
 * which replaces the whole set and answers 201 with a message. Errors are Gandi's
 * `{"code","message","object","cause"}` bodies. The store holds one record per rrset, its values one per line.
 */
export interface FakeGandiOptions {
  token: string;
  zones: string[];
}

const STATUS_OBJECT: Record<number, [string, string]> = {
  400: ['HTTPBadRequest', 'Bad Request'],
  401: ['HTTPUnauthorized', 'Unauthorized'],
  403: ['HTTPForbidden', 'Forbidden'],
  404: ['HTTPNotFound', 'Not Found'],
  405: ['HTTPMethodNotAllowed', 'Method Not Allowed'],
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: { location: string; name: string; description: string }[],
  ) {
    super(message);
  }
}

const RRSET_PATH = /^\/v5\/livedns\/domains\/([^/]+)\/records\/([^/]+)\/([^/]+)$/;
const invalid = (name: string, description: string) => new ApiError(400, 'Validation error', [{ location: 'body', name, description }]);

function pageParameter(text: string | null, fallback: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, 'Validation error');
  return value;
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'The browser (or proxy) sent a request that this server could not understand.');
}

export async function startFakeGandi(options: FakeGandiOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'hex32', defaultTtl: 10_800 });

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(401, 'The server could not verify that you authorized to access the document you requested.');
    if (request.method === 'GET' && request.path === '/v5/livedns/domains') {
      const { items, totalCount } = pageOf(store.zones(), pageParameter(request.query.get('page'), 1), Math.min(pageParameter(request.query.get('per_page'), 100), 100));
      const body = items.map((zone) => ({ fqdn: zone.name, domain_href: `/v5/livedns/domains/${zone.name}`, domain_records_href: `/v5/livedns/domains/${zone.name}/records` }));
      return { status: 200, headers: { 'Total-Count': String(totalCount) }, body };
    }
    const match = RRSET_PATH.exec(request.path);
    const zone = match === null ? undefined : store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (match === null || zone === undefined) throw new ApiError(404, 'The resource could not be found.');
    const host = decodeURIComponent(match[2] ?? '');
    const type = decodeURIComponent(match[3] ?? '');
    const name = nameInZone(plainName(host), zone.name);
    const existing = store.records({ zone: zone.name, name, type })[0];
    if (request.method === 'GET') {
      if (existing === undefined) throw new ApiError(404, 'The resource could not be found.');
      return { status: 200, body: { rrset_name: host, rrset_type: type, rrset_ttl: existing.ttl, rrset_values: recordSetValues(existing), rrset_href: `/v5/livedns/domains/${zone.name}/records/${host}/${type}` } };
    }
    if (request.method === 'PUT') {
      if (type !== 'A' && type !== 'AAAA') throw invalid('rrset_type', 'unsupported type');
      const body = jsonObject(request.body);
      const values = body['rrset_values'];
      const valid = (value: unknown) => typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
      if (!Array.isArray(values) || values.length === 0 || !values.every(valid)) throw invalid('rrset_values', 'invalid value');
      const ttl = body['rrset_ttl'] ?? 10_800;
      if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 300 || ttl > 2_592_000) throw invalid('rrset_ttl', 'must be between 300 and 2592000');
      const content = recordSetContent(values.map(String));
      if (existing === undefined) store.create({ zone: zone.name, name, type, content, ttl });
      else store.update(existing.id, { content, ttl });
      return { status: 201, body: { message: 'DNS Record Created' } };
    }
    throw new ApiError(405, 'The method is not allowed for the requested URL.');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) {
        const [object, cause] = STATUS_OBJECT[error.status] ?? ['HTTPError', 'Error'];
        return { status: error.status, body: { code: error.status, message: error.message, object, cause, ...(error.errors === undefined ? {} : { errors: error.errors }) } };
      }
      throw error;
    }
  });
  return { endpoint: `${server.url}/v5/livedns`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
