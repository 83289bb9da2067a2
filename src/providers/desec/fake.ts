import { isIP } from 'node:net';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import { FakeZoneStore, hostInZone, nameInZone, recordSetContent, recordSetValues, type FakeRecord, type FakeZone } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the deSEC REST API (WIRE.md in this folder): `Authorization: Token …` checked on every
 * request; `GET /api/v1/domains/` paged by `cursor` (a 400 when more than a page would match and no
 * cursor is given, the next page in a `Link: …; rel="next"` header); RRsets by subname and type
 * (their values one per line in the store), filtered by `subname` and `type`; `POST …/rrsets/`
 * (400 when the RRset exists), `GET`/`PATCH …/rrsets/{subname}/{type}/` (`@` or `…` for the apex);
 * each domain's `minimum_ttl` enforced; errors as DRF bodies (`{"detail"}`, per-field lists).
 */
export interface FakeDesecOptions {
  token: string;
  zones: string[];
  /** Domains per page (deSEC: 500). */
  pageSize?: number;
  /** The domains' minimum_ttl (deSEC: 3600 for most, 60 under dedyn.io). */
  minimumTtl?: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

const detail = (status: number, text: string) => new ApiError(status, { detail: text });
const notFound = () => detail(404, 'Not found.');
const DOMAINS_PATH = '/api/v1/domains/';
const RRSETS_PATH = /^\/api\/v1\/domains\/([^/]+)\/rrsets\/(?:([^/]*)\/([^/]+)\/)?$/;
const MAXIMUM_TTL = 86_400;

export async function startFakeDesec(options: FakeDesecOptions): Promise<RunningFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: options.minimumTtl ?? 3600 });
  const pageSize = options.pageSize ?? 500;
  const minimumTtl = options.minimumTtl ?? 3600;
  let base = '';

  const domainWire = (zone: FakeZone) => ({ created: '2024-05-04T16:24:28.660313Z', keys: null, minimum_ttl: minimumTtl, name: zone.name, published: '2024-05-04T16:24:29.155983Z', touched: '2024-05-04T16:24:29.155983Z' });
  const subnameOf = (record: FakeRecord) => (record.name === record.zone ? '' : hostInZone(record.name, record.zone));
  const rrsetWire = (record: FakeRecord) => ({
    created: '2024-05-04T16:30:00.000000Z',
    domain: record.zone,
    subname: subnameOf(record),
    name: `${record.name}.`,
    type: record.type,
    records: recordSetValues(record),
    ttl: record.ttl,
    touched: '2024-05-04T16:30:00.000000Z',
  });
  const rrsetOf = (zone: FakeZone, subname: string, type: string) => store.records({ zone: zone.name, name: subname === '' ? zone.name : nameInZone(subname, zone.name), type })[0];

  function listDomains(request: SeenRequest): FakeReply {
    const zones = store.zones();
    const cursor = request.query.get('cursor');
    const first = `${base}${DOMAINS_PATH}?cursor=`;
    if (zones.length > pageSize && cursor === null) {
      throw new ApiError(400, { detail: `Pagination required. You can query up to ${pageSize} items at a time (${zones.length} total). Please use the \`first\` page link (see Link header).` }, { link: `<${first}>; rel="first"` });
    }
    if (cursor === null || zones.length <= pageSize) return { status: 200, body: zones.map(domainWire) };
    const offset = cursor === '' ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o=/, ''));
    if (!Number.isInteger(offset) || offset < 0) throw detail(404, 'Invalid cursor');
    const links = [`<${first}>; rel="first"`];
    if (offset > 0) links.push(`<${base}${DOMAINS_PATH}?cursor=${Buffer.from(`r=1&o=${offset}`).toString('base64url')}>; rel="prev"`);
    if (offset + pageSize < zones.length) links.push(`<${base}${DOMAINS_PATH}?cursor=${Buffer.from(`o=${offset + pageSize}`).toString('base64url')}>; rel="next"`);
    return { status: 200, headers: { link: links.join(', ') }, body: zones.slice(offset, offset + pageSize).map(domainWire) };
  }

  /** The fields of a write, validated as deSEC does: per-field lists of messages. */
  function validated(body: Record<string, unknown>, type: string, ttlRequired: boolean): { records: string[]; ttl: number | undefined } {
    const errors: Record<string, string[]> = {};
    const { records, ttl } = body;
    if (!Array.isArray(records) || records.length === 0) errors['records'] = ['This field is required.'];
    else if (records.some((value: unknown) => typeof value !== 'string' || isIP(value) !== (type === 'A' ? 4 : 6))) errors['records'] = [`Record content for type ${type} malformed: invalid address.`];
    if (ttl === undefined && ttlRequired) errors['ttl'] = ['This field is required.'];
    else if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl))) errors['ttl'] = ['A valid integer is required.'];
    else if (typeof ttl === 'number' && ttl < minimumTtl) errors['ttl'] = [`Ensure this value is greater than or equal to ${minimumTtl}.`];
    else if (typeof ttl === 'number' && ttl > MAXIMUM_TTL) errors['ttl'] = [`Ensure this value is less than or equal to ${MAXIMUM_TTL}.`];
    if (Object.keys(errors).length > 0) throw new ApiError(400, errors);
    return { records: (records as string[]).map((value) => (type === 'AAAA' ? value.toLowerCase() : value)), ttl: ttl as number | undefined };
  }

  function rrsets(request: SeenRequest, zone: FakeZone, subnameSegment: string | undefined, type: string | undefined): FakeReply {
    if (subnameSegment === undefined || type === undefined) {
      if (request.method === 'GET') {
        const subname = request.query.get('subname');
        const wanted = request.query.get('type');
        const held = store.records({ zone: zone.name }).filter((record) => (subname === null || subnameOf(record) === subname) && (wanted === null || record.type === wanted));
        return { status: 200, body: held.reverse().map(rrsetWire) };
      }
      if (request.method === 'POST') {
        const body = jsonObjectOf(request.body, () => detail(400, 'JSON parse error - Expecting value: line 1 column 1 (char 0)'));
        const { subname = '', type: newType } = body;
        if (typeof subname !== 'string' || subname === '@' || subname.endsWith('.')) throw new ApiError(400, { subname: ['Subname can only use (lowercase) a-z, 0-9, ., -, and _, may start with a \'*.\', or just be \'*\'.'] });
        if (newType !== 'A' && newType !== 'AAAA') throw new ApiError(400, { type: ['This field is required.'] });
        if (rrsetOf(zone, subname, newType) !== undefined) throw new ApiError(400, { non_field_errors: ['Another RRset with the same subdomain and type exists for this domain. (Try modifying it.)'] });
        const { records, ttl } = validated(body, newType, true);
        const created = store.create({ zone: zone.name, name: subname === '' ? zone.name : nameInZone(subname, zone.name), type: newType, content: recordSetContent(records), ...(ttl === undefined ? {} : { ttl }) });
        return { status: 201, body: rrsetWire(created) };
      }
      throw detail(405, `Method "${request.method}" not allowed.`);
    }
    const segment = decodeURIComponent(subnameSegment);
    const subname = segment === '@' ? '' : segment.replace(/\.?\.\.\.$/, '');
    const existing = rrsetOf(zone, subname, type);
    if (existing === undefined) throw notFound();
    if (request.method === 'GET') return { status: 200, body: rrsetWire(existing) };
    if (request.method === 'PATCH') {
      const { records, ttl } = validated(jsonObjectOf(request.body, () => detail(400, 'JSON parse error - Expecting value: line 1 column 1 (char 0)')), type, false);
      const updated = store.update(existing.id, { content: recordSetContent(records), ...(ttl === undefined ? {} : { ttl }) });
      return { status: 200, body: rrsetWire(updated ?? existing) };
    }
    throw detail(405, `Method "${request.method}" not allowed.`);
  }

  function route(request: SeenRequest): FakeReply {
    const authorization = request.headers.authorization;
    if (authorization === undefined) throw detail(401, 'Authentication credentials were not provided.');
    if (authorization !== `Token ${options.token}`) throw detail(401, 'Invalid token.');
    if (request.path === DOMAINS_PATH) {
      if (request.method !== 'GET') throw detail(405, `Method "${request.method}" not allowed.`);
      return listDomains(request);
    }
    const match = RRSETS_PATH.exec(request.path);
    const zone = match === null ? undefined : store.zoneByName(decodeURIComponent(match[1] ?? ''));
    if (match === null || zone === undefined) throw notFound();
    return rrsets(request, zone, match[2], match[3]);
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, headers: error.headers, body: error.body };
      throw error;
    }
  });
  base = server.url;
  return { endpoint: `${server.url}/api/v1`, server, store, requestCount: () => server.requests.length, close: () => server.close() };
}
