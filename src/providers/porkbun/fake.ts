import { isIPv4, isIPv6 } from 'node:net';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Porkbun API v3 (WIRE.md in this folder): POST only with a JSON body, the two keys
 * checked on every request (in the body, or the `X-API-Key` / `X-Secret-API-Key` headers), HTTP 400
 * `{"status":"ERROR","message":…}` on failure, `domain/listAll` in chunks of 1000 from `start`,
 * record names fully qualified and every record field a string, and the 600-second ttl minimum.
 */
export interface FakePorkbunOptions {
  apiKey: string;
  secretApiKey: string;
  zones: string[];
  /** Domains whose API ACCESS is off. */
  notOptedIn?: string[];
}

const DOMAINS_PER_CALL = 1000;

class ApiError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startFakePorkbun(options: FakePorkbunOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 600 });
  const notOptedIn = new Set(options.notOptedIn ?? []);

  const wire = (record: FakeRecord) => ({ id: record.id, name: record.name, type: record.type, content: record.content, ttl: String(record.ttl), prio: '0', notes: '' });

  const domainOf = (name: string) => {
    const zone = store.zoneByName(decodeURIComponent(name));
    if (zone === undefined) throw new ApiError('Invalid domain.');
    if (notOptedIn.has(zone.name)) throw new ApiError('Domain is not opted in to API access.');
    return zone.name;
  };
  const nameOf = (subdomain: string, zone: string) => (subdomain === '' ? zone : nameInZone(subdomain.toLowerCase(), zone));
  const ttlOf = (body: Record<string, unknown>) => {
    const ttl = body['ttl'] === undefined ? 600 : Number(body['ttl']);
    if (!Number.isInteger(ttl) || ttl < 600) throw new ApiError('TTL must be at least 600.');
    return ttl;
  };
  const contentOf = (body: Record<string, unknown>, type: string) => {
    const content = typeof body['content'] === 'string' ? body['content'] : '';
    if (!(type === 'A' ? isIPv4(content) : isIPv6(content))) throw new ApiError('Invalid content.');
    return content;
  };
  const typeOf = (value: unknown) => {
    if (value !== 'A' && value !== 'AAAA') throw new ApiError('Invalid type.');
    return value;
  };

  function authenticate(request: SeenRequest, body: Record<string, unknown>): void {
    const apiKey = body['apikey'] ?? request.headers['x-api-key'];
    const secret = body['secretapikey'] ?? request.headers['x-secret-api-key'];
    if (apiKey !== options.apiKey || secret !== options.secretApiKey) throw new ApiError('Invalid API key. (002)');
  }

  function route(segments: string[], body: Record<string, unknown>): object {
    const [area, command, domain = '', ...rest] = segments;
    switch (`${area ?? ''}/${command ?? ''}`) {
      case 'domain/listAll': {
        const start = Number(body['start'] ?? 0);
        if (!Number.isInteger(start) || start < 0) throw new ApiError('Invalid start.');
        const domains = store.zones().slice(start, start + DOMAINS_PER_CALL);
        return { status: 'SUCCESS', domains: domains.map((zone) => ({ domain: zone.name, status: 'ACTIVE', tld: zone.name.split('.').pop(), createDate: '2024-01-15 10:20:30', expireDate: '2027-01-15 10:20:30', securityLock: '1', whoisPrivacy: '1', autoRenew: '0', notLocal: 0 })) };
      }
      case 'dns/retrieveByNameType': {
        const zone = domainOf(domain);
        const [type = '', subdomain = ''] = rest;
        const records = store.records({ zone, name: nameOf(decodeURIComponent(subdomain), zone), type: type.toUpperCase() });
        return { status: 'SUCCESS', cloudflare: 'disabled', records: records.map(wire) };
      }
      case 'dns/create': {
        const zone = domainOf(domain);
        const type = typeOf(body['type']);
        const name = nameOf(typeof body['name'] === 'string' ? body['name'] : '', zone);
        const created = store.create({ zone, name, type, content: contentOf(body, type), ttl: ttlOf(body) });
        return { status: 'SUCCESS', id: Number(created.id) };
      }
      case 'dns/edit': {
        const zone = domainOf(domain);
        const existing = store.record(rest[0] ?? '');
        if (existing === undefined || existing.zone !== zone) throw new ApiError('Edit error: We were unable to edit the DNS record.');
        const type = typeOf(body['type']);
        const name = nameOf(typeof body['name'] === 'string' ? body['name'] : '', zone);
        store.update(existing.id, { name, type, content: contentOf(body, type), ttl: ttlOf(body) });
        return { status: 'SUCCESS' };
      }
      default:
        throw new ApiError('Invalid command.', 404);
    }
  }

  const server = await startFakeServer((request): FakeReply => {
    try {
      if (request.method !== 'POST') throw new ApiError('Only POST requests are accepted.', 405);
      let body: Record<string, unknown> = {};
      if (request.body !== '') {
        const parsed: unknown = JSON.parse(request.body);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError('Invalid JSON.');
        body = parsed as Record<string, unknown>;
      }
      authenticate(request, body);
      // The raw path: a `*` subdomain arrives unescaped, as Porkbun requires.
      return { status: 200, body: route(request.path.replace(/^\/+/, '').split('/'), body) };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { status: 'ERROR', message: error.message } };
      if (error instanceof SyntaxError) return { status: 400, body: { status: 'ERROR', message: 'Invalid JSON.' } };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
