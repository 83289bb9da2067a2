import { createHash, createHmac, randomUUID } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, plainName } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Tencent Cloud EdgeOne (teo 2022-09-01, WIRE.md in this folder): JSON POSTs routed by
 * X-TC-Action, TC3-HMAC-SHA256 checked by its own verifier below (written from Tencent's signing
 * document, no client code), Offset/Limit paging with the API's default Limit of 20, and every
 * answer HTTP 200 in `{"Response": {…, "Error"?: {Code, Message}, "RequestId"}}`.
 */
export interface FakeEdgeoneOptions {
  secretId: string;
  secretKey: string;
  zones: string[];
}

const DEFAULT_LIMIT = 20;
const SIGNATURE_WINDOW_S = 300;

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmacOf = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** TC3: CanonicalRequest over the signed headers (lower-cased name:value), the UTC date scope, HMAC chain from "TC3"+key. */
function verifyTc3(request: SeenRequest, secretId: string, secretKey: string): void {
  const authorization = String(request.headers['authorization'] ?? '');
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/teo\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (match === null) throw new ApiError('AuthFailure.InvalidAuthorization', 'Authorization header format error.');
  const [, id, date, signedHeaders, signature] = match as unknown as [string, string, string, string, string];
  if (id !== secretId) throw new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
  const timestamp = Number(request.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > SIGNATURE_WINDOW_S) throw new ApiError('AuthFailure.SignatureExpire', 'Signature expired.');
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) throw new ApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) throw new ApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
  const headers = names.map((name) => `${name}:${String(request.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  const canonical = ['POST', '/', '', headers, signedHeaders, sha256(request.body)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/teo/tc3_request`, sha256(canonical)].join('\n');
  const key = hmacOf(hmacOf(hmacOf(`TC3${secretKey}`, date), 'teo'), 'tc3_request');
  if (createHmac('sha256', key).update(toSign, 'utf8').digest('hex') !== signature) {
    throw new ApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  }
}

type Filter = { Name?: unknown; Values?: unknown; Fuzzy?: unknown };

export async function startFakeEdgeone(options: FakeEdgeoneOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: `zone-2o${index}abcdef` })), idStyle: 'hex32', defaultTtl: 300 });
  const invalid = (what: string) => new ApiError('InvalidParameter', `Parameter ${what} is invalid.`);

  function page(body: Record<string, unknown>, max: number): { offset: number; limit: number } {
    const offset = body['Offset'] ?? 0;
    const limit = body['Limit'] ?? DEFAULT_LIMIT;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalid('Offset');
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > max) throw invalid('Limit');
    return { offset, limit };
  }
  const slice = <T>(items: readonly T[], offset: number, limit: number) => items.slice(offset, offset + limit);
  const filterValue = (body: Record<string, unknown>, name: string): { value: string; fuzzy: boolean } | undefined => {
    const filters = Array.isArray(body['Filters']) ? (body['Filters'] as Filter[]) : [];
    const found = filters.find((filter) => filter.Name === name);
    const values = found?.Values;
    return Array.isArray(values) && typeof values[0] === 'string' ? { value: values[0], fuzzy: found?.Fuzzy === true } : undefined;
  };
  const zoneOf = (id: unknown) => {
    const zone = typeof id === 'string' ? store.zoneById(id) : undefined;
    if (zone === undefined) throw new ApiError('ResourceNotFound', 'The zone does not exist.');
    return zone;
  };
  const ttlOf = (ttl: unknown, fallback: number) => {
    if (ttl === undefined) return fallback;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 60 || ttl > 86_400) throw new ApiError('InvalidParameter.InvalidDnsRecordTTL', 'TTL is invalid.');
    return ttl;
  };
  const valueOf = (type: unknown, content: unknown) => {
    const ok = typeof content === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(content) : type === 'AAAA' && content.includes(':'));
    if (!ok) throw invalid('Content');
    return { type: type as string, content: content as string };
  };
  const wire = (record: ReturnType<typeof store.records>[number]) => ({
    ZoneId: store.zoneByName(record.zone)?.id,
    RecordId: record.id,
    Name: record.name,
    Type: record.type,
    Location: 'Default',
    Content: record.content,
    TTL: record.ttl,
    Weight: -1,
    Priority: 0,
    Status: 'enable',
  });

  const actions: Record<string, (body: Record<string, unknown>) => object> = {
    DescribeZones(body) {
      const { offset, limit } = page(body, 100);
      const wanted = filterValue(body, 'zone-name');
      const zones = store.zones().filter((zone) => wanted === undefined || zone.name === wanted.value.toLowerCase());
      return { TotalCount: zones.length, Zones: slice(zones, offset, limit).map((zone) => ({ ZoneId: zone.id, ZoneName: zone.name, Type: 'full', Status: 'active' })) };
    },
    DescribeDnsRecords(body) {
      const zone = zoneOf(body['ZoneId']);
      const { offset, limit } = page(body, 1000);
      const name = filterValue(body, 'name');
      const type = filterValue(body, 'type');
      const records = store
        .records({ zone: zone.name })
        .filter((record) => name === undefined || (name.fuzzy ? record.name.includes(plainName(name.value)) : record.name === plainName(name.value)))
        .filter((record) => type === undefined || record.type === type.value);
      return { TotalCount: records.length, DnsRecords: slice(records, offset, limit).map(wire) };
    },
    CreateDnsRecord(body) {
      const zone = zoneOf(body['ZoneId']);
      const name = typeof body['Name'] === 'string' ? plainName(body['Name']) : '';
      if (name !== zone.name && !name.endsWith(`.${zone.name}`)) throw invalid('Name');
      const { type, content } = valueOf(body['Type'], body['Content']);
      if (store.records({ name, type }).some((record) => record.content === content)) throw new ApiError('InvalidParameter.DnsRecordExist', 'DNS record already exists.');
      return { RecordId: store.create({ zone: zone.name, name, type, content, ttl: ttlOf(body['TTL'], 300) }).id };
    },
    ModifyDnsRecords(body) {
      zoneOf(body['ZoneId']);
      const list = Array.isArray(body['DnsRecords']) ? (body['DnsRecords'] as Record<string, unknown>[]) : [];
      if (list.length === 0) throw invalid('DnsRecords');
      for (const item of list) {
        const existing = typeof item['RecordId'] === 'string' ? store.record(item['RecordId']) : undefined;
        if (existing === undefined) throw new ApiError('ResourceNotFound', 'The record does not exist.');
        const { content } = valueOf(item['Type'] ?? existing.type, item['Content']);
        store.update(existing.id, { content, ttl: ttlOf(item['TTL'], existing.ttl) });
      }
      return {};
    },
  };

  const server = await startFakeServer((request) => {
    const RequestId = randomUUID();
    try {
      if (request.method !== 'POST' || request.path !== '/') throw new ApiError('UnsupportedOperation', 'Only POST / is supported here.');
      verifyTc3(request, options.secretId, options.secretKey);
      const action = String(request.headers['x-tc-action'] ?? '');
      const handler = actions[action];
      if (handler === undefined || request.headers['x-tc-version'] !== '2022-09-01') throw new ApiError('InvalidAction', `The action ${action} is not supported.`);
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        throw new ApiError('InvalidParameter', 'The request body is not valid JSON.');
      }
      if (body === null || typeof body !== 'object') throw new ApiError('InvalidParameter', 'The request body is not a JSON object.');
      return { status: 200, body: { Response: { ...handler(body as Record<string, unknown>), RequestId } } } satisfies FakeReply;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: 200, body: { Response: { Error: { Code: error.code, Message: error.message }, RequestId } } } satisfies FakeReply;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
