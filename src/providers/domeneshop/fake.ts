import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Domeneshop API v0 (WIRE.md in this folder): HTTP Basic token:secret checked on every
 * request, `/v0/domains` as one array (with the `domain` substring filter), records at
 * `/v0/domains/{id}/dns` filtered by host and type, POST answering 201 `{"id"}` with a Location,
 * PUT a full replacement answering 204, and the `{"code","help"}` error bodies: 403
 * `resource:unauthorized` for a domain id outside the account, 404 `resource:unknown`.
 * Domains in `withoutDns` have no DNS service (their records answer 404).
 */
export interface FakeDomeneshopOptions {
  token: string;
  secret: string;
  zones: string[];
  withoutDns?: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly help?: string,
  ) {
    super(code);
  }
}

const DNS_PATH = /^\/v0\/domains\/([^/]+)\/dns(?:\/([^/]+))?$/;
const invalid = (help: string) => new ApiError(400, 'record:invalid', `DNS record failed validation: ${help}`);

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'request:invalid', 'The request body is not a JSON object');
}

export async function startFakeDomeneshop(options: FakeDomeneshopOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });
  const expected = `Basic ${Buffer.from(`${options.token}:${options.secret}`).toString('base64')}`;
  const withoutDns = new Set((options.withoutDns ?? []).map(plainName));

  const wire = (record: FakeRecord) => ({ id: Number(record.id), host: hostInZone(record.name, record.zone), ttl: record.ttl, type: record.type, data: record.content });
  const fields = (body: Record<string, unknown>, zone: string) => {
    const { host, type, data, ttl } = body;
    if (type !== 'A' && type !== 'AAAA') throw invalid('type is not supported');
    if (typeof host !== 'string' || host === '' || host.endsWith('.')) throw invalid('host is invalid');
    const valid = typeof data === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(data) : data.includes(':'));
    if (!valid) throw invalid('data is not a valid IP address');
    const seconds = ttl ?? 3600;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 60 || seconds > 604_800 || seconds % 60 !== 0) throw invalid('TTL must be a multiple of 60 between 60 and 604800');
    return { type, name: nameInZone(plainName(host), zone), content: data, ttl: seconds };
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== expected) throw new ApiError(401, 'auth:unauthorized', 'Invalid API token or secret');
    if (request.method === 'GET' && request.path === '/v0/domains') {
      const includes = request.query.get('domain');
      const zones = store.zones().filter((zone) => includes === null || zone.name.includes(includes.toLowerCase()));
      const body = zones.map((zone) => ({
        id: Number(zone.id),
        domain: zone.name,
        expiry_date: '2030-08-24',
        registered_date: '2019-08-24',
        renew: true,
        registrant: 'Ola Nordmann',
        status: 'active',
        nameservers: ['ns1.hyp.net', 'ns2.hyp.net', 'ns3.hyp.net'],
        services: { registrar: true, dns: !withoutDns.has(zone.name), email: true, webhotel: 'none' },
      }));
      return { status: 200, body };
    }
    const match = DNS_PATH.exec(request.path);
    if (match === null) throw new ApiError(404, 'resource:unknown');
    const zone = store.zoneById(decodeURIComponent(match[1] ?? ''));
    if (zone === undefined) throw new ApiError(403, 'resource:unauthorized');
    if (withoutDns.has(zone.name)) throw new ApiError(404, 'resource:unknown', 'The domain has no DNS service');
    const id = match[2];
    if (id === undefined && request.method === 'GET') {
      const host = request.query.get('host');
      const type = request.query.get('type');
      const records = store.records({ zone: zone.name }).map(wire).filter((record) => (host === null || record.host === host) && (type === null || record.type === type));
      return { status: 200, body: records };
    }
    if (id === undefined && request.method === 'POST') {
      const created = store.create({ zone: zone.name, ...fields(jsonObject(request.body), zone.name) });
      return { status: 201, headers: { Location: `/v0/domains/${zone.id}/dns/${created.id}` }, body: { id: Number(created.id) } };
    }
    if (id !== undefined && request.method === 'PUT') {
      const existing = store.record(id);
      if (existing === undefined || existing.zone !== zone.name) throw new ApiError(404, 'resource:unknown');
      store.update(id, fields(jsonObject(request.body), zone.name));
      return { status: 204, body: '' };
    }
    throw new ApiError(405, 'request:method', 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { code: error.code, ...(error.help === undefined ? {} : { help: error.help }) } };
      throw error;
    }
  });
  return { endpoint: `${server.url}/v0`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
