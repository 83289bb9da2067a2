import { randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../helpers/fake-server.js';

/**
 * A stateful, in-memory fake of the Cloudflare API v4 endpoints ddns uses (zones lookup, DNS
 * record list/create/get/patch/put/delete), built from the wire facts in
 * /work/shared/providers/cloudflare.md and the schema extract next to it. It has no jest imports,
 * so jest tests and plain Node demo scripts can both use it.
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

function newId(): string {
  return randomBytes(16).toString('hex');
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
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return {
    slice,
    resultInfo: {
      page,
      per_page: perPage,
      count: slice.length,
      total_count: items.length,
      total_pages: Math.max(1, Math.ceil(items.length / perPage)),
    },
  };
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

function toWire(record: FakeCloudflareRecord): FakeCloudflareWireRecord {
  const { zone: _zone, ...wire } = record;
  return { ...wire, tags: [...wire.tags], meta: { ...wire.meta } };
}

function copy(record: FakeCloudflareRecord): FakeCloudflareRecord {
  return { ...record, tags: [...record.tags], meta: { ...record.meta } };
}

export async function startFakeCloudflare(options: FakeCloudflareOptions): Promise<FakeCloudflare> {
  const zones: FakeCloudflareZone[] = options.zones.map((name) => ({ id: newId(), name: name.toLowerCase() }));
  const records: FakeCloudflareRecord[] = [];
  const accountId = newId();
  const startedAt = now();

  function zoneByName(name: string): FakeCloudflareZone {
    const zone = zones.find((candidate) => candidate.name === name.toLowerCase());
    if (zone === undefined) throw new Error(`fake Cloudflare has no zone ${name}`);
    return zone;
  }

  function recordById(id: string): FakeCloudflareRecord {
    const record = records.find((candidate) => candidate.id === id);
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
  function assertNotDuplicate(candidate: Pick<FakeCloudflareRecord, 'type' | 'name' | 'content'>, exceptId?: string): void {
    const duplicate = records.some(
      (record) =>
        record.id !== exceptId &&
        record.type === candidate.type &&
        record.name === candidate.name &&
        record.content === candidate.content,
    );
    if (duplicate) throw new ApiError(400, [{ code: 81058, message: 'An identical record already exists.' }]);
  }

  /**
   * Builds a record from a POST/PUT body or a seed. Proxied records always have TTL 1 ("Auto") at
   * Cloudflare, whatever ttl was sent.
   */
  function buildRecord(zone: FakeCloudflareZone, body: Record<string, unknown>): FakeCloudflareRecord {
    const type = validType(body['type']);
    const proxied = body['proxied'] === undefined ? false : validProxied(body['proxied']);
    const ttl = body['ttl'] === undefined ? AUTOMATIC_TTL : validTtl(body['ttl']);
    const timestamp = now();
    return {
      id: newId(),
      zone: zone.name,
      type,
      name: absoluteName(body['name'], zone.name),
      content: validContent(type, body['content']),
      proxiable: true,
      proxied,
      ttl: proxied ? AUTOMATIC_TTL : ttl,
      comment: body['comment'] === undefined ? null : validComment(body['comment']),
      tags: [],
      meta: {},
      created_on: timestamp,
      modified_on: timestamp,
    };
  }

  function listZones(query: URLSearchParams): FakeReply {
    const name = query.get('name')?.toLowerCase();
    const status = query.get('status');
    // Every zone of the fake is active: a status filter other than "active" matches nothing.
    const matching = zones.filter((zone) => (name === undefined || zone.name === name) && (status === null || status === 'active'));
    const { slice, resultInfo } = paginate(matching, query, 20, 50);
    return success(slice.map(zoneJson), resultInfo);
  }

  function listRecords(zone: FakeCloudflareZone, query: URLSearchParams): FakeReply {
    const type = query.get('type');
    const name = query.get('name')?.toLowerCase().replace(/\.$/, '');
    const content = query.get('content');
    const matching = records.filter(
      (record) =>
        record.zone === zone.name &&
        (type === null || record.type === type) &&
        (name === undefined || record.name === name) &&
        (content === null || record.content === content),
    );
    const { slice, resultInfo } = paginate(matching, query, 100, 5_000_000);
    return success(slice.map(toWire), resultInfo);
  }

  function createRecord(zone: FakeCloudflareZone, body: string): FakeReply {
    const record = buildRecord(zone, parseJsonObject(body));
    assertNotDuplicate(record);
    records.push(record);
    return success(toWire(record));
  }

  /** PATCH changes only the fields sent; PUT replaces the record, resetting unsent optional fields. */
  function changeRecord(record: FakeCloudflareRecord, body: string, replace: boolean): FakeReply {
    const fields = parseJsonObject(body);
    const zone = zoneByName(record.zone);
    const merged = replace ? fields : { ...toWire(record), ...fields };
    const next = buildRecord(zone, merged);
    assertNotDuplicate(next, record.id);
    Object.assign(record, { ...next, id: record.id, created_on: record.created_on, modified_on: now() });
    return success(toWire(record));
  }

  function deleteRecord(record: FakeCloudflareRecord): FakeReply {
    records.splice(records.indexOf(record), 1);
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
    const zone = zones.find((candidate) => candidate.id === zoneId);
    if (zone === undefined || subCollection !== 'dns_records') throw noRoute(request.path);

    if (recordId === undefined) {
      if (request.method === 'GET') return listRecords(zone, request.query);
      if (request.method === 'POST') return createRecord(zone, request.body);
      throw noRoute(request.path);
    }
    const record = records.find((candidate) => candidate.id === recordId && candidate.zone === zone.name);
    if (record === undefined) throw new ApiError(404, [{ code: 81044, message: 'Record does not exist.' }]);
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

  return {
    url: `${server.url}${API_PREFIX}`,
    server,
    zones: () => zones.map((zone) => ({ ...zone })),
    zoneId: (name) => zoneByName(name).id,
    records: () => records.map(copy),
    addRecord(seed) {
      const zone = zoneByName(seed.zone);
      const record = buildRecord(zone, { ...seed });
      assertNotDuplicate(record);
      records.push(record);
      return copy(record);
    },
    setRecordContent(id, content) {
      const record = recordById(id);
      record.content = validContent(record.type, content);
      record.modified_on = now();
    },
    removeRecord(id) {
      records.splice(records.indexOf(recordById(id)), 1);
    },
    close: () => server.close(),
  };
}
