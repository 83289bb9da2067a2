import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeApiError, jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import { FakeZoneStore, pageOf, plainName, type FakeRecord, type FakeZone } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Scaleway's Domains and DNS API v2beta1 (WIRE.md in this folder): `X-Auth-Token`
 * checked on every request, `GET /dns-zones` and `GET /dns-zones/{dns_zone}/records` paged by
 * page/page_size with `total_count`, `PATCH /dns-zones/{dns_zone}/records` with `add` and `set`
 * (by `id` or `id_fields`) changes, and Scaleway's `{message, type, …}` error bodies. A zone under
 * another zone of the store is a sub-zone (`subdomain` + `domain`), as Scaleway lists them.
 */
export interface FakeScalewayOptions {
  secretKey: string;
  zones: string[];
}

class ScalewayError extends FakeApiError {
  constructor(
    status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(status, typeof body['message'] === 'string' ? body['message'] : 'error', status);
  }
}

const PREFIX = '/domain/v2beta1/dns-zones';
const invalid = (argument: string, help: string) =>
  new ScalewayError(400, { message: 'invalid argument(s)', type: 'invalid_arguments', details: [{ argument_name: argument, reason: 'constraint', help_message: help }] });
const notFound = (resource: string, id: string) => new ScalewayError(404, { message: 'resource is not found', type: 'not_found', resource, resource_id: id });

function positive(text: string | null, fallback: number, argument: string, maximum: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1 || value > maximum) throw invalid(argument, `must be between 1 and ${maximum}`);
  return value;
}

export async function startFakeScaleway(options: FakeScalewayOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'uuid', defaultTtl: 3600 });

  const wireZone = (zone: FakeZone) => {
    const parent = store.zones().filter((other) => zone.name.endsWith(`.${other.name}`)).sort((a, b) => a.name.length - b.name.length)[0];
    const domain = parent?.name ?? zone.name;
    return {
      domain,
      subdomain: parent === undefined ? '' : zone.name.slice(0, -(domain.length + 1)),
      ns: ['ns0.dom.scw.cloud', 'ns1.dom.scw.cloud'],
      ns_default: ['ns0.dom.scw.cloud', 'ns1.dom.scw.cloud'],
      ns_master: [],
      status: 'active',
      message: null,
      updated_at: '2026-12-04T12:00:00Z',
      project_id: '2a9a62f9-4f9c-4b8c-9b8e-5a1f0c2d3e4f',
      linked_products: [],
    };
  };
  const wireRecord = (record: FakeRecord) => ({
    id: record.id,
    data: record.content,
    name: record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1)),
    priority: 0,
    ttl: record.ttl,
    type: record.type,
    comment: null,
    updated_at: '2026-12-04T12:00:00Z',
  });
  const fields = (value: unknown, argument: string): Record<string, unknown> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(argument, 'must be an object');
    return value as Record<string, unknown>;
  };
  const recordOf = (value: unknown, zone: string) => {
    const body = fields(value, 'records');
    const type = body['type'];
    if (type !== 'A' && type !== 'AAAA') throw invalid('type', 'unsupported record type for this fake');
    const data = body['data'];
    const valid = typeof data === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(data) : /^[0-9a-f:]+$/i.test(data) && data.includes(':'));
    if (!valid) throw invalid('data', `must be a valid ${type === 'A' ? 'IPv4' : 'IPv6'} address`);
    const ttl = body['ttl'] ?? 3600;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 2_592_000) throw invalid('ttl', 'must be between 1 and 2592000');
    const host = body['name'] ?? '';
    if (typeof host !== 'string') throw invalid('name', 'must be a string');
    const name = host === '' || host === '@' ? zone : `${plainName(host)}.${zone}`;
    return { zone, name, type, content: data, ttl };
  };

  function patch(zone: string, body: Record<string, unknown>): FakeReply {
    if (body['disallow_new_zone_creation'] !== true) throw invalid('disallow_new_zone_creation', 'this fake never creates zones: send true');
    const changes = body['changes'];
    if (!Array.isArray(changes) || changes.length === 0) throw invalid('changes', 'must not be empty');
    const changed: FakeRecord[] = [];
    for (const item of changes as unknown[]) {
      const change = fields(item, 'changes');
      const kinds = Object.keys(change).filter((key) => ['add', 'set', 'delete', 'clear'].includes(key));
      if (kinds.length !== 1) throw invalid('changes', 'precisely one of add, set, delete, clear must be set');
      if (change['add'] !== undefined) {
        const records = fields(change['add'], 'add')['records'];
        if (!Array.isArray(records)) throw invalid('add.records', 'must be a list');
        for (const record of records as unknown[]) changed.push(store.create(recordOf(record, zone)));
        continue;
      }
      if (change['set'] === undefined) throw invalid('changes', 'this fake takes add and set only');
      const set = fields(change['set'], 'set');
      const records = Array.isArray(set['records']) ? (set['records'] as unknown[]).map((record) => recordOf(record, zone)) : undefined;
      if (records === undefined) throw invalid('set.records', 'must be a list');
      if ((set['id'] === undefined) === (set['id_fields'] === undefined)) throw invalid('set', 'precisely one of id, id_fields must be set');
      let targets: FakeRecord[];
      if (set['id'] !== undefined) {
        const existing = typeof set['id'] === 'string' ? store.record(set['id']) : undefined;
        if (existing === undefined || existing.zone !== zone) throw notFound('record', String(set['id']));
        targets = [existing];
      } else {
        const idFields = fields(set['id_fields'], 'id_fields');
        const host = typeof idFields['name'] === 'string' ? idFields['name'] : '';
        const name = host === '' || host === '@' ? zone : `${plainName(host)}.${zone}`;
        targets = store.records({ zone, name, type: String(idFields['type']) }).filter((record) => idFields['data'] === undefined || record.content === idFields['data']);
      }
      // The records named are replaced by those sent: the first in place, any others added, the rest removed.
      records.forEach((record, index) => {
        const target = targets[index];
        changed.push(target === undefined ? store.create(record) : (store.update(target.id, record) as FakeRecord));
      });
      for (const leftover of targets.slice(records.length)) store.remove(leftover.id);
    }
    return { status: 200, body: { records: changed.map(wireRecord) } };
  }

  function route(request: SeenRequest): FakeReply {
    if (request.headers['x-auth-token'] !== options.secretKey) {
      throw new ScalewayError(401, { message: 'authentication is denied', method: 'api_key', reason: request.headers['x-auth-token'] === undefined ? 'invalid_argument' : 'not_found', type: 'denied_authentication' });
    }
    if (request.method === 'GET' && request.path === PREFIX) {
      const { items, totalCount } = pageOf(store.zones(), positive(request.query.get('page'), 1, 'page', 10_000), positive(request.query.get('page_size'), 50, 'page_size', 1000));
      return { status: 200, body: { total_count: totalCount, dns_zones: items.map(wireZone) } };
    }
    const match = /^\/domain\/v2beta1\/dns-zones\/([^/]+)\/records$/.exec(request.path);
    if (match === null) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: '404 page not found' };
    const zoneName = plainName(decodeURIComponent(match[1] ?? ''));
    const zone = store.zoneByName(zoneName);
    if (zone === undefined) throw notFound('dns_zone', zoneName);
    if (request.method === 'GET') {
      const type = request.query.get('type');
      const name = request.query.get('name');
      const records = store.records({ zone: zone.name, ...(type === null || type === '' ? {} : { type }) }).filter((record) => name === null || name === '' || wireRecord(record).name === name);
      const { items, totalCount } = pageOf(records, positive(request.query.get('page'), 1, 'page', 10_000), positive(request.query.get('page_size'), 50, 'page_size', 1000));
      return { status: 200, body: { total_count: totalCount, records: items.map(wireRecord) } };
    }
    if (request.method === 'PATCH') return patch(zone.name, jsonObjectOf(request.body, () => invalid('body', 'must be a JSON object')));
    throw new ScalewayError(405, { message: 'method not allowed', type: 'invalid_request_error' });
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ScalewayError) return { status: error.status, headers: { 'Content-Type': 'application/json' }, body: error.body };
      throw error;
    }
  });
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
