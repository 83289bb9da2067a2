import { randomUUID } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { signingTimeMs, verifyBceV1 } from '../../../test/helpers/fake-signatures.js';
import { FakeZoneStore, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Baidu AI Cloud DNS (WIRE.md in this folder): `/v1/dns/zone` and
 * `/v1/dns/zone/{zone}/record[/{id}]`, the bce-auth-v1 signature checked by the fakes' own
 * verifier (test/helpers/fake-signatures.ts, no client code) with its expiration, marker paging
 * with the API's default of 1000 a page (maxKeys), `clientToken` required on writes, writes that
 * answer 200 with an empty body, and failures as `{requestId, code, message}`.
 */
export interface FakeBaiducloudOptions {
  accessKeyId: string;
  secretAccessKey: string;
  zones: string[];
}

const DEFAULT_PAGE_SIZE = 1000;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new ApiError(400, 'InvalidParameter', message);

/** One page from `marker` (the id of the page's first item), and the marker of the next. */
function markerPage<T extends { id: string }>(items: readonly T[], query: URLSearchParams): { page: T[]; nextMarker: string | undefined; maxKeys: number } {
  const maxKeys = Number(query.get('maxKeys') ?? String(DEFAULT_PAGE_SIZE));
  if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > DEFAULT_PAGE_SIZE) throw invalid('maxKeys must be between 1 and 1000');
  const marker = query.get('marker');
  const start = marker === null ? 0 : items.findIndex((item) => item.id === marker);
  if (start < 0) throw invalid('marker is invalid');
  const page = items.slice(start, start + maxKeys);
  return { page, nextMarker: items[start + maxKeys]?.id, maxKeys };
}

export async function startFakeBaiducloud(options: FakeBaiducloudOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: `zone-${index + 1}` })), idStyle: 'numeric', defaultTtl: 300 });
  const usedTokens = new Set<string>();

  const rrOf = (record: FakeRecord) => (record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1)));
  const lineOf = (record: FakeRecord) => (typeof record.extra['line'] === 'string' ? record.extra['line'] : 'default');
  const wire = (record: FakeRecord) => ({ id: record.id, rr: rrOf(record), status: 'running', type: record.type, value: record.content, ttl: record.ttl, line: lineOf(record), description: '', priority: 0 });

  function checkSignature(request: SeenRequest): void {
    const verdict = verifyBceV1(request, (id) => (id === options.accessKeyId ? options.secretAccessKey : undefined));
    if (!verdict.ok) {
      if (verdict.reason === 'missing' || verdict.reason === 'malformed') throw new ApiError(400, 'InvalidHTTPAuthHeader', 'The Authorization header is invalid.');
      if (verdict.reason === 'unknown-key') throw new ApiError(403, 'InvalidAccessKeyId', 'The Access Key ID you provided does not exist in our records.');
      throw new ApiError(400, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    const signedAt = signingTimeMs(verdict.timestamp);
    if (Number.isNaN(signedAt) || Math.abs(Date.now() - signedAt) > verdict.expiration * 1000) throw new ApiError(400, 'RequestExpired', 'Request has expired.');
  }

  function body(request: SeenRequest): Record<string, unknown> {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw invalid('Content-Type must be application/json');
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new ApiError(400, 'MalformedJSON', 'The JSON you provided was not well-formed.');
  }

  function clientToken(request: SeenRequest): void {
    const token = request.query.get('clientToken');
    if (token === null || token === '' || token.length > 64) throw invalid('clientToken is required');
    if (usedTokens.has(token)) throw new ApiError(409, 'IdempotentParameterMismatch', 'The clientToken has been used.');
    usedTokens.add(token);
  }

  function zoneNamed(name: string) {
    const zone = store.zoneByName(decodeURIComponent(name));
    if (zone === undefined) throw new ApiError(404, 'NoSuchZone', 'The zone does not exist.');
    return zone;
  }

  function recordFields(fields: Record<string, unknown>, zone: string): { name: string; type: string; value: string; ttl: number | undefined } {
    const { rr, type, value, ttl } = fields;
    if (typeof rr !== 'string' || rr === '') throw invalid('rr is required');
    if (type !== 'A' && type !== 'AAAA') throw invalid('type is invalid');
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!valid) throw invalid('value is invalid');
    if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 604_800)) throw invalid('ttl is invalid');
    return { name: rr === '@' ? zone : `${plainName(rr)}.${zone}`, type, value, ttl };
  }

  function handle(request: SeenRequest): FakeReply {
    checkSignature(request);
    const parts = request.path.split('/').filter((part) => part !== '');
    if (parts[0] !== 'v1' || parts[1] !== 'dns' || parts[2] !== 'zone') throw new ApiError(404, 'InvalidURI', 'The URI is invalid.');
    if (parts.length === 3 && request.method === 'GET') {
      const name = request.query.get('name');
      const zones = store.zones().filter((zone) => name === null || zone.name.includes(name.toLowerCase()));
      const { page, nextMarker, maxKeys } = markerPage(zones, request.query);
      return {
        status: 200,
        body: { marker: request.query.get('marker') ?? '', isTruncated: nextMarker !== undefined, ...(nextMarker === undefined ? {} : { nextMarker }), maxKeys, zones: page.map((zone) => ({ id: zone.id, name: zone.name, status: 'running', productVersion: 'free', createTime: '2024-01-01T00:00:00Z', expireTime: '', tags: [] })) },
      };
    }
    const zone = zoneNamed(parts[3] ?? '');
    if (parts.length === 5 && parts[4] === 'record' && request.method === 'GET') {
      const rr = request.query.get('rr');
      const records = store.records({ zone: zone.name }).filter((record) => rr === null || rrOf(record) === rr);
      const { page, nextMarker, maxKeys } = markerPage(records, request.query);
      return { status: 200, body: { marker: request.query.get('marker') ?? '', isTruncated: nextMarker !== undefined, ...(nextMarker === undefined ? {} : { nextMarker }), maxKeys, records: page.map(wire) } };
    }
    if (parts.length === 5 && parts[4] === 'record' && request.method === 'POST') {
      clientToken(request);
      const fields = body(request);
      const { name, type, value, ttl } = recordFields(fields, zone.name);
      const line = typeof fields['line'] === 'string' ? fields['line'] : 'default';
      if (store.records({ name, type }).some((record) => record.content === value && lineOf(record) === line)) throw new ApiError(400, 'RecordAlreadyExist', 'The record already exists.');
      store.create({ zone: zone.name, name, type, content: value, ...(ttl === undefined ? {} : { ttl }), extra: { line } });
      return { status: 200, body: '' };
    }
    if (parts.length === 6 && parts[4] === 'record' && request.method === 'PUT') {
      clientToken(request);
      const existing = store.record(parts[5] ?? '');
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'NoSuchRecord', 'The record does not exist.');
      const { name, type, value, ttl } = recordFields(body(request), zone.name);
      store.update(existing.id, { name, type, content: value, ...(ttl === undefined ? {} : { ttl }) });
      return { status: 200, body: '' };
    }
    throw new ApiError(405, 'MethodNotAllowed', 'The method is not allowed.');
  }

  const server = await startFakeServer((request) => {
    try {
      return handle(request);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: error.status, body: { requestId: randomUUID(), code: error.code, message: error.message } } satisfies FakeReply;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
