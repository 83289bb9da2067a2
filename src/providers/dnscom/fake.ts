import { createHash } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import { FakeApiError } from '../../../test/helpers/fake-per-test.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the 51DNS / dns.com API (WIRE.md in this folder): form POSTs to `/api/<module>/<action>`,
 * the `hash` checked by its own reading of the signing page (parameters but hash sorted by name,
 * `name=value` joined by `&`, the secret appended, MD5), the timestamp checked against the clock,
 * `domain/list` and `record/list` paged by page/pageSize with a short default page, and the
 * `{code, message, data}` envelope with code 0 on success.
 */
export interface FakeDnscomOptions {
  apiKey: string;
  apiSecret: string;
  zones: string[];
}

/** Rows a page when pageSize is not given (**unconfirmed**: small on purpose). */
const DEFAULT_PAGE_SIZE = 10;
/** How far the timestamp may be off (**unconfirmed**). */
const TIMESTAMP_WINDOW_S = 600;


/** The hash this fake expects, written from the signing page, apart from the client's signer. */
function expectedHash(form: URLSearchParams, secret: string): string {
  const names = [...new Set(form.keys())].filter((name) => name !== 'hash').sort();
  let text = '';
  for (const [index, name] of names.entries()) text += `${index === 0 ? '' : '&'}${name}=${form.get(name) ?? ''}`;
  return createHash('md5').update(text + secret, 'utf8').digest('hex');
}

export async function startFakeDnscom(options: FakeDnscomOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones.map((name, index) => ({ name, id: String(880_001 + index) })), idStyle: 'numeric', defaultTtl: 600 });

  const hostOf = (record: FakeRecord) => (record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1)));
  const viewOf = (record: FakeRecord) => (typeof record.extra['view'] === 'number' ? record.extra['view'] : 0);
  const wire = (record: FakeRecord) => ({
    recordID: Number(record.id),
    domainID: Number(store.zoneByName(record.zone)?.id),
    record: hostOf(record),
    type: record.type,
    value: record.content,
    TTL: record.ttl,
    viewID: viewOf(record),
    state: 0,
    remark: '',
  });

  function paging(form: URLSearchParams): { page: number; size: number } {
    const page = Number(form.get('page') ?? '1');
    const size = Number(form.get('pageSize') ?? String(DEFAULT_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 500) throw new FakeApiError(3, '非法参数');
    return { page, size };
  }

  function zoneOf(form: URLSearchParams) {
    const id = form.get('domainID') ?? '';
    const zone = store.zoneById(id) ?? store.zoneByName(id);
    if (zone === undefined) throw new FakeApiError(10001, '域名不存在');
    return zone;
  }

  function value(form: URLSearchParams, type: string, name: string): string {
    const text = form.get(name) ?? '';
    if (!(type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(text) : text.includes(':'))) throw new FakeApiError(3, '非法参数: 记录值');
    return text;
  }

  function ttl(form: URLSearchParams, name: string, fallback: number): number {
    const text = form.get(name);
    const number = text === null ? fallback : Number(text);
    if (!Number.isInteger(number) || number < 1 || number > 86_400) throw new FakeApiError(3, '非法参数: TTL');
    return number;
  }

  const actions: Record<string, (form: URLSearchParams) => unknown> = {
    'domain/list'(form) {
      const { page, size } = paging(form);
      const { items, totalPages } = pageOf(store.zones(), page, size);
      return { data: items.map((zone) => ({ groupID: 0, domainID: Number(zone.id), domains: zone.name, state: 0, userLock: 0, adminLock: 0 })), page, pageSize: size, pageCount: totalPages };
    },
    'domain/getsingle'(form) {
      const zone = zoneOf(form);
      return { domainID: Number(zone.id), domains: zone.name, state: 0 };
    },
    'record/list'(form) {
      const zone = zoneOf(form);
      const host = form.get('host');
      const records = store.records({ zone: zone.name }).filter((record) => host === null || host === '' || hostOf(record) === host);
      const { page, size } = paging(form);
      const { items, totalPages } = pageOf(records, page, size);
      return { data: items.map(wire), page, pageSize: size, pageCount: totalPages };
    },
    'record/create'(form) {
      const zone = zoneOf(form);
      const type = form.get('type') ?? '';
      if (type !== 'A' && type !== 'AAAA') throw new FakeApiError(3, '非法参数: type');
      const host = form.get('host') ?? '';
      if (host === '') throw new FakeApiError(3, '非法参数: host');
      const name = host === '@' ? zone.name : `${plainName(host)}.${zone.name}`;
      const content = value(form, type, 'value');
      const view = Number(form.get('viewID') ?? '0');
      if (store.records({ name, type }).some((record) => record.content === content && viewOf(record) === view)) throw new FakeApiError(10010, '记录已存在');
      return wire(store.create({ zone: zone.name, name, type, content, ttl: ttl(form, 'TTL', 600), extra: { view } }));
    },
    'record/modify'(form) {
      const zone = zoneOf(form);
      const existing = store.record(form.get('recordID') ?? '');
      if (existing === undefined || existing.zone !== zone.name) throw new FakeApiError(10002, '记录不存在');
      const updated = store.update(existing.id, { content: value(form, existing.type, 'newvalue'), ttl: ttl(form, 'newTTL', existing.ttl) });
      return updated === undefined ? {} : wire(updated);
    },
  };

  const server = await startFakeServer((request: SeenRequest): FakeReply => {
    try {
      const action = actions[request.path.replace(/^\/api\//, '').replace(/\/$/, '')];
      if (request.method !== 'POST' || action === undefined) return { status: 404, body: '<html><body>404 Not Found</body></html>' };
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) throw new FakeApiError(3, '非法参数');
      const form = new URLSearchParams(request.body);
      if (form.get('apiKey') !== options.apiKey) throw new FakeApiError(2, 'apiKey 错误');
      if (form.get('hash') !== expectedHash(form, options.apiSecret)) throw new FakeApiError(2, 'hash 签名错误');
      const timestamp = Number(form.get('timestamp'));
      if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > TIMESTAMP_WINDOW_S) throw new FakeApiError(4, 'timestamp 已过期');
      return { status: 200, body: { code: 0, message: '成功', data: action(form) } };
    } catch (error) {
      if (error instanceof FakeApiError) return { status: 200, body: { code: error.code, message: error.message } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
