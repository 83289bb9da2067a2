import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Alibaba Cloud DNS RPC API (version 2015-01-09) as ddns uses it, speaking the wire
 * format in WIRE.md of this folder: DescribeDomains, DescribeSubDomainRecords, AddDomainRecord,
 * UpdateDomainRecord. The records live in the shared FakeZoneStore (the RR, line, status and lock
 * in `extra`); this file is the POP gateway and the wire. Every
 * request is authenticated the way the POP gateway does it — common parameters, AccessKeyId,
 * Timestamp window, RPC signature V1 (HMAC-SHA1), nonce replay — with its own implementation of
 * the documented algorithm (byte-wise RFC 3986 encoding, its own sort, node:crypto directly),
 * never the client's code. Answers and errors use the Alidns JSON envelopes
 * (`{"RequestId",…}` / `{"RequestId","HostId","Code","Message","Recommend"}`) with a Date header
 * from the fake's own clock, which tests can set off to provoke InvalidTimeStamp.Expired.
 * It has no jest imports, so demo scripts can use it too.
 *
 * Codes and HTTP statuses follow the Alibaba Cloud DNS error-code reference (SignatureDoesNotMatch
 * 403, InvalidAccessKeyId.NotFound 400, Throttling 400, Forbidden 403, InternalError 500) and the
 * per-action pages (IncorrectDomainUser, DomainRecordDuplicate, DomainRecordNotBelongToUser,
 * DomainRecordConflict, DomainRecordLocked: 400). QuotaExceeded.TTL comes from user reports;
 * InvalidTimeStamp.*, SignatureNonceUsed and Forbidden.RAM from the common POP gateway error
 * table. Codes for malformed values (InvalidParameter, InvalidValue) are illustrative: clients
 * must not depend on them.
 */

export type FakeAlidnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'TXT';

/** A record as DescribeSubDomainRecords returns it. */
export interface FakeAlidnsRecord {
  RecordId: string;
  DomainName: string;
  RR: string;
  Type: FakeAlidnsRecordType;
  Value: string;
  TTL: number;
  Line: string;
  Status: 'ENABLE' | 'DISABLE';
  Locked: boolean;
  Weight: number;
  CreateTimestamp: number;
  UpdateTimestamp: number;
}

export interface NewFakeAlidnsRecord {
  domain: string;
  /** Host record: "@" for the apex, "home" for home.<domain>. */
  rr: string;
  type: FakeAlidnsRecordType;
  value: string;
  ttl?: number;
  line?: string;
  status?: 'ENABLE' | 'DISABLE';
  locked?: boolean;
}

export interface FakeAlidnsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** Domains (zones) of the account, e.g. ["example.com", "example.com.cn"]. */
  domains: string[];
  /** Smallest TTL the account's edition accepts (free edition: 600). */
  minTtl?: number;
  /** Clock offset of the "server" against this machine, in ms (positive: the server is ahead). */
  clockOffsetMs?: number;
}

/** One request that passed authentication. */
export interface FakeAlidnsCall {
  action: string;
  method: string;
  params: Record<string, string>;
}

export interface FakeAlidnsError {
  status: number;
  code: string;
  message: string;
}

export interface FakeAlidns extends RunningFake {
  /** The base to put in a provider's `endpoint`: `http://127.0.0.1:PORT`. */
  url: string;
  server: FakeServer;
  /** Authenticated calls, in order (rejected requests are only in `server.requests`). */
  calls(): FakeAlidnsCall[];
  /** Authenticated calls of these actions. */
  callsOf(...actions: string[]): FakeAlidnsCall[];
  records(): FakeAlidnsRecord[];
  addRecord(record: NewFakeAlidnsRecord): FakeAlidnsRecord;
  setRecordValue(recordId: string, value: string): void;
  removeRecord(recordId: string): void;
  setClockOffset(ms: number): void;
  /** Answer these actions with 403 Forbidden.RAM, as for a RAM user without the permission. */
  denyActions(...actions: string[]): void;
  /** After authentication, answer the next `times` requests with this error instead. */
  failNext(error: FakeAlidnsError, times?: number): void;
  close(): Promise<void>;
}

const API_VERSION = '2015-01-09';
const HOST_ID = 'alidns.aliyuncs.com';
const MAX_TTL = 86_400;
const DEFAULT_TTL = 600;
const DEFAULT_LINE = 'default';
/** How far Timestamp may be from the server's clock (the POP gateway's documented 15 minutes). */
const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const REQUIRED_COMMON = ['Action', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'];

export const THROTTLING_USER: FakeAlidnsError = { status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' };
export const INTERNAL_ERROR: FakeAlidnsError = {
  status: 500,
  code: 'InternalError',
  message: 'An unknown error occurred while processing your request.',
};

class AlidnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const missing = (name: string) => new AlidnsError(400, 'MissingParameter', `The required parameter "${name}" is missing.`);
const invalid = (name: string) => new AlidnsError(400, 'InvalidParameter', `The value of parameter "${name}" is invalid.`);

// ---------------------------------------------------------------------------------------------
// The signature, as the server computes it. Written from the documented algorithm, separately
// from ../rpc-signature.ts: encoding byte by byte from UTF-8 rather than through
// encodeURIComponent, sorting with Buffer.compare, and calling node:crypto directly.
// ---------------------------------------------------------------------------------------------

function isUnreservedByte(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f || // _
    byte === 0x2e || // .
    byte === 0x7e // ~
  );
}

/** UTF-8 bytes, unreserved ones as themselves, every other one as %XY (upper-case hex). */
export function fakePercentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += isUnreservedByte(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The server's string to sign for these (decoded) parameters. */
export function fakeStringToSign(method: string, params: ReadonlyArray<readonly [string, string]>): string {
  const pairs = params
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [fakePercentEncode(name), fakePercentEncode(value)] as const)
    .sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])) || Buffer.compare(Buffer.from(a[1]), Buffer.from(b[1])));
  const canonical = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  return `${method}&${fakePercentEncode('/')}&${fakePercentEncode(canonical)}`;
}

/** The signature the server expects: Base64(HMAC-SHA1(secret + "&", string to sign)). */
export function fakeExpectedSignature(method: string, params: ReadonlyArray<readonly [string, string]>, secret: string): string {
  return createHmac('sha1', Buffer.from(`${secret}&`, 'utf8')).update(Buffer.from(fakeStringToSign(method, params), 'utf8')).digest('base64');
}

function sameSecretString(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Parameters from the query and, for a form POST, the body; a name given twice is refused. */
function requestParams(request: SeenRequest): Array<[string, string]> {
  const params: Array<[string, string]> = [...request.query.entries()];
  const contentType = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && request.body !== '') {
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new AlidnsError(400, 'InvalidParameter', 'The request body must be application/x-www-form-urlencoded.');
    }
    params.push(...new URLSearchParams(request.body).entries());
  }
  const seen = new Set<string>();
  for (const [name] of params) {
    if (seen.has(name)) throw invalid(name);
    seen.add(name);
  }
  return params;
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** What Alidns keeps beside the shared store's own fields, in FakeRecord.extra. */
// A type alias rather than an interface: it must fit FakeRecord.extra's index signature.
type AlidnsExtra = {
  line: string;
  status: 'ENABLE' | 'DISABLE';
  locked: boolean;
  created: number;
  updated: number;
};

function extraOf(record: FakeRecord): AlidnsExtra {
  const extra = record.extra as Partial<AlidnsExtra>;
  return {
    line: extra.line ?? DEFAULT_LINE,
    status: extra.status ?? 'ENABLE',
    locked: extra.locked ?? false,
    created: extra.created ?? 0,
    updated: extra.updated ?? 0,
  };
}

function toWire(record: FakeRecord): FakeAlidnsRecord {
  const extra = extraOf(record);
  return {
    RecordId: record.id,
    DomainName: record.zone,
    RR: hostInZone(record.name, record.zone),
    Type: record.type as FakeAlidnsRecordType,
    Value: record.content,
    TTL: record.ttl,
    Line: extra.line,
    Status: extra.status,
    Locked: extra.locked,
    Weight: 1,
    CreateTimestamp: extra.created,
    UpdateTimestamp: extra.updated,
  };
}

function integerParam(params: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = params[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw invalid(name);
  return value;
}

export async function startFakeAlidns(options: FakeAlidnsOptions): Promise<FakeAlidns> {
  const startedAt = Date.now();
  // Record ids are numeric strings, as Alidns makes them.
  const store = new FakeZoneStore({ zones: options.domains.map((name) => ({ name, id: randomUUID() })), idStyle: 'numeric', defaultTtl: DEFAULT_TTL });
  const calls: FakeAlidnsCall[] = [];
  const usedNonces = new Set<string>();
  const denied = new Set<string>();
  const pendingErrors: FakeAlidnsError[] = [];
  const minTtl = options.minTtl ?? DEFAULT_TTL;
  let clockOffsetMs = options.clockOffsetMs ?? 0;

  const serverNow = () => Date.now() + clockOffsetMs;
  const records = () => store.records().map(toWire);

  function domainNamed(name: string): string | undefined {
    return store.zoneByName(normalizeName(name))?.name;
  }

  function requireParam(params: Record<string, string>, name: string): string {
    const value = params[name];
    if (value === undefined || value === '') throw missing(name);
    return value;
  }

  function validType(type: string): FakeAlidnsRecordType {
    const upper = type.toUpperCase();
    if (upper === 'A' || upper === 'AAAA' || upper === 'CNAME' || upper === 'TXT') return upper;
    throw invalid('Type');
  }

  function validValue(type: FakeAlidnsRecordType, value: string): string {
    if (type === 'A' && !isIPv4(value)) throw new AlidnsError(400, 'InvalidValue', 'The record value is invalid for an A record.');
    if (type === 'AAAA' && (!isIPv6(value) || value.includes('%'))) {
      throw new AlidnsError(400, 'InvalidValue', 'The record value is invalid for an AAAA record.');
    }
    return type === 'AAAA' ? value.toLowerCase() : value;
  }

  function validTtl(raw: string | undefined): number {
    const ttl = raw === undefined ? DEFAULT_TTL : Number(raw);
    if (!Number.isInteger(ttl) || ttl < minTtl || ttl > MAX_TTL) {
      throw new AlidnsError(400, 'QuotaExceeded.TTL', `The specified TTL is invalid. A valid TTL must be in the range of ${minTtl} to ${MAX_TTL}.`);
    }
    return ttl;
  }

  function validLine(raw: string | undefined): string {
    const line = raw ?? DEFAULT_LINE;
    if (!/^[A-Za-z0-9_.:-]+$/.test(line)) throw invalid('Line');
    return line;
  }

  function validRr(raw: string): string {
    const rr = raw.trim().toLowerCase();
    if (rr === '' || !/^(@|\*|[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*)$/.test(rr)) throw invalid('RR');
    return rr;
  }

  type Candidate = Pick<FakeAlidnsRecord, 'DomainName' | 'RR' | 'Type' | 'Line' | 'Value'>;

  /** Same name, type, line and value as another record: refused as a duplicate. */
  function assertNoDuplicate(candidate: Candidate, exceptId?: string): void {
    const duplicate = records().some(
      (record) =>
        record.RecordId !== exceptId &&
        record.DomainName === candidate.DomainName &&
        record.RR === candidate.RR &&
        record.Type === candidate.Type &&
        record.Line === candidate.Line &&
        record.Value === candidate.Value,
    );
    if (duplicate) throw new AlidnsError(400, 'DomainRecordDuplicate', 'The DNS record already exists.');
  }

  /** A CNAME cannot share its name and line with any other record. */
  function assertNoConflict(candidate: Omit<Candidate, 'Value'>, exceptId?: string): void {
    const conflict = records().some(
      (record) =>
        record.RecordId !== exceptId &&
        record.DomainName === candidate.DomainName &&
        record.RR === candidate.RR &&
        record.Line === candidate.Line &&
        (record.Type === 'CNAME') !== (candidate.Type === 'CNAME'),
    );
    if (conflict) throw new AlidnsError(400, 'DomainRecordConflict', 'The DNS record conflicts with other records.');
  }

  /** Validates and stores a record; `seed` ones (made in the console) are not counted as API writes. */
  function insert(candidate: Candidate & { TTL: number; status?: 'ENABLE' | 'DISABLE'; locked?: boolean }, seed: boolean): FakeAlidnsRecord {
    assertNoDuplicate(candidate);
    assertNoConflict(candidate);
    const now = serverNow();
    const record = {
      zone: candidate.DomainName,
      name: nameInZone(candidate.RR, candidate.DomainName),
      type: candidate.Type,
      content: candidate.Value,
      ttl: candidate.TTL,
      extra: { line: candidate.Line, status: candidate.status ?? 'ENABLE', locked: candidate.locked ?? false, created: now, updated: now },
    };
    return toWire(seed ? store.add(record) : store.create(record));
  }

  function page<T>(items: T[], params: Record<string, string>, maxPageSize: number) {
    const pageNumber = integerParam(params, 'PageNumber', 1, 1, 100_000);
    const pageSize = integerParam(params, 'PageSize', 20, 1, maxPageSize);
    return {
      TotalCount: items.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      slice: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    };
  }

  // --- actions -----------------------------------------------------------------------------

  function describeDomains(params: Record<string, string>): object {
    const keyword = params['KeyWord']?.toLowerCase();
    const mode = (params['SearchMode'] ?? 'LIKE').toUpperCase();
    if (mode !== 'LIKE' && mode !== 'EXACT') throw invalid('SearchMode');
    const matching = store.zones().filter(
      (domain) => keyword === undefined || (mode === 'EXACT' ? domain.name === keyword : domain.name.includes(keyword)),
    );
    const { slice, ...paging } = page(matching, params, 100);
    return {
      ...paging,
      Domains: {
        Domain: slice.map((domain) => ({
          DomainId: domain.id,
          DomainName: domain.name,
          PunyCode: domain.name,
          AliDomain: false,
          RecordCount: store.records({ zone: domain.name }).length,
          VersionCode: 'mianfei',
          VersionName: 'Alibaba Cloud DNS Free Edition',
          CreateTime: new Date(startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          CreateTimestamp: startedAt,
          Starmark: false,
          DnsServers: { DnsServer: ['dns1.hichina.com', 'dns2.hichina.com'] },
          Tags: { Tag: [] },
        })),
      },
    };
  }

  /**
   * SubDomain with DomainName given: host = SubDomain relative to DomainName ("@" when equal).
   * Without DomainName the service splits off the main domain itself; the fake takes the
   * shortest domain of the account that ends the name.
   */
  function describeSubDomainRecords(params: Record<string, string>): object {
    const subDomain = normalizeName(requireParam(params, 'SubDomain'));
    let domain: string | undefined;
    if (params['DomainName'] !== undefined) {
      domain = domainNamed(params['DomainName']);
      if (domain === undefined) throw new AlidnsError(400, 'IncorrectDomainUser', 'The domain name does not belong to this user.');
      if (subDomain !== domain && !subDomain.endsWith(`.${domain}`)) throw invalid('SubDomain');
    } else {
      domain = store
        .zones()
        .map((candidate) => candidate.name)
        .filter((name) => subDomain === name || subDomain.endsWith(`.${name}`))
        .sort((a, b) => a.length - b.length)[0];
      if (domain === undefined) throw new AlidnsError(400, 'IncorrectDomainUser', 'The domain name does not belong to this user.');
    }
    const rr = subDomain === domain ? '@' : subDomain.slice(0, subDomain.length - domain.length - 1);
    const type = params['Type']?.toUpperCase();
    const line = params['Line'];
    const matching = records().filter(
      (record) =>
        record.DomainName === domain && record.RR === rr && (type === undefined || record.Type === type) && (line === undefined || record.Line === line),
    );
    const { slice, ...paging } = page(matching, params, 100);
    return { ...paging, DomainRecords: { Record: slice.map((record) => ({ ...record })) } };
  }

  function addDomainRecord(params: Record<string, string>): object {
    const domain = domainNamed(requireParam(params, 'DomainName'));
    const rr = validRr(requireParam(params, 'RR'));
    const type = validType(requireParam(params, 'Type'));
    const value = validValue(type, requireParam(params, 'Value'));
    if (domain === undefined) throw new AlidnsError(400, 'IncorrectDomainUser', 'The domain name does not belong to this user.');
    const record = insert({ DomainName: domain, RR: rr, Type: type, Value: value, TTL: validTtl(params['TTL']), Line: validLine(params['Line']) }, false);
    return { RecordId: record.RecordId };
  }

  /** Unsent TTL and Line take their defaults (600, "default"), as the API reference says. */
  function updateDomainRecord(params: Record<string, string>): object {
    const recordId = requireParam(params, 'RecordId');
    const rr = validRr(requireParam(params, 'RR'));
    const type = validType(requireParam(params, 'Type'));
    const value = validValue(type, requireParam(params, 'Value'));
    const stored = store.record(recordId);
    const record = stored === undefined ? undefined : toWire(stored);
    if (record === undefined) throw new AlidnsError(400, 'DomainRecordNotBelongToUser', 'The domain record does not belong to this user.');
    if (record.Locked) throw new AlidnsError(400, 'DomainRecordLocked', 'The domain record has been locked.');
    const next = { DomainName: record.DomainName, RR: rr, Type: type, Value: value, TTL: validTtl(params['TTL']), Line: validLine(params['Line']) };
    const unchanged =
      next.RR === record.RR && next.Type === record.Type && next.Value === record.Value && next.TTL === record.TTL && next.Line === record.Line;
    if (unchanged) throw new AlidnsError(400, 'DomainRecordDuplicate', 'The DNS record already exists.');
    assertNoDuplicate(next, record.RecordId);
    assertNoConflict(next, record.RecordId);
    store.update(recordId, {
      name: nameInZone(next.RR, next.DomainName),
      type: next.Type,
      content: next.Value,
      ttl: next.TTL,
      extra: { line: next.Line, updated: serverNow() },
    });
    return { RecordId: record.RecordId };
  }

  const ACTIONS: Record<string, (params: Record<string, string>) => object> = {
    DescribeDomains: describeDomains,
    DescribeSubDomainRecords: describeSubDomainRecords,
    AddDomainRecord: addDomainRecord,
    UpdateDomainRecord: updateDomainRecord,
  };

  // --- authentication, as the gateway does it before any action runs -------------------------

  function authenticate(request: SeenRequest, list: Array<[string, string]>): Record<string, string> {
    const params = Object.fromEntries(list);
    for (const name of REQUIRED_COMMON) requireParam(params, name);
    if (params['Version'] !== API_VERSION) throw new AlidnsError(400, 'NoSuchVersion', 'The specified API version does not exist.');
    if (params['SignatureMethod'] !== 'HMAC-SHA1' || params['SignatureVersion'] !== '1.0') {
      throw new AlidnsError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    }
    if (params['AccessKeyId'] !== options.accessKeyId) {
      throw new AlidnsError(400, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    }
    const timestamp = params['Timestamp'] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      throw new AlidnsError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    }
    if (Math.abs(Date.parse(timestamp) - serverNow()) > TIMESTAMP_WINDOW_MS) {
      throw new AlidnsError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    const expected = fakeExpectedSignature(request.method, list, options.accessKeySecret);
    if (!sameSecretString(params['Signature'] ?? '', expected)) {
      throw new AlidnsError(
        403,
        'SignatureDoesNotMatch',
        'The signature you provided does not match the one we calculated. For more information, see the API authentication reference.',
      );
    }
    const nonce = params['SignatureNonce'] ?? '';
    if (usedNonces.has(nonce)) throw new AlidnsError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    usedNonces.add(nonce);
    return params;
  }

  function route(request: SeenRequest): object {
    if (request.method !== 'GET' && request.method !== 'POST') {
      throw new AlidnsError(405, 'UnsupportedHTTPMethod', 'This http method is not supported.');
    }
    if (request.path !== '/') throw new AlidnsError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    const params = authenticate(request, requestParams(request));
    const action = params['Action'] ?? '';
    calls.push({ action, method: request.method, params });
    const injected = pendingErrors.shift();
    if (injected !== undefined) throw new AlidnsError(injected.status, injected.code, injected.message);
    if ((params['Format'] ?? 'XML').toUpperCase() !== 'JSON') {
      // The real API answers XML by default; this fake only speaks JSON.
      throw new AlidnsError(400, 'InvalidParameter', 'The value of parameter "Format" is invalid (this fake answers JSON only).');
    }
    if (denied.has(action)) {
      throw new AlidnsError(403, 'Forbidden.RAM', "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
    }
    const handler = ACTIONS[action];
    if (handler === undefined) throw new AlidnsError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    return handler(params);
  }

  function reply(status: number, body: object): FakeReply {
    return {
      status,
      headers: { Date: new Date(serverNow()).toUTCString(), 'Content-Type': 'application/json;charset=utf-8' },
      body,
    };
  }

  const server = await startFakeServer((request) => {
    const requestId = randomUUID().toUpperCase();
    try {
      return reply(200, { RequestId: requestId, ...route(request) });
    } catch (error) {
      if (!(error instanceof AlidnsError)) throw error;
      return reply(error.status, {
        RequestId: requestId,
        HostId: HOST_ID,
        Code: error.code,
        Message: error.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Alidns&requestId=${requestId}`,
      });
    }
  });

  function recordById(recordId: string): FakeRecord {
    const record = store.record(recordId);
    if (record === undefined) throw new Error(`fake Alidns has no record ${recordId}`);
    return record;
  }

  return {
    url: server.url,
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    calls: () => calls.map((call) => ({ ...call, params: { ...call.params } })),
    callsOf: (...actions) => calls.filter((call) => actions.includes(call.action)).map((call) => ({ ...call, params: { ...call.params } })),
    records,
    addRecord(seed) {
      const domain = domainNamed(seed.domain);
      if (domain === undefined) throw new Error(`fake Alidns has no domain ${seed.domain}`);
      const type = validType(seed.type);
      return insert(
        {
          DomainName: domain,
          RR: validRr(seed.rr),
          Type: type,
          Value: validValue(type, seed.value),
          TTL: seed.ttl ?? DEFAULT_TTL,
          Line: seed.line ?? DEFAULT_LINE,
          ...(seed.status === undefined ? {} : { status: seed.status }),
          ...(seed.locked === undefined ? {} : { locked: seed.locked }),
        },
        true,
      );
    },
    setRecordValue(recordId, value) {
      const record = recordById(recordId);
      const content = validValue(validType(record.type), value);
      store.unseen(() => store.update(recordId, { content, extra: { updated: serverNow() } }));
    },
    removeRecord(recordId) {
      recordById(recordId);
      store.unseen(() => store.remove(recordId));
    },
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    denyActions(...actions) {
      for (const action of actions) denied.add(action);
    },
    failNext(error, times = 1) {
      for (let i = 0; i < times; i++) pendingErrors.push(error);
    },
    close: () => server.close(),
  };
}
