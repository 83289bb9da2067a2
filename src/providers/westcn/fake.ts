import { createHash } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import { FakeApiError } from '../../../test/helpers/fake-per-test.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of West.cn's domain DNS API (WIRE.md in this folder): `POST /API/v2/domain/dns/` with a
 * GBK form body (percent-escapes decoded as GBK bytes, not UTF-8), routed by `act`; account
 * authentication (`username` + `apikey`, the MD5 of the API password, computed here on its own)
 * or one domain's `apidomainkey`; `dnsrec.list` paged by pageno/limit with a short default page;
 * `dnsrec.add` / `dnsrec.modify`; answers in GBK, in the `{code, msg, body}` envelope.
 */
export interface FakeWestcnOptions {
  username: string;
  apiPassword: string;
  zones: string[];
  /** Domain → its apidomainkey, for domain-key authentication. */
  domainKeys?: Record<string, string>;
}

/** Records a page when no limit is asked for (**unconfirmed**: small on purpose). */
const DEFAULT_LIMIT = 10;


/** The form's fields, its %XX escapes read as GBK bytes, as the service reads them. */
export function decodeGbkForm(body: string): Map<string, string> {
  const decoder = new TextDecoder('gbk');
  const bytesOf = (text: string): Uint8Array => {
    const bytes: number[] = [];
    const plus = text.replace(/\+/g, ' ');
    for (let index = 0; index < plus.length; index++) {
      const char = plus[index] ?? '';
      if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(plus.slice(index + 1, index + 3))) {
        bytes.push(parseInt(plus.slice(index + 1, index + 3), 16));
        index += 2;
      } else {
        bytes.push(char.charCodeAt(0) & 0xff);
      }
    }
    return Uint8Array.from(bytes);
  };
  const fields = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const [key = '', value = ''] = pair.split('=', 2);
    fields.set(decoder.decode(bytesOf(key)), decoder.decode(bytesOf(value)));
  }
  return fields;
}

/**
 * `text` in GBK bytes. Node has no GBK encoder, so the table is the decoder's inverse: every
 * two-byte GBK code is decoded once and remembered by the character it gives.
 */
let gbkTable: Map<string, number[]> | undefined;
export function encodeGbk(text: string): Buffer {
  if (gbkTable === undefined) {
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
      }
    }
    gbkTable = table;
  }
  const table = gbkTable;
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(char) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}

function reply(body: object, status = 200): FakeReply {
  return { status, headers: { 'Content-Type': 'text/html; charset=gbk' }, body: encodeGbk(JSON.stringify(body)) };
}

export async function startFakeWestcn(options: FakeWestcnOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 600 });
  const apikey = createHash('md5').update(options.apiPassword, 'utf8').digest('hex');

  const hostOf = (record: FakeRecord) => (record.name === record.zone ? '@' : record.name.slice(0, -(record.zone.length + 1)));
  const lineOf = (record: FakeRecord) => (typeof record.extra['line'] === 'string' ? record.extra['line'] : '');
  const wire = (record: FakeRecord) => ({
    record_id: Number(record.id),
    hostname: hostOf(record),
    record_type: record.type,
    record_value: record.content,
    record_ttl: record.ttl,
    record_line: lineOf(record),
    record_mx: 10,
    pause: 0,
  });

  function authenticate(fields: Map<string, string>, domain: string): void {
    const domainKey = fields.get('apidomainkey');
    if (domainKey !== undefined) {
      if (options.domainKeys?.[domain] !== domainKey) throw new FakeApiError(500, 'apidomainkey 验证失败');
      return;
    }
    if (fields.get('username') !== options.username || fields.get('apikey') !== apikey) throw new FakeApiError(500, '用户名或 apikey 验证失败');
  }

  function recordFields(fields: Map<string, string>, type: string | undefined) {
    if (type !== 'A' && type !== 'AAAA') throw new FakeApiError(500, 'record_type 错误');
    const value = fields.get('record_value') ?? '';
    if (!(type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'))) throw new FakeApiError(500, '记录值格式错误');
    const ttl = Number(fields.get('record_ttl') ?? '900');
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > 86_400) throw new FakeApiError(500, 'TTL 必须在 60-86400 之间');
    return { type, value, ttl, line: fields.get('record_line') ?? '' };
  }

  const actions: Record<string, (fields: Map<string, string>, zone: string) => object> = {
    'dnsrec.list'(fields, zone) {
      const host = fields.get('hostname');
      const type = fields.get('record_type');
      const records = store
        .records({ zone })
        .filter((record) => (host === undefined || host === '' || hostOf(record) === host) && (type === undefined || type === '' || record.type === type));
      const page = Number(fields.get('pageno') ?? '1');
      const limit = Number(fields.get('limit') ?? String(DEFAULT_LIMIT));
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1 || limit > 1000) throw new FakeApiError(500, '分页参数错误');
      const { items, totalCount, totalPages } = pageOf(records, page, limit);
      if (totalCount === 0) throw new FakeApiError(500, 'no records');
      return { pageno: page, limit, total: totalCount, pagecount: totalPages, items: items.map(wire) };
    },
    'dnsrec.add'(fields, zone) {
      const host = fields.get('hostname');
      if (host === undefined || host === '') throw new FakeApiError(500, 'hostname 不能为空');
      const name = host === '@' ? zone : `${plainName(host)}.${zone}`;
      const { type, value, ttl, line } = recordFields(fields, fields.get('record_type'));
      if (store.records({ name, type }).some((record) => record.content === value && lineOf(record) === line)) throw new FakeApiError(500, '500 already exists');
      return { record_id: Number(store.create({ zone, name, type, content: value, ttl, extra: { line } }).id) };
    },
    'dnsrec.modify'(fields, zone) {
      const existing = store.record(fields.get('record_id') ?? '');
      if (existing === undefined || existing.zone !== zone) throw new FakeApiError(404, '记录不存在');
      const { type, value, ttl, line } = recordFields(fields, fields.get('record_type') ?? existing.type);
      store.update(existing.id, { type, content: value, ttl, extra: { line } });
      return {};
    },
  };

  const server = await startFakeServer((request: SeenRequest) => {
    try {
      if (request.method !== 'POST' || request.path !== '/API/v2/domain/dns/') return { status: 404, body: 'Not Found' };
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) throw new FakeApiError(500, '参数错误');
      const fields = decodeGbkForm(request.body);
      const domain = plainName(fields.get('domain') ?? '');
      authenticate(fields, domain);
      const action = actions[fields.get('act') ?? ''];
      if (action === undefined) throw new FakeApiError(500, 'act 参数错误');
      if (store.zoneByName(domain) === undefined) throw new FakeApiError(404, '域名不存在');
      return reply({ code: 200, msg: 'success', body: action(fields, domain) });
    } catch (error) {
      if (error instanceof FakeApiError) return reply({ code: error.code, msg: error.message });
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
