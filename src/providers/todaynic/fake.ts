import { createHmac, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the TodayNIC DNS API (WIRE.md in this folder): every call a GET under `/api/Dns/`,
 * signed with HMAC-SHA1 over the sorted, RFC 3986-encoded query (AccessInstanceID in place of
 * Alibaba's AccessKeyId). The signature is checked by this file's own verifier, written from the
 * recipe without the client's signer, so a signer bug cannot be mirrored here. Answers are JSON
 * with `RequestId`, and `error` set on failure (HTTP 200).
 */
export interface FakeTodaynicOptions {
  accessInstanceId: string;
  accessKeySecret: string;
  zones: string[];
}

class ApiError extends Error {}

/** RFC 3986: only A–Z a–z 0–9 - _ . ~ stay as they are. */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** Verifies `Signature` = base64(HMAC-SHA1(secret + "&", "GET&%2F&" + encode(sorted query))). */
export function todaynicSignatureValid(request: SeenRequest, secret: string): boolean {
  const signature = request.query.get('Signature');
  if (signature === null) return false;
  const pairs = [...request.query.entries()].filter(([name]) => name !== 'Signature').map(([name, value]) => [encode(name), encode(value)] as const);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  const expected = createHmac('sha1', `${secret}&`).update(`${request.method}&${encode('/')}&${encode(canonical)}`, 'utf8').digest('base64');
  const left = Buffer.from(expected);
  const right = Buffer.from(signature);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function startFakeTodaynic(options: FakeTodaynicOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 600 });
  let requestId = 0;

  const wire = (record: FakeRecord) => ({ id: Number(record.id), Domain: record.zone, Host: hostInZone(record.name, record.zone), Type: record.type, Value: record.content, State: 1 });
  const required = (request: SeenRequest, name: string): string => {
    const value = request.query.get(name);
    if (value === null || value === '') throw new ApiError(`MissingParameter: ${name}`);
    return value;
  };
  const zoneOf = (request: SeenRequest): string => {
    const zone = store.zoneByName(required(request, 'Domain').toLowerCase());
    if (zone === undefined) throw new ApiError('InvalidDomain: 域名不存在');
    return zone.name;
  };
  const typeOf = (request: SeenRequest): string => {
    const type = required(request, 'Type').toUpperCase();
    if (type !== 'A' && type !== 'AAAA') throw new ApiError('InvalidType: 记录类型错误');
    return type;
  };
  const valueOf = (request: SeenRequest, type: string): string => {
    const value = required(request, 'Value');
    if (!(type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'))) throw new ApiError('InvalidValue: 记录值格式错误');
    return value;
  };
  const ttlOf = (request: SeenRequest): number => {
    const ttl = Number(request.query.get('Ttl') ?? '600');
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new ApiError('InvalidTtl: TTL 不合法');
    return ttl;
  };

  function route(request: SeenRequest): Record<string, unknown> {
    if (request.method !== 'GET') throw new ApiError('InvalidMethod');
    if (request.query.get('AccessInstanceID') !== options.accessInstanceId) throw new ApiError('InvalidAccessInstanceID: 认证失败');
    if (request.query.get('SignatureMethod') !== 'HMAC-SHA1' || required(request, 'SignatureNonce') === '' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(required(request, 'Timestamp'))) {
      throw new ApiError('MissingParameter: SignatureMethod/SignatureNonce/Timestamp');
    }
    if (!todaynicSignatureValid(request, options.accessKeySecret)) throw new ApiError('SignatureDoesNotMatch: 签名错误');
    if (request.path === '/api/Dns/DescribeRecordIndex') {
      const zone = zoneOf(request);
      const type = request.query.get('Type');
      const host = request.query.get('Host');
      const records = store
        .records({ zone, ...(type === null ? {} : { type: type.toUpperCase() }) })
        .filter((record) => host === null || record.name === nameInZone(plainName(host), zone));
      return { Data: records.map(wire) };
    }
    if (request.path === '/api/Dns/AddDomainRecord') {
      const zone = zoneOf(request);
      const type = typeOf(request);
      const name = nameInZone(plainName(required(request, 'Host')), zone);
      const content = valueOf(request, type);
      if (store.records({ name, type }).some((record) => record.content === content)) throw new ApiError('RecordExists: 记录已存在');
      return { Id: Number(store.create({ zone, name, type, content, ttl: ttlOf(request) }).id) };
    }
    if (request.path === '/api/Dns/UpdateDomainRecord') {
      const zone = zoneOf(request);
      const existing = store.record(required(request, 'Id'));
      if (existing === undefined || existing.zone !== zone) throw new ApiError('InvalidRecordId: 记录不存在');
      const type = typeOf(request);
      store.update(existing.id, { name: nameInZone(plainName(required(request, 'Host')), zone), type, content: valueOf(request, type), ttl: ttlOf(request) });
      return { Id: Number(existing.id) };
    }
    return { notFound: true };
  }

  const server = await startFakeServer((request): FakeReply => {
    requestId += 1;
    const id = `fake-${requestId}`;
    try {
      const body = route(request);
      if (body['notFound'] === true) return { status: 404, body: 'Not Found' };
      return { status: 200, body: { RequestId: id, ...body } };
    } catch (error) {
      if (error instanceof ApiError) return { status: 200, body: { RequestId: id, error: error.message } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
