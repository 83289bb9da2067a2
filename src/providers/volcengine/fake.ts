import { createHash, randomUUID } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { signingTimeMs, verifyV4 } from '../../../test/helpers/fake-signatures.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Volcengine TrafficRoute DNS 2018-08-01 (WIRE.md in this folder): one endpoint routed
 * by `Action` and `Version`, the V4-variant signature checked by the fakes' own verifier
 * (test/helpers/fake-signatures.ts, no client code), X-Content-Sha256 checked against the body,
 * `ListZones` / `ListRecords` paged by PageNumber/PageSize with the API's default of 10 a page
 * (so a client that forgets PageSize sees only ten records and creates duplicates) and the fuzzy
 * Host match unless SearchMode=exact, `CreateRecord` / `UpdateRecord` with JSON bodies, and the
 * `{ResponseMetadata: {…, Error: {Code, CodeN, Message}}, Result}` envelope.
 */
export interface FakeVolcengineOptions {
  accessKeyId: string;
  secretAccessKey: string;
  zones: string[];
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 500;
const SIGNATURE_VALIDITY_MS = 15 * 60_000;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly codeN: number,
    message: string,
  ) {
    super(message);
  }
}

const invalidParameter = (what: string) => new ApiError(400, 'InvalidParameter', 100001, `The parameter ${what} is invalid.`);

export async function startFakeVolcengine(options: FakeVolcengineOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: String(304092 + index) })), idStyle: 'numeric', defaultTtl: 600 });

  const metadata = (action: string) => ({ RequestId: randomUUID(), Action: action, Version: '2018-08-01', Service: 'DNS', Region: 'cn-north-1' });
  const hostOf = (record: FakeRecord) => (record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1)));
  const lineOf = (record: FakeRecord) => (typeof record.extra['line'] === 'string' ? record.extra['line'] : 'default');
  const wire = (record: FakeRecord) => ({
    RecordID: record.id,
    Host: hostOf(record),
    PQDN: record.name,
    Type: record.type,
    Value: record.content,
    TTL: record.ttl,
    Line: lineOf(record),
    Weight: 1,
    Enable: true,
  });

  function checkSignature(request: SeenRequest): void {
    const verdict = verifyV4(request, {
      algorithm: 'HMAC-SHA256',
      keyPrefix: '',
      terminator: 'request',
      dateHeader: 'x-date',
      region: 'cn-north-1',
      service: 'DNS',
      requiredSigned: ['host', 'x-date'],
      secretOf: (id) => (id === options.accessKeyId ? options.secretAccessKey : undefined),
    });
    if (!verdict.ok) {
      if (verdict.reason === 'missing') throw new ApiError(401, 'MissingAuthenticationToken', 100003, 'Request is missing Authentication Token.');
      if (verdict.reason === 'unknown-key') throw new ApiError(401, 'InvalidAccessKey', 100009, 'The accesskey included in the request is invalid.');
      if (verdict.reason === 'malformed' || verdict.reason === 'scope') throw new ApiError(400, 'InvalidAuthorization', 100005, "Invalid 'Authorization' header, Pls check authorization header.");
      throw new ApiError(401, 'SignatureDoesNotMatch', 100010, 'The request signature we calculated does not match the signature you provided.');
    }
    if (Math.abs(Date.now() - signingTimeMs(verdict.date)) > SIGNATURE_VALIDITY_MS) throw new ApiError(400, 'InvalidTimestamp', 100006, 'The Signature of the request is expired.');
    const bodyHash = request.headers['x-content-sha256'];
    if (bodyHash !== undefined && bodyHash !== createHash('sha256').update(request.body).digest('hex')) {
      throw new ApiError(401, 'SignatureDoesNotMatch', 100010, 'The request signature we calculated does not match the signature you provided.');
    }
  }

  function pageParams(query: URLSearchParams): { page: number; size: number } {
    const page = Number(query.get('PageNumber') ?? '1');
    const size = Number(query.get('PageSize') ?? String(DEFAULT_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1) throw invalidParameter('PageNumber');
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw invalidParameter('PageSize');
    return { page, size };
  }

  function jsonBody(request: SeenRequest): Record<string, unknown> {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw invalidParameter('Content-Type');
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new ApiError(400, 'InvalidParameter', 100001, 'The request body is not valid JSON.');
  }

  function zoneOfId(zid: unknown) {
    const zone = typeof zid === 'number' || typeof zid === 'string' ? store.zoneById(String(zid)) : undefined;
    if (zone === undefined) throw new ApiError(404, 'ZoneNotFound', 400104, 'The zone does not exist.');
    return zone;
  }

  function valueFor(type: unknown, value: unknown): { type: string; value: string } {
    if (type !== 'A' && type !== 'AAAA') throw invalidParameter('Type');
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!valid) throw invalidParameter('Value');
    return { type, value };
  }

  function ttlOf(ttl: unknown, fallback: number): number {
    if (ttl === undefined) return fallback;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw invalidParameter('TTL');
    return ttl;
  }

  function nameOf(host: unknown, zone: string): string {
    if (typeof host !== 'string' || host === '') throw invalidParameter('Host');
    return host === '@' ? zone : `${plainName(host)}.${zone}`;
  }

  const actions: Record<string, (request: SeenRequest) => unknown> = {
    ListZones(request) {
      const key = request.query.get('Key');
      const zones = store.zones().filter((zone) => key === null || zone.name.includes(key.toLowerCase()));
      const { page, size } = pageParams(request.query);
      const { items, totalCount } = pageOf(zones, page, size);
      return { Zones: items.map((zone) => ({ ZID: Number(zone.id), ZoneName: zone.name, RecordCount: store.records({ zone: zone.name }).length })), Total: totalCount };
    },
    ListRecords(request) {
      const zone = zoneOfId(request.query.get('ZID') ?? undefined);
      const host = request.query.get('Host');
      const exact = request.query.get('SearchMode') === 'exact';
      const type = request.query.get('Type');
      const line = request.query.get('Line');
      const records = store
        .records({ zone: zone.name })
        .filter((record) => host === null || (exact ? hostOf(record) === host : hostOf(record).includes(host)))
        .filter((record) => (type === null || record.type === type) && (line === null || lineOf(record) === line));
      const { page, size } = pageParams(request.query);
      const { items, totalCount } = pageOf(records, page, size);
      return { TotalCount: totalCount, PageNumber: page, PageSize: size, Records: items.map(wire) };
    },
    CreateRecord(request) {
      const body = jsonBody(request);
      const zone = zoneOfId(body['ZID']);
      const { type, value } = valueFor(body['Type'], body['Value']);
      const name = nameOf(body['Host'], zone.name);
      const line = typeof body['Line'] === 'string' ? body['Line'] : 'default';
      const duplicate = store.records({ name, type }).some((record) => record.content === value && lineOf(record) === line);
      if (duplicate) throw new ApiError(400, 'ErrDBDuplicated', 400103, 'The record already exists.');
      return wire(store.create({ zone: zone.name, name, type, content: value, ttl: ttlOf(body['TTL'], 600), extra: { line } }));
    },
    UpdateRecord(request) {
      const body = jsonBody(request);
      const existing = typeof body['RecordID'] === 'string' ? store.record(body['RecordID']) : undefined;
      if (existing === undefined) throw new ApiError(404, 'RecordNotFound', 400105, 'The record does not exist.');
      const { type, value } = valueFor(body['Type'] ?? existing.type, body['Value']);
      const line = typeof body['Line'] === 'string' ? body['Line'] : lineOf(existing);
      const updated = store.update(existing.id, { name: nameOf(body['Host'], existing.zone), type, content: value, ttl: ttlOf(body['TTL'], existing.ttl), extra: { line } });
      return updated === undefined ? {} : wire(updated);
    },
  };

  const server = await startFakeServer((request) => {
    const action = request.query.get('Action') ?? '';
    try {
      checkSignature(request);
      const handler = actions[action];
      if (handler === undefined || request.query.get('Version') !== '2018-08-01' || request.path !== '/') {
        throw new ApiError(404, 'InvalidActionOrVersion', 100008, `Could not find operation ${action} for version ${request.query.get('Version') ?? ''}.`);
      }
      if ((action.startsWith('List') ? 'GET' : 'POST') !== request.method) throw new ApiError(405, 'InvalidMethod', 100011, 'The method is not allowed.');
      return { status: 200, body: { ResponseMetadata: metadata(action), Result: handler(request) } } satisfies FakeReply;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: error.status, body: { ResponseMetadata: { ...metadata(action), Error: { CodeN: error.codeN, Code: error.code, Message: error.message } } } } satisfies FakeReply;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
