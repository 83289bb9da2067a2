import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, recordSetContent, recordSetValues, type FakeRecord, type FakeZone } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Huawei Cloud DNS API behind its API gateway: the v2 public zone list and the v2.1
 * record set list/create/get/update, speaking the wire format in WIRE.md of this folder. The
 * record sets live in the shared FakeZoneStore (their addresses one per line in `content`); this
 * file is the gateway and the wire. It has no jest imports, so jest tests and plain Node scripts
 * can both use it.
 *
 * Every request is authenticated the way the gateway does it: the SDK-HMAC-SHA256 signature is
 * recomputed here with an implementation of the documented algorithm written independently of
 * the client's (its own RFC 3986 encoder, canonical URI, query, headers and HMAC), X-Sdk-Date must
 * be within 15 minutes of the fake's clock, and an access key that fails 5 times in a row is
 * locked for 5 minutes. All of these fail with 401 APIGW.0301 and the documented messages, as the
 * real gateway answers them: the error code alone does not tell a bad secret from a bad clock.
 *
 * Modelled from the references: `name` filters record sets loosely (a substring match; the v2.1
 * list documents no `search_mode`), while the zone list honours `search_mode=equal`. Error codes
 * and messages are the documented ones (APIGW.0101/0301/0308, DNS.0002/0006/0302/0304/0307/
 * 0308/0313/0319/0335). Not verified and so illustrative: which exact rule triggers DNS.0335
 * (here: a record set with the same name, type and line that shares an address) and the
 * PENDING_* statuses in 202 answers (records are stored ACTIVE at once).
 */

export type FakeRecordType = 'A' | 'AAAA';

export interface FakeHuaweiZone {
  id: string;
  /** With the trailing dot, as the API names zones: "example.com.". */
  name: string;
}

/** A record set as the v2.1 API returns it. */
export interface FakeHuaweiRecordSet {
  id: string;
  name: string;
  description: string | null;
  zone_id: string;
  zone_name: string;
  type: string;
  ttl: number;
  records: string[];
  created_at: string;
  updated_at: string | null;
  status: string;
  default: boolean;
  project_id: string;
  line: string;
  weight: number | null;
  health_check_id: string | null;
  alias_target: null;
  links: { self: string };
}

export interface NewFakeRecordSet {
  /** Zone name with or without the trailing dot; must be one of the fake's zones. */
  zone: string;
  type: FakeRecordType;
  /** FQDN, with or without the trailing dot. */
  name: string;
  records: string[];
  ttl?: number;
  line?: string;
}

export interface FakeHuaweiCloudOptions {
  accessKey: string;
  secretKey: string;
  /** Public zones of the account, e.g. ["example.com", "example.com.cn"]. */
  zones: string[];
  /** The fake's clock runs this far ahead of the real one (negative: behind). */
  clockOffsetMs?: number;
  /** Path prefix the API answers under, as behind a reverse proxy ("/huawei"); default none. */
  basePath?: string;
}

export interface FakeHuaweiCloud extends RunningFake {
  /** The API base to put in a provider's `endpoint`. */
  url: string;
  /** The underlying fake server: `.requests`, `.writes()`, `.injectFault()`. */
  server: FakeServer;
  zones(): FakeHuaweiZone[];
  /** Id of a zone by name (with or without the trailing dot); throws for an unknown zone. */
  zoneId(name: string): string;
  /** Copies of the record sets ddns could manage (A and AAAA), in creation order. */
  records(): FakeHuaweiRecordSet[];
  /** Seeds a record set as if made in the console; throws on invalid input. */
  addRecordSet(recordSet: NewFakeRecordSet): FakeHuaweiRecordSet;
  /** Changes a record set's addresses behind the client's back. */
  setRecords(id: string, records: string[]): void;
  /** Deletes a record set behind the client's back. */
  removeRecordSet(id: string): void;
  /** Moves the fake's clock relative to the real one. */
  setClockOffset(ms: number): void;
  /** Why each rejected request failed authentication, in order (for test diagnostics). */
  authFailures: string[];
}

const PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const PUBLIC_ENDPOINT = 'https://dns.myhuaweicloud.com';
const DEFAULT_TTL = 300;
const MIN_TTL = 1;
const MAX_TTL = 2_147_483_647;
const MAX_LIMIT = 500;
const DATE_TOLERANCE_MS = 15 * 60_000;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 5 * 60_000;
const DEFAULT_LINE = 'default_view';

class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class DnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

/** Absolute name, lower-case, with the trailing dot: how the API writes names. */
function absolute(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Huawei's timestamps: ISO 8601 in UTC without the zone letter. */
function timestamp(): string {
  return new Date().toISOString().replace(/Z$/, '');
}

/** The fields Huawei keeps beside the shared store's own, in FakeRecord.extra. */
// A type alias rather than an interface: it must fit FakeRecord.extra's index signature.
type HuaweiExtra = {
  line: string;
  description: string | null;
  /** The SOA and NS record sets the service creates with a zone. */
  default: boolean;
  created_at: string;
  updated_at: string | null;
};

function extraOf(record: FakeRecord): HuaweiExtra {
  const extra = record.extra as Partial<HuaweiExtra>;
  return {
    line: extra.line ?? DEFAULT_LINE,
    description: extra.description ?? null,
    default: extra.default ?? false,
    created_at: extra.created_at ?? timestamp(),
    updated_at: extra.updated_at ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Independent implementation of the gateway's SDK-HMAC-SHA256 verification

/** RFC 3986: unreserved bytes stay, every other UTF-8 byte becomes %XX (upper-case hex). */
function rfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const unreserved =
      (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x5f || byte === 0x2e || byte === 0x7e;
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;

function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (header === undefined) return undefined;
  const match = AUTHORIZATION.exec(header);
  if (match === null) return undefined;
  const [, access = '', headers = '', signature = ''] = match;
  return { access, signedHeaders: headers.split(';'), signature };
}

function headerValue(request: SeenRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** The gateway's view of the request: what the client must have signed. */
export function gatewayCanonicalRequest(request: SeenRequest, signedHeaders: readonly string[]): string | undefined {
  const segments = request.path.split('/').map((segment) => {
    try {
      return rfc3986(decodeURIComponent(segment));
    } catch {
      return rfc3986(segment);
    }
  });
  let uri = segments.join('/');
  if (!uri.endsWith('/')) uri += '/';

  const byKey = new Map<string, string[]>();
  for (const [key, value] of request.query) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const query = [...byKey.keys()]
    .sort(byteOrder)
    .flatMap((key) => (byKey.get(key) ?? []).sort(byteOrder).map((value) => `${rfc3986(key)}=${rfc3986(value)}`))
    .join('&');

  const headerLines: string[] = [];
  for (const name of signedHeaders) {
    const value = headerValue(request, name);
    if (value === undefined) return undefined;
    headerLines.push(`${name}:${value.trim()}`);
  }

  const declaredBodyHash = headerValue(request, 'x-sdk-content-sha256');
  const bodyHash = declaredBodyHash === 'UNSIGNED-PAYLOAD' ? declaredBodyHash : createHash('sha256').update(request.body, 'utf8').digest('hex');
  return `${request.method}\n${uri}\n${query}\n${headerLines.join('\n')}\n\n${signedHeaders.join(';')}\n${bodyHash}`;
}

/** "20191115T033655Z" → epoch ms, or NaN. */
function parseSdkDate(value: string | undefined): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (match === null) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

// ---------------------------------------------------------------------------------------------

export async function startFakeHuaweiCloud(options: FakeHuaweiCloudOptions): Promise<FakeHuaweiCloud> {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  let clockOffsetMs = options.clockOffsetMs ?? 0;
  const fakeNow = () => new Date(Date.now() + clockOffsetMs);
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'hex32', defaultTtl: DEFAULT_TTL });
  const authFailures: string[] = [];
  /** Per access key: failed authentications in a row, and until when the key is locked. */
  const keyState = new Map<string, { failures: number; lockedUntil: number }>();
  const startedAt = timestamp();

  function zoneByName(name: string): FakeZone {
    const zone = store.zoneByName(name);
    if (zone === undefined) throw new Error(`fake Huawei Cloud has no zone ${name}`);
    return zone;
  }

  function recordById(id: string): FakeRecord {
    const record = store.record(id);
    if (record === undefined) throw new Error(`fake Huawei Cloud has no record set ${id}`);
    return record;
  }

  // Every zone has its SOA and NS record sets (default: true), as the real service creates them.
  for (const zone of store.zones()) {
    for (const [type, values, ttl] of [
      ['SOA', [`ns1.huaweicloud-dns.com. hostmaster.${zone.name}. 1 7200 900 1209600 300`], 300],
      ['NS', ['ns1.huaweicloud-dns.com.', 'ns1.huaweicloud-dns.cn.'], 172_800],
    ] as const) {
      store.add({ zone: zone.name, name: zone.name, type, content: recordSetContent(values), ttl, extra: { default: true } });
    }
  }

  function toWire(record: FakeRecord): FakeHuaweiRecordSet {
    const zone = zoneByName(record.zone);
    const extra = extraOf(record);
    return {
      id: record.id,
      name: absolute(record.name),
      description: extra.description,
      zone_id: zone.id,
      zone_name: absolute(zone.name),
      type: record.type,
      ttl: record.ttl,
      records: recordSetValues(record),
      created_at: extra.created_at,
      updated_at: extra.updated_at,
      status: 'ACTIVE',
      default: extra.default,
      project_id: PROJECT_ID,
      line: extra.line,
      weight: extra.default ? null : 1,
      health_check_id: null,
      alias_target: null,
      links: { self: `${PUBLIC_ENDPOINT}/v2.1/zones/${zone.id}/recordsets/${record.id}` },
    };
  }

  function zoneJson(zone: FakeZone) {
    return {
      id: zone.id,
      name: absolute(zone.name),
      description: '',
      email: `hostmaster@${zone.name}`,
      ttl: 300,
      serial: 1,
      status: 'ACTIVE',
      zone_type: 'public',
      pool_id: '00000000570e54ee01570e9939b20019',
      project_id: PROJECT_ID,
      record_num: store.records({ zone: zone.name }).length,
      created_at: startedAt,
      updated_at: startedAt,
      links: { self: `${PUBLIC_ENDPOINT}/v2/zones/${zone.id}` },
      masters: [],
    };
  }

  // --- validation -----------------------------------------------------------------------------

  function validLimit(query: URLSearchParams): { limit: number; offset: number } {
    const limit = query.has('limit') ? Number(query.get('limit')) : MAX_LIMIT;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) throw new DnsError(400, 'DNS.0006', 'The limit parameter is invalid.');
    const offset = query.has('offset') ? Number(query.get('offset')) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new DnsError(400, 'DNS.0017', 'The offset parameter is invalid.');
    return { limit, offset };
  }

  function parseBody(body: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DnsError(400, 'DNS.0002', 'Invalid request.');
    return parsed as Record<string, unknown>;
  }

  /** A name inside `zone`, as the store keeps it (no trailing dot). */
  function validName(zone: FakeZone, name: unknown): string {
    if (typeof name !== 'string' || name.trim() === '') throw new DnsError(400, 'DNS.0304', 'Invalid record set name.');
    const full = absolute(name).slice(0, -1);
    if (full !== zone.name && !full.endsWith(`.${zone.name}`)) throw new DnsError(400, 'DNS.0304', 'Invalid record set name.');
    return full;
  }

  function validType(type: unknown): FakeRecordType {
    // The real service knows more types; this fake models the two ddns writes.
    if (type === 'A' || type === 'AAAA') return type;
    throw new DnsError(400, 'DNS.0307', 'Invalid record set type.');
  }

  function validRecords(type: FakeRecordType, records: unknown): string[] {
    const valid =
      Array.isArray(records) &&
      records.length > 0 &&
      records.every((value) => typeof value === 'string' && (type === 'A' ? isIPv4(value) : isIPv6(value) && !value.includes('%')));
    if (!valid) throw new DnsError(400, 'DNS.0308', 'Invalid record set value.');
    return [...(records as string[])];
  }

  function validTtl(ttl: unknown): number {
    if (typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= MIN_TTL && ttl <= MAX_TTL) return ttl;
    throw new DnsError(400, 'DNS.0319', `The TTL parameter has been out of range. The value ranges from ${MIN_TTL} to ${MAX_TTL}.`);
  }

  interface Candidate {
    name: string;
    type: string;
    line: string;
    records: string[];
  }

  function assertNotDuplicate(candidate: Candidate, exceptId?: string): void {
    const duplicate = store
      .records({ name: candidate.name, type: candidate.type })
      .some((record) => record.id !== exceptId && extraOf(record).line === candidate.line && recordSetValues(record).some((value) => candidate.records.includes(value)));
    if (duplicate) {
      throw new DnsError(
        400,
        'DNS.0335',
        `Duplicate recordset exists.(name: ${absolute(candidate.name)}, type: ${candidate.type}, line: ${candidate.line}, records: ${candidate.records.join(',')})`,
      );
    }
  }

  /** A record set of a POST body or a seed, validated as the API does, and stored. */
  function storeNew(zone: FakeZone, fields: { name: unknown; type: unknown; records: unknown; ttl?: unknown; line?: unknown; description?: unknown }, seed: boolean): FakeRecord {
    const type = validType(fields.type);
    const candidate: Candidate = {
      name: validName(zone, fields.name),
      type,
      records: validRecords(type, fields.records),
      line: typeof fields.line === 'string' && fields.line !== '' ? fields.line : DEFAULT_LINE,
    };
    assertNotDuplicate(candidate);
    const record = {
      zone: zone.name,
      name: candidate.name,
      type,
      content: recordSetContent(candidate.records),
      ttl: fields.ttl === undefined ? DEFAULT_TTL : validTtl(fields.ttl),
      extra: { line: candidate.line, description: typeof fields.description === 'string' ? fields.description : null, created_at: timestamp() },
    };
    return seed ? store.add(record) : store.create(record);
  }

  // --- handlers -------------------------------------------------------------------------------

  function listZones(query: URLSearchParams): FakeReply {
    const { limit, offset } = validLimit(query);
    const type = query.get('type');
    if (type !== null && type !== 'public' && type !== 'private') throw new DnsError(400, 'DNS.0204', 'Invalid zone type.');
    const name = query.get('name')?.trim().toLowerCase();
    const exact = query.get('search_mode') === 'equal';
    const matching = store.zones().filter((zone) => {
      if (type === 'private') return false; // the fake holds public zones only
      if (name === undefined || name === '') return true;
      return exact ? absolute(zone.name) === absolute(name) : absolute(zone.name).includes(name);
    });
    return {
      status: 200,
      body: {
        links: { self: `${PUBLIC_ENDPOINT}/v2/zones?${query.toString()}` },
        zones: matching.slice(offset, offset + limit).map(zoneJson),
        metadata: { total_count: matching.length },
      },
    };
  }

  function listRecordSets(zone: FakeZone, query: URLSearchParams): FakeReply {
    const { limit, offset } = validLimit(query);
    const name = query.get('name')?.trim().toLowerCase();
    const type = query.get('type');
    const status = query.get('status');
    const line = query.get('line_id');
    const matching = store
      .records({ zone: zone.name })
      .map(toWire)
      .filter(
        (recordSet) =>
          (name === undefined || name === '' || recordSet.name.includes(name)) &&
          (type === null || type === '' || recordSet.type === type) &&
          (status === null || status === '' || recordSet.status === status) &&
          (line === null || line === '' || recordSet.line.includes(line)),
      );
    return {
      status: 200,
      body: {
        links: { self: `${PUBLIC_ENDPOINT}/v2.1/zones/${zone.id}/recordsets?${query.toString()}` },
        recordsets: matching.slice(offset, offset + limit),
        metadata: { total_count: matching.length },
      },
    };
  }

  function createRecordSet(zone: FakeZone, body: string): FakeReply {
    const fields = parseBody(body);
    const created = storeNew(zone, { name: fields['name'], type: fields['type'], records: fields['records'], ttl: fields['ttl'], line: fields['line'], description: fields['description'] }, false);
    return { status: 202, body: { ...toWire(created), status: 'PENDING_CREATE' } };
  }

  /** PUT changes the fields sent and keeps the others. */
  function updateRecordSet(zone: FakeZone, recordSet: FakeRecord, body: string): FakeReply {
    const fields = parseBody(body);
    const type = fields['type'] === undefined ? validType(recordSet.type) : validType(fields['type']);
    const next: Candidate = {
      name: fields['name'] === undefined ? recordSet.name : validName(zone, fields['name']),
      type,
      records: fields['records'] === undefined ? recordSetValues(recordSet) : validRecords(type, fields['records']),
      line: extraOf(recordSet).line,
    };
    const ttl = fields['ttl'] === undefined ? recordSet.ttl : validTtl(fields['ttl']);
    assertNotDuplicate(next, recordSet.id);
    const updated = store.update(recordSet.id, { name: next.name, type, content: recordSetContent(next.records), ttl, extra: { updated_at: timestamp() } });
    if (updated === undefined) throw new DnsError(404, 'DNS.0313', 'This record set does not exist.');
    return { status: 202, body: { ...toWire(updated), status: 'PENDING_UPDATE' } };
  }

  // --- gateway --------------------------------------------------------------------------------

  type Route = (request: SeenRequest) => FakeReply;

  /** Which API a method and path name, or undefined (APIGW.0101), before any authentication. */
  function findRoute(request: SeenRequest): Route | undefined {
    if (!request.path.startsWith(`${basePath}/`)) return undefined;
    const segments = request.path.slice(basePath.length + 1).split('/');
    const [version, collection, zoneId, sub, recordSetId, ...rest] = segments;
    if (rest.length > 0) return undefined;
    if (version === 'v2' && collection === 'zones' && zoneId === undefined && request.method === 'GET') {
      return (seen) => listZones(seen.query);
    }
    if (version !== 'v2.1' || collection !== 'zones' || zoneId === undefined || sub !== 'recordsets') return undefined;
    const zoneFor = () => {
      const zone = store.zoneById(decodeURIComponent(zoneId));
      if (zone === undefined) throw new DnsError(404, 'DNS.0302', 'This zone does not exist.');
      return zone;
    };
    if (recordSetId === undefined) {
      if (request.method === 'GET') return (seen) => listRecordSets(zoneFor(), seen.query);
      if (request.method === 'POST') return (seen) => createRecordSet(zoneFor(), seen.body);
      return undefined;
    }
    const recordSetFor = () => {
      const zone = zoneFor();
      const recordSet = store.record(decodeURIComponent(recordSetId));
      if (recordSet === undefined || recordSet.zone !== zone.name) throw new DnsError(404, 'DNS.0313', 'This record set does not exist.');
      return { zone, recordSet };
    };
    if (request.method === 'GET') return () => ({ status: 200, body: toWire(recordSetFor().recordSet) });
    if (request.method === 'PUT') {
      return (seen) => {
        const { zone, recordSet } = recordSetFor();
        return updateRecordSet(zone, recordSet, seen.body);
      };
    }
    return undefined;
  }

  /** Throws the gateway's 401 unless the request carries a valid, current signature. */
  function authenticate(request: SeenRequest): void {
    const now = fakeNow().getTime();
    const signatureFail = 'Incorrect IAM authentication information: verify aksk signature fail';
    const authorization = parseAuthorization(headerValue(request, 'authorization'));
    const access = authorization?.access ?? '';
    const state = keyState.get(access) ?? { failures: 0, lockedUntil: 0 };
    keyState.set(access, state);
    const fail = (reason: string, message: string): never => {
      authFailures.push(reason);
      state.failures += 1;
      if (state.failures >= LOCK_AFTER_FAILURES) state.lockedUntil = now + LOCK_MS;
      throw new GatewayError(401, 'APIGW.0301', message);
    };

    if (authorization === undefined) {
      if (headerValue(request, 'authorization') === undefined) {
        fail('no Authorization header', 'Incorrect IAM authentication information: x-auth-token not found');
      }
      return fail('malformed Authorization header', signatureFail);
    }
    if (access !== options.accessKey) {
      fail('unknown access key', `Incorrect IAM authentication information: Get secretKey failed,ak:${access},err:ak not exist`);
    }
    if (now < state.lockedUntil) {
      authFailures.push('access key locked');
      throw new GatewayError(401, 'APIGW.0301', 'Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.');
    }
    const sorted = [...authorization.signedHeaders].sort(byteOrder);
    if (!authorization.signedHeaders.includes('x-sdk-date') || sorted.join(';') !== authorization.signedHeaders.join(';')) {
      fail('SignedHeaders must be sorted and include x-sdk-date', signatureFail);
    }
    const sdkDate = headerValue(request, 'x-sdk-date');
    const signedAt = parseSdkDate(sdkDate);
    if (Number.isNaN(signedAt)) fail('X-Sdk-Date is not YYYYMMDDTHHMMSSZ', signatureFail);
    if (Math.abs(now - signedAt) > DATE_TOLERANCE_MS) {
      fail(`X-Sdk-Date is ${Math.round((signedAt - now) / 60_000)} min from the gateway clock`, signatureFail);
    }
    const canonical = gatewayCanonicalRequest(request, authorization.signedHeaders);
    if (canonical === undefined) return fail('a signed header is missing from the request', signatureFail);
    const stringToSign = `SDK-HMAC-SHA256\n${sdkDate ?? ''}\n${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
    const expected = createHmac('sha256', options.secretKey).update(stringToSign, 'utf8').digest('hex');
    if (expected !== authorization.signature) fail(`signature mismatch; the gateway signed:\n${canonical}`, signatureFail);
    state.failures = 0;
  }

  function reply(base: FakeReply): FakeReply {
    return {
      ...base,
      headers: { Date: fakeNow().toUTCString(), 'X-Request-Id': newId(), ...base.headers },
    };
  }

  const server = await startFakeServer((request) => {
    try {
      const route = findRoute(request);
      if (route === undefined) {
        throw new GatewayError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment');
      }
      authenticate(request);
      return reply(route(request));
    } catch (error) {
      if (error instanceof GatewayError) {
        return reply({ status: error.status, body: { error_msg: error.message, error_code: error.code, request_id: newId() } });
      }
      if (error instanceof DnsError) return reply({ status: error.status, body: { code: error.code, message: error.message } });
      throw error;
    }
  });

  const url = `${server.url}${basePath}`;
  /** A change behind the API's back (the console, another client): not a write the client made. */
  const unseen = (change: () => void) => {
    const writes = store.writes;
    change();
    store.writes = writes;
  };
  return {
    url,
    endpoint: url,
    server,
    store,
    requestCount: () => server.requests.length,
    zones: () => store.zones().map((zone) => ({ id: zone.id, name: absolute(zone.name) })),
    zoneId: (name) => zoneByName(name).id,
    records: () => store.records().filter((record) => record.type === 'A' || record.type === 'AAAA').map(toWire),
    addRecordSet(seed) {
      return toWire(storeNew(zoneByName(seed.zone), { ...seed, line: seed.line ?? DEFAULT_LINE }, true));
    },
    setRecords(id, records) {
      const record = recordById(id);
      const content = recordSetContent(validRecords(validType(record.type), records));
      unseen(() => store.update(id, { content }));
    },
    removeRecordSet(id) {
      recordById(id);
      unseen(() => store.remove(id));
    },
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    authFailures,
    close: () => server.close(),
  };
}
