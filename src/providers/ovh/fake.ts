import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { ovhSignature } from './signature.js';

/**
 * A fake of the OVHcloud API v1 DNS zone calls (WIRE.md in this folder). Every request but
 * `GET /1.0/auth/time` must carry the application key, the consumer key, a timestamp within
 * `toleranceSeconds` of the fake's clock and a `$1$` signature, which the fake computes again from
 * what it received (the URL from the Host header, path and query; the raw body). Records are listed
 * as ids with the subDomain filter matched like SQL LIKE, read one by one, created, updated (`null`)
 * and published with `POST …/refresh` (counted in `refreshes`). Errors are OVHcloud's
 * `{"errorCode","httpCode","message"}` and `{"class","message"}` bodies.
 */
export interface FakeOvhOptions {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
  zones: string[];
  /** The fake's clock minus the local clock, in seconds: a machine whose clock is off. */
  clockOffsetSeconds?: number;
  toleranceSeconds?: number;
}

export interface RunningOvhFake extends RunningFake {
  /** `POST /domain/zone/{zone}/refresh` calls, by zone. */
  refreshes: Map<string, number>;
  /** The fake's clock, Unix seconds. */
  serverTime(): number;
  /** The next `count` refresh calls answer 503 (the change stays unpublished). */
  failRefreshes(count: number): void;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, string>,
  ) {
    super(body['message']);
  }
}

const STATUS_TEXT: Record<number, string> = { 400: '400 Bad Request', 403: '403 Forbidden' };
const authError = (status: number, errorCode: string, message: string) => new ApiError(status, { errorCode, httpCode: STATUS_TEXT[status] ?? String(status), message });
const clientError = (status: number, name: string, message: string) => new ApiError(status, { class: `Client::${name}`, message });
const NULL_REPLY: FakeReply = { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: 'null' };
const RECORD_PATH = /^\/1\.0\/domain\/zone\/([^/]+)\/(record|refresh)(?:\/([^/]+))?$/;

/** SQL LIKE: `_` is any one character, `%` any run; case-insensitive. */
function likeMatch(pattern: string, value: string): boolean {
  const source = [...pattern].map((char) => (char === '_' ? '.' : char === '%' ? '.*' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw clientError(400, 'BadRequest', 'Invalid JSON received');
}

export async function startFakeOvh(options: FakeOvhOptions): Promise<RunningOvhFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 0 });
  const refreshes = new Map<string, number>();
  const tolerance = options.toleranceSeconds ?? 30;
  const serverTime = () => Math.floor(Date.now() / 1000) + (options.clockOffsetSeconds ?? 0);
  let url = '';
  let refreshFailures = 0;

  const subDomainOf = (record: FakeRecord) => (record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1)));
  const wire = (record: FakeRecord) => ({ id: Number(record.id), zone: record.zone, subDomain: subDomainOf(record), fieldType: record.type, target: record.content, ttl: record.ttl });
  const checkTarget = (type: string, target: unknown): string => {
    const valid = typeof target === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(target) : target.includes(':'));
    if (!valid) throw clientError(400, 'BadRequest', `Invalid target for a ${type} record`);
    return target;
  };
  const checkTtl = (ttl: unknown, fallback: number): number => {
    const seconds = ttl ?? fallback;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) throw clientError(400, 'BadRequest', 'Invalid ttl');
    return seconds;
  };

  function authenticate(request: SeenRequest): void {
    if (request.headers['x-ovh-application'] !== options.applicationKey) throw authError(403, 'INVALID_KEY', 'This application key is invalid');
    if (request.headers['x-ovh-consumer'] !== options.consumerKey) throw authError(403, 'INVALID_CREDENTIAL', 'This credential is not valid');
    const timestamp = Number(request.headers['x-ovh-timestamp']);
    // What OVHcloud answers to a stale timestamp is unconfirmed (WIRE.md): the fake refuses the signature.
    if (!Number.isInteger(timestamp) || Math.abs(timestamp - serverTime()) > tolerance) throw authError(400, 'INVALID_SIGNATURE', 'Invalid signature');
    const query = request.query.toString();
    const fullUrl = `http://${request.headers.host ?? new URL(url).host}${request.path}${query === '' ? '' : `?${query}`}`;
    const expected = ovhSignature({ applicationSecret: options.applicationSecret, consumerKey: options.consumerKey, method: request.method, url: fullUrl, body: request.body, timestamp });
    if (request.headers['x-ovh-signature'] !== expected) throw authError(400, 'INVALID_SIGNATURE', 'Invalid signature');
  }

  function route(request: SeenRequest): FakeReply {
    if (request.method === 'GET' && request.path === '/1.0/auth/time') return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: String(serverTime()) };
    authenticate(request);
    if (request.method === 'GET' && request.path === '/1.0/domain/zone') return { status: 200, body: store.zones().map((zone) => zone.name) };
    const match = RECORD_PATH.exec(request.path);
    const zone = match === null ? undefined : store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (match === null || zone === undefined) throw clientError(404, 'NotFound', 'This service does not exist');
    const [, , kind, id] = match;
    if (kind === 'refresh' && id === undefined && request.method === 'POST') {
      if (refreshFailures > 0) {
        refreshFailures -= 1;
        throw new ApiError(503, { class: 'Server::ServiceUnavailable', message: 'Service unavailable' });
      }
      refreshes.set(zone.name, (refreshes.get(zone.name) ?? 0) + 1);
      return NULL_REPLY;
    }
    if (kind !== 'record') throw clientError(404, 'NotFound', 'This service does not exist');
    if (id === undefined && request.method === 'GET') {
      const fieldType = request.query.get('fieldType');
      const subDomain = request.query.get('subDomain');
      const ids = store
        .records({ zone: zone.name })
        .filter((record) => (fieldType === null || record.type === fieldType) && (subDomain === null || likeMatch(subDomain, subDomainOf(record))))
        .map((record) => Number(record.id));
      return { status: 200, body: ids };
    }
    if (id === undefined && request.method === 'POST') {
      const { fieldType, subDomain, target, ttl } = jsonObject(request.body);
      if (fieldType !== 'A' && fieldType !== 'AAAA') throw clientError(400, 'BadRequest', 'Invalid fieldType');
      if (typeof subDomain !== 'string' || subDomain.endsWith('.')) throw clientError(400, 'BadRequest', 'Invalid subDomain');
      const created = store.create({ zone: zone.name, name: subDomain === '' ? zone.name : nameInZone(plainName(subDomain), zone.name), type: fieldType, content: checkTarget(fieldType, target), ttl: checkTtl(ttl, 0) });
      return { status: 200, body: wire(created) };
    }
    const existing = id === undefined ? undefined : store.record(id);
    if (id === undefined || existing === undefined || existing.zone !== zone.name) throw clientError(404, 'NotFound', `The requested object (id = ${id ?? ''}) does not exist`);
    if (request.method === 'GET') return { status: 200, body: wire(existing) };
    if (request.method === 'PUT') {
      const { target, ttl } = jsonObject(request.body);
      store.update(id, { content: target === undefined ? existing.content : checkTarget(existing.type, target), ttl: checkTtl(ttl, existing.ttl) });
      return NULL_REPLY;
    }
    throw clientError(405, 'MethodNotAllowed', 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, headers: { 'X-Ovh-Queryid': 'EU.fake.0001' }, body: error.body };
      throw error;
    }
  });
  url = server.url;
  const failRefreshes = (count: number) => {
    refreshFailures = count;
  };
  return { endpoint: `${server.url}/1.0`, server, store, refreshes, serverTime, failRefreshes, requestCount: () => server.requests.length, close: () => server.close() };
}
