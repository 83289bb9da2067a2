import { randomUUID } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { signingTimeMs, verifyV4 } from '../../../test/helpers/fake-signatures.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of JD Cloud DNS (WIRE.md in this folder): `/v2/regions/{regionId}/domain[/{domainId}/ResourceRecord[/{id}]]`,
 * the JDCLOUD2-HMAC-SHA256 signature checked by the fakes' own verifier (test/helpers/fake-signatures.ts,
 * no client code) with host, x-jdcloud-date and x-jdcloud-nonce signed,
 * pageNumber/pageSize paging with the API's default of 10 a page, the fuzzy (`%…%`) match of
 * `domainName` and `search` (so a client must compare names exactly and read every page), JSON
 * bodies with `req`, line ids (viewValue, -1 = every line) answered as a list, and the
 * `{requestId, error: {code, status, message}, result}` envelope.
 */
export interface FakeJdcloudOptions {
  accessKeyId: string;
  secretAccessKey: string;
  zones: string[];
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
const SIGNATURE_VALIDITY_MS = 5 * 60_000;
const REGION = 'cn-north-1';

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new ApiError(400, 'INVALID_ARGUMENT', message);

export async function startFakeJdcloud(options: FakeJdcloudOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: String(7001 + index) })), idStyle: 'numeric', defaultTtl: 600 });

  const hostOf = (record: FakeRecord) => (record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1)));
  const viewOf = (record: FakeRecord) => (typeof record.extra['view'] === 'number' ? record.extra['view'] : -1);
  const wire = (record: FakeRecord) => ({
    id: Number(record.id),
    hostRecord: hostOf(record),
    hostValue: record.content,
    ttl: record.ttl,
    type: record.type,
    viewValue: [viewOf(record)],
    viewName: viewOf(record) === -1 ? '默认' : `线路${viewOf(record)}`,
    resolvingStatus: '2',
    mxPriority: null,
    port: null,
    weight: null,
  });

  function checkSignature(request: SeenRequest): void {
    const verdict = verifyV4(request, {
      algorithm: 'JDCLOUD2-HMAC-SHA256',
      keyPrefix: 'JDCLOUD2',
      terminator: 'jdcloud2_request',
      dateHeader: 'x-jdcloud-date',
      region: REGION,
      service: 'domainservice',
      requiredSigned: ['host', 'x-jdcloud-date', 'x-jdcloud-nonce'],
      secretOf: (id) => (id === options.accessKeyId ? options.secretAccessKey : undefined),
    });
    if (!verdict.ok) {
      if (verdict.reason === 'unknown-key') throw new ApiError(401, 'UNAUTHENTICATED', 'The access key id does not exist.');
      throw new ApiError(401, 'UNAUTHENTICATED', 'Signature verification failed.');
    }
    if (Math.abs(Date.now() - signingTimeMs(verdict.date)) > SIGNATURE_VALIDITY_MS) throw new ApiError(401, 'UNAUTHENTICATED', 'The request has expired.');
  }

  function pageParams(query: URLSearchParams): { page: number; size: number } {
    const page = Number(query.get('pageNumber') ?? '1');
    const size = Number(query.get('pageSize') ?? String(DEFAULT_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1) throw invalid('pageNumber is invalid');
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw invalid('pageSize is invalid');
    return { page, size };
  }

  function req(request: SeenRequest, zoneId: string): Record<string, unknown> {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw invalid('Content-Type must be application/json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body);
    } catch {
      throw invalid('The request body is not valid JSON.');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('The request body is not an object.');
    const body = parsed as Record<string, unknown>;
    if (body['regionId'] !== undefined && body['regionId'] !== REGION) throw invalid('regionId does not match the path');
    if (body['domainId'] !== undefined && String(body['domainId']) !== zoneId) throw invalid('domainId does not match the path');
    const inner = body['req'];
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) throw invalid('req is required');
    return inner as Record<string, unknown>;
  }

  function fields(inner: Record<string, unknown>, zone: string): { name: string; type: string; value: string; ttl: number; view: number } {
    const { hostRecord, hostValue, ttl, type, viewValue } = inner;
    if (typeof hostRecord !== 'string' || hostRecord === '') throw invalid('hostRecord is required');
    if (type !== 'A' && type !== 'AAAA') throw invalid('type is invalid');
    const valid = typeof hostValue === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(hostValue) : hostValue.includes(':'));
    if (!valid) throw invalid('hostValue is invalid');
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw invalid('ttl is invalid');
    if (typeof viewValue !== 'number' || !Number.isInteger(viewValue)) throw invalid('viewValue is required');
    return { name: hostRecord === '@' ? zone : `${plainName(hostRecord)}.${zone}`, type, value: hostValue, ttl, view: viewValue };
  }

  function handle(request: SeenRequest): unknown {
    const parts = request.path.split('/').filter((part) => part !== '');
    if (parts[0] !== 'v2' || parts[1] !== 'regions' || parts[2] !== REGION || parts[3] !== 'domain') throw new ApiError(404, 'NOT_FOUND', 'The path is not known.');
    if (parts.length === 4 && request.method === 'GET') {
      const like = request.query.get('domainName');
      const zones = store.zones().filter((zone) => like === null || zone.name.includes(like.toLowerCase()));
      const { page, size } = pageParams(request.query);
      const { items, totalCount, totalPages } = pageOf(zones, page, size);
      return { dataList: items.map((zone) => ({ id: Number(zone.id), domainName: zone.name, packId: 0, packName: '免费版', createTime: 1600000000000 })), currentCount: items.length, totalCount, totalPage: totalPages };
    }
    const zone = store.zoneById(parts[4] ?? '');
    if (zone === undefined) throw new ApiError(404, 'NOT_FOUND', 'The domain does not exist.');
    if (parts[5] !== 'ResourceRecord') throw new ApiError(404, 'NOT_FOUND', 'The path is not known.');
    if (parts.length === 6 && request.method === 'GET') {
      const search = request.query.get('search');
      const records = store.records({ zone: zone.name }).filter((record) => search === null || hostOf(record).includes(search.toLowerCase()));
      const { page, size } = pageParams(request.query);
      const { items, totalCount, totalPages } = pageOf(records, page, size);
      return { dataList: items.map(wire), currentCount: items.length, totalCount, totalPage: totalPages };
    }
    if (parts.length === 6 && request.method === 'POST') {
      const { name, type, value, ttl, view } = fields(req(request, zone.id), zone.name);
      if (store.records({ name, type }).some((record) => record.content === value && viewOf(record) === view)) throw new ApiError(400, 'ALREADY_EXISTS', 'The resource record already exists.');
      return { dataList: wire(store.create({ zone: zone.name, name, type, content: value, ttl, extra: { view } })) };
    }
    if (parts.length === 7 && request.method === 'PUT') {
      const existing = store.record(parts[6] ?? '');
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'NOT_FOUND', 'The resource record does not exist.');
      const inner = req(request, zone.id);
      if (inner['domainName'] !== zone.name) throw invalid('domainName does not match the domain');
      const { name, type, value, ttl, view } = fields(inner, zone.name);
      store.update(existing.id, { name, type, content: value, ttl, extra: { view } });
      return {};
    }
    throw new ApiError(405, 'INVALID_ARGUMENT', 'The method is not allowed.');
  }

  const server = await startFakeServer((request) => {
    const requestId = randomUUID().replace(/-/g, '');
    try {
      checkSignature(request);
      return { status: 200, body: { requestId, result: handle(request) } } satisfies FakeReply;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: error.status, body: { requestId, error: { code: error.status, status: error.code, message: error.message } } } satisfies FakeReply;
    }
  });
  return { endpoint: `${server.url}/v2`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
