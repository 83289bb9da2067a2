import { randomUUID } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { fakeExpectedSignature } from '../alidns/fake.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Alibaba Cloud ESA 2024-09-10 (WIRE.md in this folder): the RPC common parameters in
 * the query (GET) or form body (POST), the V1 signature checked by the Alidns fake's own verifier
 * (no client code), `ListSites` / `ListRecords` paged by PageNumber/PageSize with a default of 20
 * a page and a fuzzy RecordName match unless RecordMatchType=exact, `Data` as a JSON string, and
 * the POP error envelope `{RequestId, HostId, Code, Message, Recommend}`.
 */
export interface FakeEsaOptions {
  accessKeyId: string;
  accessKeySecret: string;
  zones: string[];
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 500;
const TIMESTAMP_WINDOW_MS = 15 * 60_000;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalidParameter = (what: string) => new ApiError(400, 'InvalidParameter', `The specified parameter ${what} is invalid.`);

function paramsOf(request: SeenRequest): Array<[string, string]> {
  const params: Array<[string, string]> = [...request.query.entries()];
  if (request.method === 'POST' && request.body !== '') {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) throw invalidParameter('Content-Type');
    params.push(...new URLSearchParams(request.body).entries());
  }
  return params;
}

export async function startFakeEsa(options: FakeEsaOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: String(7096621098 + index) })), idStyle: 'numeric', defaultTtl: 1 });
  const usedNonces = new Set<string>();

  const wire = (record: FakeRecord) => ({
    RecordId: Number(record.id),
    RecordName: record.name,
    RecordType: record.type,
    Data: { Value: record.content },
    Ttl: record.ttl,
    Proxied: false,
    SiteId: Number(store.zoneByName(record.zone)?.id ?? 0),
    SiteName: record.zone,
    RecordSourceType: 'OSS',
  });

  function authenticate(request: SeenRequest, list: Array<[string, string]>): Record<string, string> {
    const params = Object.fromEntries(list);
    if (params['Signature'] === undefined || params['AccessKeyId'] === undefined) throw new ApiError(400, 'MissingSignature', 'Signature is mandatory for this action.');
    if (params['AccessKeyId'] !== options.accessKeyId) throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (params['SignatureMethod'] !== 'HMAC-SHA1' || params['SignatureVersion'] !== '1.0') throw invalidParameter('SignatureMethod');
    if (params['Signature'] !== fakeExpectedSignature(request.method, list, options.accessKeySecret)) {
      throw new ApiError(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const stamp = Date.parse(params['Timestamp'] ?? '');
    if (Number.isNaN(stamp) || Math.abs(Date.now() - stamp) > TIMESTAMP_WINDOW_MS) throw new ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = params['SignatureNonce'] ?? '';
    if (usedNonces.has(nonce)) throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    usedNonces.add(nonce);
    return params;
  }

  function pageParams(params: Record<string, string>): { page: number; size: number } {
    const page = Number(params['PageNumber'] ?? '1');
    const size = Number(params['PageSize'] ?? String(DEFAULT_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1) throw invalidParameter('PageNumber');
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw invalidParameter('PageSize');
    return { page, size };
  }

  function siteOf(id: string | undefined) {
    const zone = id === undefined ? undefined : store.zoneById(id);
    if (zone === undefined) throw new ApiError(404, 'Site.NotFound', 'The site does not exist.');
    return zone;
  }

  function valueOf(type: string | undefined, data: string | undefined): { type: string; value: string } {
    if (type !== 'A' && type !== 'AAAA' && type !== 'A/AAAA') throw invalidParameter('Type');
    let value: unknown;
    try {
      value = (JSON.parse(data ?? '') as { Value?: unknown }).Value;
    } catch {
      throw invalidParameter('Data');
    }
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : type === 'AAAA' ? value.includes(':') : true);
    if (!valid || typeof value !== 'string') throw invalidParameter('Data.Value');
    return { type: type === 'A/AAAA' ? (value.includes(':') ? 'AAAA' : 'A') : type, value };
  }

  function ttlOf(raw: string | undefined, fallback: number): number {
    if (raw === undefined) return fallback;
    const ttl = Number(raw);
    if (!Number.isInteger(ttl) || (ttl !== 1 && (ttl < 30 || ttl > 86_400))) throw new ApiError(400, 'InvalidParameter.Ttl', 'The specified Ttl is invalid.');
    return ttl;
  }

  const actions: Record<string, (params: Record<string, string>) => object> = {
    ListSites(params) {
      const name = params['SiteName'];
      const exact = params['SiteSearchType'] === 'exact';
      const zones = store.zones().filter((zone) => name === undefined || (exact ? zone.name === name.toLowerCase() : zone.name.includes(name.toLowerCase())));
      const { page, size } = pageParams(params);
      const { items, totalCount } = pageOf(zones, page, size);
      return { TotalCount: totalCount, PageNumber: page, PageSize: size, Sites: items.map((zone) => ({ SiteId: Number(zone.id), SiteName: zone.name, AccessType: 'NS', Status: 'active' })) };
    },
    ListRecords(params) {
      const zone = siteOf(params['SiteId']);
      const name = params['RecordName'];
      const exact = params['RecordMatchType'] === 'exact';
      const type = params['Type'];
      const records = store
        .records({ zone: zone.name })
        .filter((record) => name === undefined || (exact ? record.name === plainName(name) : record.name.includes(plainName(name))))
        .filter((record) => type === undefined || record.type === type);
      const { page, size } = pageParams(params);
      const { items, totalCount } = pageOf(records, page, size);
      return { TotalCount: totalCount, PageNumber: page, PageSize: size, Records: items.map(wire) };
    },
    CreateRecord(params) {
      const zone = siteOf(params['SiteId']);
      const name = plainName(params['RecordName'] ?? '');
      if (name !== zone.name && !name.endsWith(`.${zone.name}`)) throw invalidParameter('RecordName');
      const { type, value } = valueOf(params['Type'], params['Data']);
      if (store.records({ name, type }).some((record) => record.content === value)) throw new ApiError(400, 'Record.Exist', 'The record already exists.');
      const created = store.create({ zone: zone.name, name, type, content: value, ttl: ttlOf(params['Ttl'], 1) });
      return { RecordId: Number(created.id) };
    },
    UpdateRecord(params) {
      const existing = params['RecordId'] === undefined ? undefined : store.record(params['RecordId']);
      if (existing === undefined) throw new ApiError(404, 'Record.NotExist', 'The record does not exist.');
      const { value } = valueOf(existing.type, params['Data']);
      store.update(existing.id, { content: value, ttl: ttlOf(params['Ttl'], existing.ttl) });
      return {};
    },
  };

  const server = await startFakeServer((request) => {
    const requestId = randomUUID().toUpperCase();
    try {
      const list = paramsOf(request);
      const params = authenticate(request, list);
      const action = params['Action'] ?? '';
      const handler = actions[action];
      if (handler === undefined || params['Version'] !== '2024-09-10' || request.path !== '/') throw new ApiError(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method.`);
      return { status: 200, body: { RequestId: requestId, ...handler(params) } } satisfies FakeReply;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return {
        status: error.status,
        body: { RequestId: requestId, HostId: 'esa.cn-hangzhou.aliyuncs.com', Code: error.code, Message: error.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${error.code}` },
      } satisfies FakeReply;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
