import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';

/**
 * A stateful, in-memory fake of the Huawei Cloud DNS API behind its API gateway: the v2 public
 * zone list and the v2.1 record set list/create/get/update, built from
 * /work/shared/providers/huaweicloud-dns.md and the official references (devg-apisign signing
 * guide and gateway error codes; api-dns reference and DNS error codes). It has no jest imports,
 * so jest tests and plain Node scripts can both use it.
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

export interface FakeHuaweiCloud {
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
  close(): Promise<void>;
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

/** Absolute name, lower-case, with the trailing dot. */
function absolute(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
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
  const zones: FakeHuaweiZone[] = options.zones.map((name) => ({ id: newId(), name: absolute(name) }));
  const recordSets: FakeHuaweiRecordSet[] = [];
  const authFailures: string[] = [];
  /** Per access key: failed authentications in a row, and until when the key is locked. */
  const keyState = new Map<string, { failures: number; lockedUntil: number }>();
  const startedAt = new Date().toISOString();

  function zoneByName(name: string): FakeHuaweiZone {
    const zone = zones.find((candidate) => candidate.name === absolute(name));
    if (zone === undefined) throw new Error(`fake Huawei Cloud has no zone ${name}`);
    return zone;
  }

  // Every zone has its SOA and NS record sets (default: true), as the real service creates them.
  for (const zone of zones) {
    for (const [type, records] of [
      ['SOA', [`ns1.huaweicloud-dns.com. hostmaster.${zone.name} 1 7200 900 1209600 300`]],
      ['NS', ['ns1.huaweicloud-dns.com.', 'ns1.huaweicloud-dns.cn.']],
    ] as const) {
      recordSets.push(makeRecordSet(zone, { name: zone.name, type, records: [...records], ttl: type === 'SOA' ? 300 : 172_800, line: DEFAULT_LINE }, true));
    }
  }

  function makeRecordSet(
    zone: FakeHuaweiZone,
    fields: { name: string; type: string; records: string[]; ttl: number; line: string; description?: string | null },
    isDefault = false,
  ): FakeHuaweiRecordSet {
    const id = newId();
    return {
      id,
      name: fields.name,
      description: fields.description ?? null,
      zone_id: zone.id,
      zone_name: zone.name,
      type: fields.type,
      ttl: fields.ttl,
      records: fields.records,
      created_at: new Date().toISOString().replace(/Z$/, ''),
      updated_at: null,
      status: 'ACTIVE',
      default: isDefault,
      project_id: PROJECT_ID,
      line: fields.line,
      weight: isDefault ? null : 1,
      health_check_id: null,
      alias_target: null,
      links: { self: `${PUBLIC_ENDPOINT}/v2.1/zones/${zone.id}/recordsets/${id}` },
    };
  }

  function copy(recordSet: FakeHuaweiRecordSet): FakeHuaweiRecordSet {
    return { ...recordSet, records: [...recordSet.records], links: { ...recordSet.links } };
  }

  function zoneJson(zone: FakeHuaweiZone) {
    return {
      id: zone.id,
      name: zone.name,
      description: '',
      email: `hostmaster@${zone.name.replace(/\.$/, '')}`,
      ttl: 300,
      serial: 1,
      status: 'ACTIVE',
      zone_type: 'public',
      pool_id: '00000000570e54ee01570e9939b20019',
      project_id: PROJECT_ID,
      record_num: recordSets.filter((recordSet) => recordSet.zone_id === zone.id).length,
      created_at: startedAt.replace(/Z$/, ''),
      updated_at: startedAt.replace(/Z$/, ''),
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

  function validName(zone: FakeHuaweiZone, name: unknown): string {
    if (typeof name !== 'string' || name.trim() === '') throw new DnsError(400, 'DNS.0304', 'Invalid record set name.');
    const full = absolute(name);
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

  function assertNotDuplicate(candidate: Pick<FakeHuaweiRecordSet, 'name' | 'type' | 'line' | 'records'>, exceptId?: string): void {
    const duplicate = recordSets.some(
      (recordSet) =>
        recordSet.id !== exceptId &&
        recordSet.name === candidate.name &&
        recordSet.type === candidate.type &&
        recordSet.line === candidate.line &&
        recordSet.records.some((value) => candidate.records.includes(value)),
    );
    if (duplicate) {
      throw new DnsError(
        400,
        'DNS.0335',
        `Duplicate recordset exists.(name: ${candidate.name}, type: ${candidate.type}, line: ${candidate.line}, records: ${candidate.records.join(',')})`,
      );
    }
  }

  // --- handlers -------------------------------------------------------------------------------

  function listZones(query: URLSearchParams): FakeReply {
    const { limit, offset } = validLimit(query);
    const type = query.get('type');
    if (type !== null && type !== 'public' && type !== 'private') throw new DnsError(400, 'DNS.0204', 'Invalid zone type.');
    const name = query.get('name')?.trim().toLowerCase();
    const exact = query.get('search_mode') === 'equal';
    const matching = zones.filter((zone) => {
      if (type === 'private') return false; // the fake holds public zones only
      if (name === undefined || name === '') return true;
      return exact ? zone.name === absolute(name) : zone.name.includes(name);
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

  function listRecordSets(zone: FakeHuaweiZone, query: URLSearchParams): FakeReply {
    const { limit, offset } = validLimit(query);
    const name = query.get('name')?.trim().toLowerCase();
    const type = query.get('type');
    const status = query.get('status');
    const line = query.get('line_id');
    const matching = recordSets.filter(
      (recordSet) =>
        recordSet.zone_id === zone.id &&
        (name === undefined || name === '' || recordSet.name.includes(name)) &&
        (type === null || type === '' || recordSet.type === type) &&
        (status === null || status === '' || recordSet.status === status) &&
        (line === null || line === '' || recordSet.line.includes(line)),
    );
    return {
      status: 200,
      body: {
        links: { self: `${PUBLIC_ENDPOINT}/v2.1/zones/${zone.id}/recordsets?${query.toString()}` },
        recordsets: matching.slice(offset, offset + limit).map(copy),
        metadata: { total_count: matching.length },
      },
    };
  }

  function createRecordSet(zone: FakeHuaweiZone, body: string): FakeReply {
    const fields = parseBody(body);
    const type = validType(fields['type']);
    const recordSet = makeRecordSet(zone, {
      name: validName(zone, fields['name']),
      type,
      records: validRecords(type, fields['records']),
      ttl: fields['ttl'] === undefined ? DEFAULT_TTL : validTtl(fields['ttl']),
      line: typeof fields['line'] === 'string' && fields['line'] !== '' ? fields['line'] : DEFAULT_LINE,
      description: typeof fields['description'] === 'string' ? fields['description'] : null,
    });
    assertNotDuplicate(recordSet);
    recordSets.push(recordSet);
    return { status: 202, body: { ...copy(recordSet), status: 'PENDING_CREATE' } };
  }

  /** PUT changes the fields sent and keeps the others. */
  function updateRecordSet(zone: FakeHuaweiZone, recordSet: FakeHuaweiRecordSet, body: string): FakeReply {
    const fields = parseBody(body);
    const type = fields['type'] === undefined ? validType(recordSet.type) : validType(fields['type']);
    const next = {
      name: fields['name'] === undefined ? recordSet.name : validName(zone, fields['name']),
      type,
      records: fields['records'] === undefined ? recordSet.records : validRecords(type, fields['records']),
      ttl: fields['ttl'] === undefined ? recordSet.ttl : validTtl(fields['ttl']),
      line: recordSet.line,
    };
    assertNotDuplicate(next, recordSet.id);
    Object.assign(recordSet, next, { updated_at: new Date().toISOString().replace(/Z$/, '') });
    return { status: 202, body: { ...copy(recordSet), status: 'PENDING_UPDATE' } };
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
      const zone = zones.find((candidate) => candidate.id === decodeURIComponent(zoneId));
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
      const recordSet = recordSets.find((candidate) => candidate.id === decodeURIComponent(recordSetId) && candidate.zone_id === zone.id);
      if (recordSet === undefined) throw new DnsError(404, 'DNS.0313', 'This record set does not exist.');
      return { zone, recordSet };
    };
    if (request.method === 'GET') return () => ({ status: 200, body: copy(recordSetFor().recordSet) });
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

  return {
    url: `${server.url}${basePath}`,
    server,
    zones: () => zones.map((zone) => ({ ...zone })),
    zoneId: (name) => zoneByName(name).id,
    records: () => recordSets.filter((recordSet) => recordSet.type === 'A' || recordSet.type === 'AAAA').map(copy),
    addRecordSet(seed) {
      const zone = zoneByName(seed.zone);
      const type = validType(seed.type);
      const recordSet = makeRecordSet(zone, {
        name: validName(zone, seed.name),
        type,
        records: validRecords(type, seed.records),
        ttl: seed.ttl === undefined ? DEFAULT_TTL : validTtl(seed.ttl),
        line: seed.line ?? DEFAULT_LINE,
      });
      assertNotDuplicate(recordSet);
      recordSets.push(recordSet);
      return copy(recordSet);
    },
    setRecords(id, records) {
      const recordSet = recordSets.find((candidate) => candidate.id === id);
      if (recordSet === undefined) throw new Error(`fake Huawei Cloud has no record set ${id}`);
      recordSet.records = validRecords(validType(recordSet.type), records);
    },
    removeRecordSet(id) {
      const index = recordSets.findIndex((candidate) => candidate.id === id);
      if (index < 0) throw new Error(`fake Huawei Cloud has no record set ${id}`);
      recordSets.splice(index, 1);
    },
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    authFailures,
    close: () => server.close(),
  };
}
