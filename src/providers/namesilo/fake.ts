import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the NameSilo API (WIRE.md in this folder): GET only, the key in the query checked on
 * every request, HTTP 200 always with `reply.code` 300 on success (a number on some operations, a
 * string on others, as NameSilo sends it), lists of one item sent as the item alone (its JSON is
 * converted from XML), record hosts fully qualified, and the 3600-second ttl minimum.
 */
export interface FakeNamesiloOptions {
  apiKey: string;
  zones: string[];
}

class ReplyError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const oneOrMany = <T>(items: T[]): T | T[] => (items.length === 1 ? (items[0] as T) : items);

export async function startFakeNamesilo(options: FakeNamesiloOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'hex32', defaultTtl: 7207 });

  const wire = (record: FakeRecord) => ({ record_id: record.id, type: record.type, host: record.name, value: record.content, ttl: String(record.ttl), distance: 0 });
  const domainOf = (query: URLSearchParams) => {
    const zone = store.zoneByName(query.get('domain') ?? '');
    if (zone === undefined) throw new ReplyError(200, 'Domain is not active, or does not belong to this user');
    return zone;
  };
  const valueOf = (query: URLSearchParams, type: string) => {
    const value = query.get('rrvalue') ?? '';
    if (!(type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'))) throw new ReplyError(280, 'DNS modification error: invalid value');
    return value;
  };
  const ttlOf = (query: URLSearchParams) => {
    const ttl = Number(query.get('rrttl') ?? '7207');
    if (!Number.isInteger(ttl) || ttl < 3600 || ttl > 2_592_001) throw new ReplyError(280, 'DNS modification error: invalid TTL');
    return ttl;
  };
  const hostOf = (query: URLSearchParams, zone: string) => {
    const host = query.get('rrhost') ?? '';
    return host === '' ? zone : nameInZone(host, zone);
  };

  function route(request: SeenRequest): Record<string, unknown> {
    if (request.method !== 'GET') throw new ReplyError(101, 'HTTPS not used, or not a GET');
    const query = request.query;
    if (query.get('version') !== '1' || query.get('type') !== 'json') throw new ReplyError(102, 'Invalid version or type');
    if (query.get('key') !== options.apiKey) throw new ReplyError(110, 'Invalid API Key');
    switch (request.path) {
      case '/listDomains':
        return { code: 300, detail: 'success', domains: { domain: oneOrMany(store.zones().map((zone) => zone.name)) } };
      case '/dnsListRecords': {
        const zone = domainOf(query);
        const records = store.records({ zone: zone.name }).map(wire);
        return { code: '300', detail: 'success', ...(records.length === 0 ? {} : { resource_record: oneOrMany(records) }) };
      }
      case '/dnsAddRecord': {
        const zone = domainOf(query);
        const type = query.get('rrtype') ?? '';
        if (type !== 'A' && type !== 'AAAA') throw new ReplyError(280, 'DNS modification error: invalid type');
        const created = store.create({ zone: zone.name, name: hostOf(query, zone.name), type, content: valueOf(query, type), ttl: ttlOf(query) });
        return { code: 300, detail: 'success', record_id: created.id };
      }
      case '/dnsUpdateRecord': {
        const zone = domainOf(query);
        const existing = store.record(query.get('rrid') ?? '');
        if (existing === undefined || existing.zone !== zone.name) throw new ReplyError(280, 'DNS modification error: record not found');
        store.update(existing.id, { name: hostOf(query, zone.name), content: valueOf(query, existing.type), ttl: ttlOf(query) });
        return { code: '300', detail: 'success', record_id: existing.id };
      }
      default:
        throw new ReplyError(104, 'Invalid operation');
    }
  }

  const server = await startFakeServer((request): FakeReply => {
    const operation = request.path.replace(/^\//, '');
    try {
      return { status: 200, body: { request: { operation, ip: '127.0.0.1' }, reply: route(request) } };
    } catch (error) {
      if (error instanceof ReplyError) return { status: 200, body: { request: { operation, ip: '127.0.0.1' }, reply: { code: error.code, detail: error.message } } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
