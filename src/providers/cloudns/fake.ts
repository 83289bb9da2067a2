import { isIPv4, isIPv6 } from 'node:net';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, pageOf, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the ClouDNS HTTP API (WIRE.md in this folder): `/dns/<method>.json` by GET or POST
 * (form body), the API user's id and password checked on every request, always HTTP 200 with
 * `{"status":"Failed","statusDescription":…}` on failure, zones paged by `page`/`rows-per-page`,
 * records as an object keyed by id (or `[]`), ids and ttls as strings, hosts relative and lower-case,
 * and only ClouDNS's fixed ttls accepted.
 */
export interface FakeCloudnsOptions {
  /** The API user (`auth-id`) the fake accepts. */
  authId: string;
  password: string;
  /** An API sub-user, by id and by name, with the same password. */
  subAuthId?: string;
  subAuthUser?: string;
  zones: string[];
}

const TTLS = new Set([60, 300, 900, 1800, 3600, 21600, 43200, 86400, 172800, 259200, 604800, 1209600, 2592000]);
const ROWS_PER_PAGE = new Set([10, 20, 30, 50, 100]);

class Failed extends Error {}

export async function startFakeCloudns(options: FakeCloudnsOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });

  const hostOf = (record: FakeRecord) => (record.name === record.zone ? '' : record.name.slice(0, -(record.zone.length + 1)));
  const wire = (record: FakeRecord) => ({ id: record.id, type: record.type, host: hostOf(record), record: record.content, dynamicurl_status: 0, failover: '0', ttl: String(record.ttl), status: 1 });

  function authenticate(params: URLSearchParams): void {
    const password = params.get('auth-password');
    if (params.has('auth-id')) {
      if (params.get('auth-id') !== options.authId || password !== options.password) throw new Failed('Invalid authentication, incorrect auth-id or auth-password.');
      return;
    }
    const subId = params.get('sub-auth-id');
    const subUser = params.get('sub-auth-user');
    const known = (subId !== null && subId === options.subAuthId) || (subUser !== null && subUser === options.subAuthUser);
    if (!known || password !== options.password) {
      throw new Failed(subId === null && subUser === null ? 'Invalid authentication, incorrect auth-id or auth-password.' : 'Invalid authentication, incorrect sub-auth-id, sub-auth-user or auth-password.');
    }
  }

  const zoneOf = (params: URLSearchParams) => {
    const zone = store.zoneByName(params.get('domain-name') ?? '');
    if (zone === undefined) throw new Failed('Missing domain-name');
    return zone.name;
  };
  const nameOf = (params: URLSearchParams, zone: string) => {
    const host = (params.get('host') ?? '').toLowerCase();
    return host === '' || host === '@' ? zone : nameInZone(host, zone);
  };
  const ttlOf = (params: URLSearchParams) => {
    const ttl = Number(params.get('ttl'));
    if (!TTLS.has(ttl)) throw new Failed('Invalid TTL. Choose from the list of the values we support.');
    return ttl;
  };
  const valueOf = (params: URLSearchParams, type: string) => {
    const value = params.get('record') ?? '';
    if (!(type === 'A' ? isIPv4(value) : isIPv6(value))) throw new Failed(`Invalid IP address.`);
    return value;
  };
  const paging = (params: URLSearchParams, required: boolean) => {
    const page = params.get('page');
    const rows = params.get('rows-per-page');
    if (page === null && rows === null && !required) return undefined;
    if (page === null || !/^\d+$/.test(page) || Number(page) < 1) throw new Failed("Missing required parameter 'page'.");
    if (rows === null || !ROWS_PER_PAGE.has(Number(rows))) throw new Failed("Wrong or missing required parameter 'rows-per-page'.");
    return { page: Number(page), rows: Number(rows) };
  };

  const methods: Record<string, (params: URLSearchParams) => unknown> = {
    'list-zones': (params) => {
      const { page, rows } = paging(params, true) ?? { page: 1, rows: 10 };
      const search = (params.get('search') ?? '').toLowerCase();
      const zones = store.zones().filter((zone) => zone.name.includes(search));
      return pageOf(zones, page, rows).items.map((zone) => ({ name: zone.name, type: 'master', group: 'None', hasBulk: false, zone: 'domain', status: '1', serial: '2026120401', isUpdated: 1 }));
    },
    records: (params) => {
      const zone = zoneOf(params);
      const host = params.get('host');
      const type = (params.get('type') ?? '').toUpperCase();
      const all = store.records({ zone }).filter((record) => (host === null || hostOf(record) === host.toLowerCase()) && (type === '' || record.type === type));
      const page = paging(params, false);
      const shown = page === undefined ? all : pageOf(all, page.page, page.rows).items;
      return shown.length === 0 ? [] : Object.fromEntries(shown.map((record) => [record.id, wire(record)]));
    },
    'add-record': (params) => {
      const zone = zoneOf(params);
      const type = params.get('record-type') ?? '';
      if (type !== 'A' && type !== 'AAAA') throw new Failed('This record type is not supported.');
      if (!params.has('host')) throw new Failed('Missing host.');
      const created = store.create({ zone, name: nameOf(params, zone), type, content: valueOf(params, type), ttl: ttlOf(params) });
      return { status: 'Success', statusDescription: 'The record was added successfully.', data: { id: Number(created.id) } };
    },
    'mod-record': (params) => {
      const zone = zoneOf(params);
      const existing = store.record(params.get('record-id') ?? '');
      if (existing === undefined || existing.zone !== zone) throw new Failed('Invalid record-id param.');
      if (!params.has('host')) throw new Failed('Missing host.');
      store.update(existing.id, { name: nameOf(params, zone), content: valueOf(params, existing.type), ttl: ttlOf(params) });
      return { status: 'Success', statusDescription: 'The record was modified successfully.' };
    },
  };

  function answer(request: SeenRequest): FakeReply {
    const method = /^\/dns\/([a-z-]+)\.json$/.exec(request.path)?.[1];
    const handler = method === undefined ? undefined : methods[method];
    if (handler === undefined || (request.method !== 'GET' && request.method !== 'POST')) return { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    const params = new URLSearchParams(request.query);
    for (const [key, value] of new URLSearchParams(request.body)) params.set(key, value);
    try {
      authenticate(params);
      return { status: 200, body: handler(params) as object };
    } catch (error) {
      if (error instanceof Failed) return { status: 200, body: { status: 'Failed', statusDescription: error.message } };
      throw error;
    }
  }

  const server = await startFakeServer(answer);
  return { endpoint: server.url, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
