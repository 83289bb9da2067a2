import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, pageOf, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Cloudflare API v4 endpoints ddns uses (zones lookup, DNS record
 * list/create/get/patch/put/delete), speaking their wire format (WIRE.md in this folder): paths
 * under /client/v4, Bearer tokens, the success/errors/result envelope with result_info paging,
 * and the error codes of each case. The records live in the shared FakeZoneStore. No jest
 * imports: tests and plain Node scripts (the demo, the bench) both use it.
 *
 * Error codes: 9109, 6003/6111, 7003/7000, 81044, 81058, 9005 and 9006 are the codes Cloudflare
 * is reported to send for these cases. The codes for the other validation failures (bad JSON,
 * bad type, bad ttl, bad per_page, bad proxied/comment) are illustrative: the real API's exact
 * numbers for them were not verified, so clients must not depend on them.
 */

export type FakeRecordType = 'A' | 'AAAA';

export interface FakeCloudflareZone {
  id: string;
  name: string;
}

/** A DNS record as the API returns it (schema `dns-records_ARecord` / `AAAARecord`). */
export interface FakeCloudflareWireRecord {
  id: string;
  type: FakeRecordType;
  name: string;
  content: string;
  proxiable: boolean;
  proxied: boolean;
  ttl: number;
  comment: string | null;
  tags: string[];
  meta: Record<string, unknown>;
  created_on: string;
  modified_on: string;
}

/** A record as the fake holds it: the wire form plus the name of its zone, for assertions. */
export interface FakeCloudflareRecord extends FakeCloudflareWireRecord {
  zone: string;
}

export interface NewFakeRecord {
  /** Zone name, e.g. "example.com"; must be one of the fake's zones. */
  zone: string;
  type: FakeRecordType;
  /** FQDN, or a name relative to the zone as the API accepts it ("home", "@"). */
  name: string;
  content: string;
  ttl?: number;
  proxied?: boolean;
  comment?: string;
}

export interface FakeCloudflareOptions {
  /** The one API token the fake accepts (`Authorization: Bearer <token>`). */
  token: string;
  /** Names of the active zones the token can see, e.g. ["example.com", "lab.example.com"]. */
  zones: string[];
}

export interface FakeCloudflare {
  /** The API base to put in a provider's `endpoint`: `http://127.0.0.1:PORT/client/v4`. */
  url: string;
  /** The underlying fake server: `.requests`, `.writes()`, `.injectFault()`. */
  server: FakeServer;
  zones(): FakeCloudflareZone[];
  /** Id of a zone by name; throws for an unknown zone. */
  zoneId(name: string): string;
  /** Copies of the current records, in creation order. */
  records(): FakeCloudflareRecord[];
  /** Seeds a record as if created in the dashboard; throws on invalid input. */
  addRecord(record: NewFakeRecord): FakeCloudflareRecord;
  /** Changes a record's content behind the client's back (someone edited it in the dashboard). */
  setRecordContent(id: string, content: string): void;
  /** Deletes a record behind the client's back. */
  removeRecord(id: string): void;
  close(): Promise<void>;
}

const API_PREFIX = '/client/v4';
const AUTOMATIC_TTL = 1;
const MIN_TTL = 60;
const MAX_TTL = 86_400;
/** Bearer tokens are URL-safe base64-like strings; anything else in the header is "malformed". */
const WELL_FORMED_BEARER = /^Bearer ([A-Za-z0-9_-]+)$/;

interface ErrorItem {
  code: number;
  message: string;
  error_chain?: ErrorItem[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorItem[],
  ) {
    super(errors.map((error) => `${error.code} ${error.message}`).join('; '));
  }
}

function now(): string {
  return new Date().toISOString();
}

function success(result: unknown, resultInfo?: object): FakeReply {
  return {
    status: 200,
    body: { success: true, errors: [], messages: [], result, ...(resultInfo === undefined ? {} : { result_info: resultInfo }) },
  };
}

function failure(error: ApiError): FakeReply {
  return { status: error.status, body: { success: false, errors: error.errors, messages: [], result: null } };
}

function noRoute(path: string): ApiError {
  return new ApiError(400, [
    { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    { code: 7000, message: 'No route for that URI' },
  ]);
}

/** Page through a filtered list the way v4 list endpoints do (`page`, `per_page`, `result_info`). */
function paginate<T>(items: T[], query: URLSearchParams, defaultPerPage: number, maxPerPage: number) {
  const page = query.has('page') ? Number(query.get('page')) : 1;
  const perPage = query.has('per_page') ? Number(query.get('per_page')) : defaultPerPage;
  if (!Number.isInteger(page) || page < 1) throw new ApiError(400, [{ code: 1001, message: 'Invalid page' }]);
  if (!Number.isInteger(perPage) || perPage < 5 || perPage > maxPerPage) {
    throw new ApiError(400, [{ code: 1001, message: `Invalid per_page: must be between 5 and ${maxPerPage}` }]);
  }
  const { items: slice, totalCount, totalPages } = pageOf(items, page, perPage);
  return { slice, resultInfo: { page, per_page: perPage, count: slice.length, total_count: totalCount, total_pages: totalPages } };
}

/**
 * Cloudflare stores AAAA content in compressed form: records created with
 * "2600:1900:4020:2b73:8000:0:0:0" come back as "2600:1900:4020:2b73:8000::"
 * (cloudflare/terraform-provider-cloudflare#3354). The fake does the same, so clients must compare
 * addresses rather than strings.
 */
function validContent(type: FakeRecordType, content: unknown): string {
  if (type === 'A') {
    if (typeof content !== 'string' || !isIPv4(content)) {
      throw new ApiError(400, [{ code: 9005, message: 'Content for A record must be a valid IPv4 address.' }]);
    }
    return content;
  }
  if (typeof content !== 'string' || !isIPv6(content) || content.includes('%')) {
    throw new ApiError(400, [{ code: 9006, message: 'Content for AAAA record must be a valid IPv6 address.' }]);
  }
  return ipaddr.IPv6.parse(content).toRFC5952String();
}

function validType(type: unknown): FakeRecordType {
  if (type === 'A' || type === 'AAAA') return type;
  // The real API knows many more types; this fake only models the two ddns writes.
  throw new ApiError(400, [{ code: 9000, message: `DNS record type "${String(type)}" is invalid or not supported by this fake.` }]);
}

function validTtl(ttl: unknown): number {
  if (typeof ttl === 'number' && Number.isInteger(ttl) && (ttl === AUTOMATIC_TTL || (ttl >= MIN_TTL && ttl <= MAX_TTL))) return ttl;
  throw new ApiError(400, [
    { code: 9021, message: `Invalid TTL. Must be between ${MIN_TTL} and ${MAX_TTL} seconds, or 1 for Automatic.` },
  ]);
}

function validProxied(proxied: unknown): boolean {
  if (typeof proxied === 'boolean') return proxied;
  throw new ApiError(400, [{ code: 9003, message: 'Invalid \'proxied\' value, must be a boolean.' }]);
}

function validComment(comment: unknown): string | null {
  if (comment === null || typeof comment === 'string') return comment;
  throw new ApiError(400, [{ code: 9101, message: 'Invalid comment, must be a string.' }]);
}

/** The API accepts names relative to the zone ("home", "@") and stores the FQDN, lower-cased. */
function absoluteName(name: unknown, zone: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ApiError(400, [{ code: 9007, message: 'DNS record name is required.' }]);
  }
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  if (lower === '@' || lower === zone) return zone;
  return lower.endsWith(`.${zone}`) ? lower : `${lower}.${zone}`;
}

function parseJsonObject(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, [{ code: 9207, message: 'Request body is invalid.' }]);
  }
  return parsed as Record<string, unknown>;
}

/** The fields Cloudflare keeps beside the shared store's own, in FakeRecord.extra. */
// A type alias rather than an interface: it must fit FakeRecord.extra's index signature.
type CloudflareExtra = {
  proxiable: boolean;
  proxied: boolean;
  comment: string | null;
  tags: string[];
  meta: Record<string, unknown>;
  created_on: string;
  modified_on: string;
};

function extraOf(record: FakeRecord): CloudflareExtra {
  const extra = record.extra as Partial<CloudflareExtra>;
  return {
    proxiable: extra.proxiable ?? true,
    proxied: extra.proxied ?? false,
    comment: extra.comment ?? null,
    tags: [...(extra.tags ?? [])],
    meta: { ...(extra.meta ?? {}) },
    created_on: extra.created_on ?? now(),
    modified_on: extra.modified_on ?? now(),
  };
}

function toWire(record: FakeRecord): FakeCloudflareWireRecord {
  return { id: record.id, type: record.type as FakeRecordType, name: record.name, content: record.content, ttl: record.ttl, ...extraOf(record) };
}

function toFakeRecord(record: FakeRecord): FakeCloudflareRecord {
  return { ...toWire(record), zone: record.zone };
}

/** A record as a request body or a seed describes it, validated as the API does. */
interface Fields {
  type: FakeRecordType;
  name: string;
  content: string;
  ttl: number;
  extra: CloudflareExtra;
}

export interface StartedFakeCloudflare extends FakeCloudflare, RunningFake {
  server: FakeServer;
}

export async function startFakeCloudflare(options: FakeCloudflareOptions): Promise<StartedFakeCloudflare> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'hex32', defaultTtl: AUTOMATIC_TTL });
  const accountId = store.newId();
  const startedAt = now();

  function zoneByName(name: string): FakeCloudflareZone {
    const zone = store.zoneByName(name);
    if (zone === undefined) throw new Error(`fake Cloudflare has no zone ${name}`);
    return zone;
  }

  function recordById(id: string): FakeRecord {
    const record = store.record(id);
    if (record === undefined) throw new Error(`fake Cloudflare has no record ${id}`);
    return record;
  }

  function zoneJson(zone: FakeCloudflareZone) {
    return {
      id: zone.id,
      name: zone.name,
      status: 'active',
      paused: false,
      type: 'full',
      development_mode: 0,
      name_servers: ['bob.ns.cloudflare.com', 'lola.ns.cloudflare.com'],
      original_name_servers: null,
      original_registrar: null,
      original_dnshost: null,
      created_on: startedAt,
      modified_on: startedAt,
      activated_on: startedAt,
      meta: { step: 4, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
      account: { id: accountId, name: 'Fake account' },
      permissions: ['#dns_records:edit', '#dns_records:read', '#zone:read'],
    };
  }

  /** Refuses a second record with the same type, name and content (81058), as the real API does. */
  function assertNotDuplicate(candidate: Pick<Fields, 'type' | 'name' | 'content'>, exceptId?: string): void {
    const duplicate = store.records({ name: candidate.name, type: candidate.type }).some((record) => record.id !== exceptId && record.content === candidate.content);
    if (duplicate) throw new ApiError(400, [{ code: 81058, message: 'An identical record already exists.' }]);
  }

  /**
   * Builds a record from a POST/PUT body or a seed. Proxied records always have TTL 1 ("Auto") at
   * Cloudflare, whatever ttl was sent.
   */
  function buildFields(zone: FakeCloudflareZone, body: Record<string, unknown>, created = now()): Fields {
    const type = validType(body['type']);
    const proxied = body['proxied'] === undefined ? false : validProxied(body['proxied']);
    const ttl = body['ttl'] === undefined ? AUTOMATIC_TTL : validTtl(body['ttl']);
    return {
      type,
      name: absoluteName(body['name'], zone.name),
      content: validContent(type, body['content']),
      ttl: proxied ? AUTOMATIC_TTL : ttl,
      extra: { proxiable: true, proxied, comment: body['comment'] === undefined ? null : validComment(body['comment']), tags: [], meta: {}, created_on: created, modified_on: now() },
    };
  }

  function listZones(query: URLSearchParams): FakeReply {
    const name = query.get('name')?.toLowerCase();
    const status = query.get('status');
    // Every zone of the fake is active: a status filter other than "active" matches nothing.
    const matching = store.zones().filter((zone) => (name === undefined || zone.name === name) && (status === null || status === 'active'));
    const { slice, resultInfo } = paginate(matching, query, 20, 50);
    return success(slice.map(zoneJson), resultInfo);
  }

  function listRecords(zone: FakeCloudflareZone, query: URLSearchParams): FakeReply {
    const type = query.get('type');
    const name = query.get('name')?.toLowerCase().replace(/\.$/, '');
    const content = query.get('content');
    const matching = store
      .records({ zone: zone.name, ...(type === null ? {} : { type }), ...(name === undefined ? {} : { name }) })
      .filter((record) => content === null || record.content === content);
    const { slice, resultInfo } = paginate(matching, query, 100, 5_000_000);
    return success(slice.map(toWire), resultInfo);
  }

  function createRecord(zone: FakeCloudflareZone, body: string): FakeReply {
    const fields = buildFields(zone, parseJsonObject(body));
    assertNotDuplicate(fields);
    return success(toWire(store.create({ zone: zone.name, ...fields })));
  }

  /** PATCH changes only the fields sent; PUT replaces the record, resetting unsent optional fields. */
  function changeRecord(record: FakeRecord, body: string, replace: boolean): FakeReply {
    const sent = parseJsonObject(body);
    const zone = zoneByName(record.zone);
    const merged = replace ? sent : { ...toWire(record), ...sent };
    const next = buildFields(zone, merged, extraOf(record).created_on);
    assertNotDuplicate(next, record.id);
    const updated = store.update(record.id, next);
    if (updated === undefined) throw new ApiError(404, [{ code: 81044, message: 'Record does not exist.' }]);
    return success(toWire(updated));
  }

  function deleteRecord(record: FakeRecord): FakeReply {
    store.remove(record.id);
    return success({ id: record.id });
  }

  /** Authorization is checked on every request, before routing. */
  function checkAuthorization(request: SeenRequest): void {
    const header = request.headers.authorization;
    if (header === undefined) throw new ApiError(403, [{ code: 9109, message: 'Invalid access token' }]);
    const match = WELL_FORMED_BEARER.exec(header);
    if (match === null) {
      throw new ApiError(400, [
        {
          code: 6003,
          message: 'Invalid request headers',
          error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
        },
      ]);
    }
    if (match[1] !== options.token) throw new ApiError(403, [{ code: 9109, message: 'Invalid access token' }]);
  }

  function route(request: SeenRequest): FakeReply {
    if (!request.path.startsWith(`${API_PREFIX}/`)) {
      return { status: 404, body: { success: false, errors: [{ code: 7000, message: 'No route for that URI' }], messages: [], result: null } };
    }
    checkAuthorization(request);
    const segments = request.path.slice(API_PREFIX.length + 1).split('/').map(decodeURIComponent);
    const [collection, zoneId, subCollection, recordId, ...rest] = segments;
    if (collection !== 'zones' || rest.length > 0) throw noRoute(request.path);

    if (zoneId === undefined) {
      if (request.method === 'GET') return listZones(request.query);
      throw noRoute(request.path);
    }
    const zone = store.zoneById(zoneId);
    if (zone === undefined || subCollection !== 'dns_records') throw noRoute(request.path);

    if (recordId === undefined) {
      if (request.method === 'GET') return listRecords(zone, request.query);
      if (request.method === 'POST') return createRecord(zone, request.body);
      throw noRoute(request.path);
    }
    const record = store.record(recordId);
    if (record === undefined || record.zone !== zone.name) throw new ApiError(404, [{ code: 81044, message: 'Record does not exist.' }]);
    switch (request.method) {
      case 'GET':
        return success(toWire(record));
      case 'PATCH':
        return changeRecord(record, request.body, false);
      case 'PUT':
        return changeRecord(record, request.body, true);
      case 'DELETE':
        return deleteRecord(record);
      default:
        throw noRoute(request.path);
    }
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof ApiError) return failure(error);
      throw error;
    }
  });

  const url = `${server.url}${API_PREFIX}`;
  return {
    url,
    endpoint: url,
    server,
    store,
    requestCount: () => server.requests.length,
    zones: () => store.zones(),
    zoneId: (name) => zoneByName(name).id,
    records: () => store.records().map(toFakeRecord),
    addRecord(seed) {
      const zone = zoneByName(seed.zone);
      const fields = buildFields(zone, { ...seed });
      assertNotDuplicate(fields);
      return toFakeRecord(store.add({ zone: zone.name, ...fields }));
    },
    setRecordContent(id, content) {
      const record = recordById(id);
      // Behind the API's back: not a write the client made.
      const writes = store.writes;
      store.update(id, { content: validContent(record.type as FakeRecordType, content), extra: { modified_on: now() } });
      store.writes = writes;
    },
    removeRecord(id) {
      recordById(id);
      const writes = store.writes;
      store.remove(id);
      store.writes = writes;
    },
    close: () => server.close(),
  };
}
