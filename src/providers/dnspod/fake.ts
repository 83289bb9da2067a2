import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Tencent Cloud API 3.0 for DNSPod (version 2021-03-23): the actions ddns uses
 * (DescribeDomainList, DescribeRecordList, CreateRecord, ModifyDynamicDNS), and of the DNSPod
 * token API (POST /Domain.List, /Record.List, /Record.Create, /Record.Modify with login_token),
 * both over the same records, speaking the wire formats in WIRE.md of this folder. The records live in the shared FakeZoneStore (line, status
 * and update time in `extra`); this file is the API gateway and the wire. It has no jest
 * imports, so jest tests and plain Node scripts can both use it.
 *
 * Every request's TC3-HMAC-SHA256 signature is verified here with an implementation written
 * from the signing document, independently of tc3-signature.ts: a client that signs
 * a header it does not send, hashes a different body, uses the wrong date or host, or the wrong
 * key, is refused exactly as Tencent Cloud refuses it (HTTP 200, `Response.Error`).
 *
 * Modelled behaviours: an empty record list is the error ResourceNotFound.NoDataOfRecord; an
 * account without domains answers ResourceNotFound.NoDataOfDomain; a second record with the same
 * host, type, line and value is InvalidParameter.DomainRecordExist (on create and on modify, also
 * when a modify would leave the value unchanged, as the legacy API's code 104 did); ModifyDynamicDNS
 * without SubDomain moves the record to "@" and without Ttl resets the TTL to the domain's default;
 * the free plan's TTL minimum of 600 (LimitExceeded.RecordTtlLimit). The exact English/Chinese
 * messages of these codes are the documented descriptions, not captured from the live API.
 */

export type FakeDnspodRecordType = 'A' | 'AAAA' | 'NS' | 'CNAME' | 'TXT' | 'MX';

/** A record as DescribeRecordList returns it (RecordListItem), plus its domain for assertions. */
export interface FakeDnspodRecord {
  domain: string;
  RecordId: number;
  Value: string;
  Status: 'ENABLE' | 'DISABLE';
  UpdatedOn: string;
  Name: string;
  Line: string;
  LineId: string;
  Type: FakeDnspodRecordType;
  Weight: number | null;
  MonitorStatus: string;
  Remark: string;
  TTL: number;
  MX: number;
  DefaultNS: boolean;
}

export interface FakeDnspodDomain {
  DomainId: number;
  Name: string;
}

export interface NewFakeDnspodRecord {
  domain: string;
  /** Host relative to the domain ("home", "@"). */
  name: string;
  type: FakeDnspodRecordType;
  value: string;
  line?: string;
  ttl?: number;
  status?: 'ENABLE' | 'DISABLE';
}

export interface FakeDnspodOptions {
  secretId: string;
  secretKey: string;
  /** The DNSPod token ("ID,TOKEN") the token API (POST /Record.List …) accepts; without it that API refuses every login. */
  loginToken?: string;
  /** Domains in the account, e.g. ["example.com", "example.com.cn"]. */
  domains: string[];
  /** The fake's clock minus the real one, to act as a server whose time differs from ours. */
  clockOffsetMs?: number;
  /** Smallest TTL the domains' plan allows (DNSPod free plan: 600). */
  minTtl?: number;
}

export interface FakeDnspod extends RunningFake {
  /** What to put in the provider's `endpoint`: `http://127.0.0.1:PORT`. */
  url: string;
  server: FakeServer;
  domains(): FakeDnspodDomain[];
  /** Copies of the records, NS records of each apex included, in creation order. */
  records(): FakeDnspodRecord[];
  /** Copies of the A/AAAA records only: what ddns manages. */
  addressRecords(): FakeDnspodRecord[];
  addRecord(record: NewFakeDnspodRecord): FakeDnspodRecord;
  /** Changes a record's value behind the client's back (someone edited it in the console). */
  setRecordValue(id: number, value: string): void;
  removeRecord(id: number): void;
  /** The action of every request received, in order (also the refused ones): X-TC-Action, or the token API's path ("Record.List"). */
  actions(): string[];
  /** How many requests of a writing action arrived (CreateRecord / ModifyDynamicDNS / ModifyRecord, Record.Create / Record.Modify). */
  writeCount(): number;
  /** Answers the next `times` correctly signed requests with this error (default RequestLimitExceeded). */
  failNext(times: number, code?: string, message?: string): void;
  /** Answers the next `times` token API requests that logged in with this status (default -2, over the API limit). */
  failNextToken(times: number, code?: string, message?: string): void;
  setClockOffset(ms: number): void;
  close(): Promise<void>;
}

const SERVICE = 'dnspod';
const VERSION = '2021-03-23';
const MAX_SKEW_SECONDS = 300;
const DEFAULT_DOMAIN_TTL = 600;
const MAX_TTL = 604_800;
const WRITE_ACTIONS = new Set(['CreateRecord', 'ModifyDynamicDNS', 'ModifyRecord', 'Record.Create', 'Record.Modify']);

/** Lines of the free plan, name → id (DescribeRecordLineList). */
const LINES: ReadonlyMap<string, string> = new Map([
  ['默认', '0'],
  ['电信', '10=0'],
  ['联通', '10=1'],
  ['移动', '10=3'],
  ['境外', '3=0'],
]);

/** Documented descriptions of the error codes the fake answers with. */
const MESSAGES: Record<string, string> = {
  'AuthFailure.InvalidAuthorization': 'Authorization in the request header is invalid.',
  'AuthFailure.SecretIdNotFound':
    'The SecretId is not found, please ensure that your SecretId is correct.',
  'AuthFailure.SignatureExpire':
    'Signature expired. Timestamp and server time cannot differ by more than five minutes. Please ensure your current local time matches the standard time.',
  'AuthFailure.SignatureFailure': 'The provided credentials could not be validated. Please check your signature is correct.',
  InvalidAction: 'The requested action does not exist.',
  NoSuchVersion: 'The requested version does not exist or the API does not support this version.',
  MissingParameter: 'A required parameter is missing.',
  UnknownParameter: 'An unknown parameter was passed.',
  UnsupportedProtocol: 'This fake speaks only POST with Content-Type: application/json.',
  RequestLimitExceeded: 'Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.',
  InternalError: 'An internal error has occurred. Retry your request, but if the problem persists, contact us.',
  'InvalidParameterValue.DomainNotExists': '当前域名有误，请返回重新操作。',
  'InvalidParameterValue.LimitInvalid': '分页长度数量错误。',
  'InvalidParameter.RecordIdInvalid': '记录编号错误。',
  'InvalidParameter.RecordLineInvalid': '记录线路不正确。',
  'InvalidParameter.RecordTypeInvalid': '记录类型不正确。',
  'InvalidParameter.RecordValueInvalid': '记录的值不正确。',
  'InvalidParameter.SubdomainInvalid': '子域名不正确。',
  'InvalidParameter.DomainRecordExist': '记录已经存在，无需再次添加。',
  'LimitExceeded.RecordTtlLimit': '记录的TTL值超出了限制。',
  'ResourceNotFound.NoDataOfRecord': '记录列表为空。',
  'ResourceNotFound.NoDataOfDomain': '域名列表为空。',
};

/** Parameters each action accepts (API 3.0 refuses unknown ones with UnknownParameter). */
const ACCEPTED: Record<string, ReadonlySet<string>> = {
  DescribeDomainList: new Set(['Type', 'Offset', 'Limit', 'GroupId', 'Keyword', 'Tags']),
  DescribeRecordList: new Set([
    'Domain', 'DomainId', 'Subdomain', 'SubDomain', 'RecordType', 'RecordLine', 'RecordLineId', 'GroupId', 'Keyword',
    'SortField', 'SortType', 'Offset', 'Limit', 'ErrorOnEmpty',
  ]),
  CreateRecord: new Set([
    'Domain', 'DomainId', 'SubDomain', 'RecordType', 'RecordLine', 'RecordLineId', 'Value', 'MX', 'TTL', 'Weight', 'Status',
    'Remark', 'DnssecConflictMode', 'GroupId',
  ]),
  ModifyDynamicDNS: new Set(['Domain', 'DomainId', 'SubDomain', 'RecordId', 'RecordLine', 'RecordLineId', 'Value', 'Ttl', 'TTL']),
};

class ApiError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? MESSAGES[code] ?? code);
  }
}

/** "2026-03-01 12:00:00" in Beijing time, as the API formats UpdatedOn. */
function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

// --- TC3-HMAC-SHA256 verification, written from the signing document ---------------------------

function sha256(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const match = header === undefined ? null : AUTHORIZATION.exec(header);
  if (match === null) throw new ApiError('AuthFailure.InvalidAuthorization');
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}

function headerValue(request: SeenRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** An API 3.0 action from its header, a token API action from its path. */
function actionOf(request: SeenRequest): string {
  return headerValue(request, 'x-tc-action') ?? request.path.slice(1);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Rebuilds the canonical request from what actually arrived (method, body, and the values of the
 * headers the client claims to have signed) and compares signatures in constant time.
 */
function verifySignature(request: SeenRequest, options: { secretId: string; secretKey: string }, serverNowMs: number): void {
  const auth = parseAuthorization(headerValue(request, 'authorization'));
  const timestampText = headerValue(request, 'x-tc-timestamp');
  if (timestampText === undefined || !/^\d+$/.test(timestampText)) throw new ApiError('MissingParameter', 'The X-TC-Timestamp header is missing or not a number.');
  const timestamp = Number(timestampText);
  if (Math.abs(serverNowMs / 1000 - timestamp) > MAX_SKEW_SECONDS) throw new ApiError('AuthFailure.SignatureExpire');
  if (auth.secretId !== options.secretId) throw new ApiError('AuthFailure.SecretIdNotFound');

  const signedNames = [...auth.signedHeaders].sort();
  const sortedAsSent = signedNames.join(';') === auth.signedHeaders.join(';');
  if (!sortedAsSent || !signedNames.includes('content-type') || !signedNames.includes('host')) {
    throw new ApiError('AuthFailure.SignatureFailure');
  }
  const utcDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
  if (auth.date !== utcDate || auth.service !== SERVICE) throw new ApiError('AuthFailure.SignatureFailure');

  let canonicalHeaders = '';
  for (const name of signedNames) {
    const value = headerValue(request, name);
    if (value === undefined) throw new ApiError('AuthFailure.SignatureFailure');
    canonicalHeaders += `${name}:${value.trim().toLowerCase()}\n`;
  }
  const canonicalRequest = `${request.method}\n/\n${request.query.toString()}\n${canonicalHeaders}\n${signedNames.join(';')}\n${sha256(request.body)}`;
  const scope = `${utcDate}/${SERVICE}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  const key = hmacSha256(hmacSha256(hmacSha256(`TC3${options.secretKey}`, utcDate), SERVICE), 'tc3_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  if (!timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'))) throw new ApiError('AuthFailure.SignatureFailure');
}

// --- parameter checks ------------------------------------------------------------------------------

type Params = Record<string, unknown>;

function parseParams(body: string, action: string): Params {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body === '' ? '{}' : body);
  } catch {
    throw new ApiError('InvalidParameter', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError('InvalidParameter', 'The request body must be a JSON object.');
  const params = parsed as Params;
  const accepted = ACCEPTED[action];
  for (const key of Object.keys(params)) {
    if (accepted !== undefined && !accepted.has(key)) throw new ApiError('UnknownParameter', `The parameter \`${key}\` is not recognized.`);
  }
  return params;
}

function requiredString(params: Params, key: string): string {
  const value = params[key];
  if (value === undefined) throw new ApiError('MissingParameter', `The request is missing a required parameter \`${key}\`.`);
  if (typeof value !== 'string') throw new ApiError('InvalidParameter', `The parameter \`${key}\` must be a string.`);
  return value;
}

function optionalString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ApiError('InvalidParameter', `The parameter \`${key}\` must be a string.`);
  return value;
}

function optionalInteger(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ApiError('InvalidParameter', `The parameter \`${key}\` must be a non-negative integer.`);
  }
  return value;
}

function validLine(line: string): string {
  const id = LINES.get(line);
  if (id === undefined) throw new ApiError('InvalidParameter.RecordLineInvalid');
  return id;
}

function validValue(type: string, value: string): void {
  if (type === 'A' && !isIPv4(value)) throw new ApiError('InvalidParameter.RecordValueInvalid');
  if (type === 'AAAA' && !isIPv6(value)) throw new ApiError('InvalidParameter.RecordValueInvalid');
}

function validSubdomain(name: string): string {
  const lower = name.toLowerCase();
  if (lower !== '@' && !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(lower)) throw new ApiError('InvalidParameter.SubdomainInvalid');
  return lower;
}

/** What DNSPod keeps beside the shared store's own fields, in FakeRecord.extra. */
// A type alias rather than an interface: it must fit FakeRecord.extra's index signature.
type DnspodExtra = {
  line: string;
  status: 'ENABLE' | 'DISABLE';
  updatedOn: string;
};

function extraOf(record: FakeRecord): DnspodExtra {
  const extra = record.extra as Partial<DnspodExtra>;
  return { line: extra.line ?? '默认', status: extra.status ?? 'ENABLE', updatedOn: extra.updatedOn ?? '' };
}

function toWire(record: FakeRecord): FakeDnspodRecord {
  const extra = extraOf(record);
  return {
    domain: record.zone,
    RecordId: Number(record.id),
    Value: record.content,
    Status: extra.status,
    UpdatedOn: extra.updatedOn,
    Name: hostInZone(record.name, record.zone),
    Line: extra.line,
    LineId: LINES.get(extra.line) ?? '0',
    Type: record.type as FakeDnspodRecordType,
    Weight: null,
    MonitorStatus: '',
    Remark: '',
    TTL: record.ttl,
    MX: 0,
    DefaultNS: record.type === 'NS',
  };
}

function success(fields: object): FakeReply {
  return { status: 200, body: { Response: { ...fields, RequestId: randomUUID() } } };
}

function failure(error: ApiError): FakeReply {
  return { status: 200, body: { Response: { Error: { Code: error.code, Message: error.message }, RequestId: randomUUID() } } };
}

// --- the DNSPod token API (dnsapi.cn / api.dnspod.com) ----------------------------------------

/** A token API status: the code is a string on the wire ("1" is success). */
class TokenApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The documented English messages of the codes the fake answers with. */
const TOKEN_MESSAGES: Record<string, string> = {
  '-1': 'Login fail, please check login info',
  '-2': 'API usage is limited',
  '2': 'Only POST method allowed',
  '6': 'Domain id invalid',
  '8': 'Record id invalid',
  '10': 'No records',
  '22': 'Subdomain invalid',
  '26': 'Record line invalid',
  '27': 'Record type invalid',
  '29': 'TTL is too small',
  '32': 'TTL out of range',
  '34': 'Record value invalid',
  '104': 'Domain record already exists',
};

const tokenError = (code: string) => new TokenApiError(code, TOKEN_MESSAGES[code] ?? code);

function tokenStatus(code: string, message: string, now: number) {
  return { code, message, created_at: beijingTime(now) };
}

/** Without format=json the API answers XML; the fake gives only the status part of it. */
function tokenXml(code: string, message: string, now: number): FakeReply {
  return {
    status: 200,
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<dnspod>\n<status>\n<code>${code}</code>\n<message><![CDATA[${message}]]></message>\n<created_at>${beijingTime(now)}</created_at>\n</status>\n</dnspod>\n`,
  };
}

export async function startFakeDnspod(options: FakeDnspodOptions): Promise<FakeDnspod> {
  let clockOffsetMs = options.clockOffsetMs ?? 0;
  const minTtl = options.minTtl ?? 600;
  const serverNow = () => Date.now() + clockOffsetMs;
  let nextDomainId = 98_000_001;
  // Record ids are integers on this wire.
  const store = new FakeZoneStore({
    zones: options.domains.map((name) => ({ name, id: String(nextDomainId++) })),
    idStyle: 'numeric',
    defaultTtl: DEFAULT_DOMAIN_TTL,
  });
  const domains = (): FakeDnspodDomain[] => store.zones().map((zone) => ({ DomainId: Number(zone.id), Name: zone.name }));
  const records = (): FakeDnspodRecord[] => store.records().map(toWire);
  const queuedFailures: ApiError[] = [];
  const queuedTokenFailures: TokenApiError[] = [];

  function domainByName(name: string): FakeDnspodDomain {
    const domain = domains().find((candidate) => candidate.Name === name.toLowerCase().replace(/\.$/, ''));
    if (domain === undefined) throw new ApiError('InvalidParameterValue.DomainNotExists');
    return domain;
  }

  function recordById(id: number): FakeRecord {
    const record = store.record(String(id));
    if (record === undefined) throw new Error(`fake DNSPod has no record ${id}`);
    return record;
  }

  /** Stores a record; `seed` ones (made in the console) are not counted as API writes. */
  function insert(
    domain: FakeDnspodDomain,
    fields: { name: string; type: FakeDnspodRecordType; value: string; line: string; ttl: number; status: 'ENABLE' | 'DISABLE' },
    seed: boolean,
  ): FakeDnspodRecord {
    validLine(fields.line);
    const record = {
      zone: domain.Name,
      name: nameInZone(fields.name, domain.Name),
      type: fields.type,
      content: fields.value,
      ttl: fields.ttl,
      extra: { line: fields.line, status: fields.status, updatedOn: beijingTime(serverNow()) },
    };
    return toWire(seed ? store.add(record) : store.create(record));
  }

  // Every DNSPod domain starts with its two default NS records at the apex.
  for (const domain of domains()) {
    for (const ns of ['f1g1ns1.dnspod.net.', 'f1g1ns2.dnspod.net.']) {
      insert(domain, { name: '@', type: 'NS', value: ns, line: '默认', ttl: 86_400, status: 'ENABLE' }, true);
    }
  }

  /** DNSPod refuses two records with the same host, type, line and value. */
  function assertNotDuplicate(domain: string, name: string, type: string, line: string, value: string): void {
    const duplicate = records().some(
      (record) =>
        record.domain === domain && record.Name === name && record.Type === type && record.Line === line && record.Value === value,
    );
    if (duplicate) throw new ApiError('InvalidParameter.DomainRecordExist');
  }

  function validTtl(ttl: number | undefined): number {
    if (ttl === undefined) return DEFAULT_DOMAIN_TTL;
    if (ttl < minTtl || ttl > MAX_TTL) throw new ApiError('LimitExceeded.RecordTtlLimit');
    return ttl;
  }

  function describeDomainList(params: Params) {
    const offset = optionalInteger(params, 'Offset') ?? 0;
    const limit = optionalInteger(params, 'Limit') ?? 3000;
    if (limit < 1 || limit > 3000) throw new ApiError('InvalidParameterValue.LimitInvalid');
    const all = domains();
    if (all.length === 0) throw new ApiError('ResourceNotFound.NoDataOfDomain');
    const created = beijingTime(serverNow());
    const page = all.slice(offset, offset + limit).map((domain) => ({
      DomainId: domain.DomainId,
      Name: domain.Name,
      Status: 'ENABLE',
      TTL: DEFAULT_DOMAIN_TTL,
      CNAMESpeedup: 'DISABLE',
      DNSStatus: '',
      Grade: 'DP_FREE',
      GroupId: 1,
      SearchEnginePush: 'NO',
      Remark: '',
      Punycode: domain.Name,
      EffectiveDNS: ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'],
      GradeLevel: 2,
      GradeTitle: '免费版',
      IsVip: 'NO',
      VipStartAt: '0000-00-00 00:00:00',
      VipEndAt: '0000-00-00 00:00:00',
      VipAutoRenew: 'default',
      RecordCount: store.records({ zone: domain.Name }).length,
      CreatedOn: created,
      UpdatedOn: created,
      Owner: 'qcloud_uin_100000000001@qcloud.com',
      TagList: [],
    }));
    const total = all.length;
    return success({
      DomainCountInfo: {
        DomainTotal: total, AllTotal: total, MineTotal: total, ShareTotal: 0, VipTotal: 0, PauseTotal: 0, ErrorTotal: 0,
        LockTotal: 0, SpamTotal: 0, VipExpire: 0, ShareOutTotal: 0, GroupTotal: total,
      },
      DomainList: page,
    });
  }

  function describeRecordList(params: Params) {
    const domain = domainByName(requiredString(params, 'Domain'));
    // The newer spelling SubDomain wins over the documented Subdomain when both are sent.
    const subdomain = (optionalString(params, 'SubDomain') ?? optionalString(params, 'Subdomain'))?.toLowerCase();
    const type = optionalString(params, 'RecordType');
    const line = optionalString(params, 'RecordLine');
    if (line !== undefined) validLine(line);
    const offset = optionalInteger(params, 'Offset') ?? 0;
    const limit = optionalInteger(params, 'Limit') ?? 100;
    if (limit < 1 || limit > 3000) throw new ApiError('InvalidParameterValue.LimitInvalid');
    const matching = records().filter(
      (record) =>
        record.domain === domain.Name &&
        (subdomain === undefined || record.Name === subdomain) &&
        (type === undefined || record.Type === type) &&
        (line === undefined || record.Line === line),
    );
    if (matching.length === 0 && optionalString(params, 'ErrorOnEmpty') !== 'no') throw new ApiError('ResourceNotFound.NoDataOfRecord');
    const page = matching.slice(offset, offset + limit);
    return success({
      RecordCountInfo: {
        SubdomainCount: new Set(matching.map((record) => record.Name)).size,
        ListCount: page.length,
        TotalCount: matching.length,
      },
      RecordList: page.map(({ domain: _domain, ...wire }) => wire),
    });
  }

  function createRecord(params: Params) {
    const domain = domainByName(requiredString(params, 'Domain'));
    const type = requiredString(params, 'RecordType');
    if (type !== 'A' && type !== 'AAAA') throw new ApiError('InvalidParameter.RecordTypeInvalid', `记录类型不正确（this fake models A and AAAA records only).`);
    const line = requiredString(params, 'RecordLine');
    validLine(line);
    const value = requiredString(params, 'Value');
    validValue(type, value);
    const name = validSubdomain(optionalString(params, 'SubDomain') ?? '@');
    const ttl = validTtl(optionalInteger(params, 'TTL'));
    const status = optionalString(params, 'Status') ?? 'ENABLE';
    if (status !== 'ENABLE' && status !== 'DISABLE') throw new ApiError('InvalidParameter', 'Status must be ENABLE or DISABLE.');
    assertNotDuplicate(domain.Name, name, type, line, value);
    const record = insert(domain, { name, type, value, line, ttl, status }, false);
    return success({ RecordId: record.RecordId });
  }

  function modifyDynamicDns(params: Params) {
    const domain = domainByName(requiredString(params, 'Domain'));
    const id = optionalInteger(params, 'RecordId');
    if (id === undefined) throw new ApiError('MissingParameter', 'The request is missing a required parameter `RecordId`.');
    const line = requiredString(params, 'RecordLine');
    validLine(line);
    const value = requiredString(params, 'Value');
    const record = records().find((candidate) => candidate.RecordId === id && candidate.domain === domain.Name);
    if (record === undefined) throw new ApiError('InvalidParameter.RecordIdInvalid');
    validValue(record.Type, value);
    // Documented defaults: SubDomain "@", Ttl the domain's TTL. TTL (newer spelling) wins over Ttl.
    const name = validSubdomain(optionalString(params, 'SubDomain') ?? '@');
    const ttl = validTtl(optionalInteger(params, 'TTL') ?? optionalInteger(params, 'Ttl'));
    assertNotDuplicate(domain.Name, name, record.Type, line, value);
    store.update(String(record.RecordId), { name: nameInZone(name, domain.Name), content: value, ttl, extra: { line, updatedOn: beijingTime(serverNow()) } });
    return success({ RecordId: record.RecordId });
  }

  function handle(request: SeenRequest): FakeReply {
    if (request.method !== 'POST' || request.path !== '/') throw new ApiError('UnsupportedProtocol');
    const contentType = headerValue(request, 'content-type') ?? '';
    if (!/^application\/json(;\s*charset=utf-8)?$/i.test(contentType.trim())) throw new ApiError('UnsupportedProtocol');
    verifySignature(request, options, serverNow());
    const version = headerValue(request, 'x-tc-version');
    if (version === undefined) throw new ApiError('MissingParameter', 'The request is missing a required parameter `Version`.');
    if (version !== VERSION) throw new ApiError('NoSuchVersion');
    const action = headerValue(request, 'x-tc-action') ?? '';
    const queued = queuedFailures.shift();
    if (queued !== undefined) throw queued;
    const params = parseParams(request.body, action);
    switch (action) {
      case 'DescribeDomainList':
        return describeDomainList(params);
      case 'DescribeRecordList':
        return describeRecordList(params);
      case 'CreateRecord':
        return createRecord(params);
      case 'ModifyDynamicDNS':
        return modifyDynamicDns(params);
      default:
        throw new ApiError('InvalidAction', `The requested action \`${action}\` does not exist.`);
    }
  }

  // --- the token API over the same records ----------------------------------------------------

  function tokenDomain(params: URLSearchParams): FakeDnspodDomain {
    const id = params.get('domain_id');
    const name = params.get('domain');
    const domain = domains().find((candidate) => (id !== null ? String(candidate.DomainId) === id : candidate.Name === name?.toLowerCase().replace(/\.$/, '')));
    if (domain === undefined) throw tokenError('6');
    return domain;
  }

  /** record_line_id wins over record_line, as documented; one of them is required. */
  function tokenLine(params: URLSearchParams): string {
    const lineId = params.get('record_line_id');
    if (lineId !== null) {
      const line = [...LINES].find(([, id]) => id === lineId)?.[0];
      if (line === undefined) throw tokenError('26');
      return line;
    }
    const line = params.get('record_line');
    if (line === null || !LINES.has(line)) throw tokenError('26');
    return line;
  }

  function tokenTtl(params: URLSearchParams, tooSmall: string): number {
    const raw = params.get('ttl');
    if (raw === null) return DEFAULT_DOMAIN_TTL;
    const ttl = Number(raw);
    if (!/^\d+$/.test(raw) || ttl < 1 || ttl > MAX_TTL) throw tokenError('32');
    if (ttl < minTtl) throw tokenError(tooSmall);
    return ttl;
  }

  /** Checks done with the validators of API 3.0, answered with the token API's codes. */
  function asToken<T>(code: string, check: () => T): T {
    try {
      return check();
    } catch (error) {
      if (error instanceof ApiError) throw error.code === 'InvalidParameter.DomainRecordExist' ? tokenError('104') : tokenError(code);
      throw error;
    }
  }

  function tokenRecord(record: FakeDnspodRecord) {
    return {
      id: String(record.RecordId),
      name: record.Name,
      line: record.Line,
      line_id: record.LineId,
      type: record.Type,
      ttl: String(record.TTL),
      value: record.Value,
      weight: null,
      mx: '0',
      enabled: record.Status === 'ENABLE' ? '1' : '0',
      status: record.Status === 'ENABLE' ? 'enabled' : 'disabled',
      monitor_status: '',
      remark: '',
      updated_on: record.UpdatedOn,
      use_aqb: 'no',
    };
  }

  function tokenDomainList(params: URLSearchParams): object {
    const all = domains();
    const offset = Number(params.get('offset') ?? '0');
    const length = Number(params.get('length') ?? '3000');
    const created = beijingTime(serverNow());
    return {
      info: { domain_total: all.length, all_total: all.length, mine_total: all.length, share_total: 0, vip_total: 0, ismark_total: 0, pause_total: 0, error_total: 0, lock_total: 0, spam_total: 0, vip_expire: 0, share_out_total: 0 },
      domains: all.slice(offset, offset + length).map((domain) => ({
        id: domain.DomainId,
        status: 'enable',
        grade: 'DP_Free',
        group_id: '1',
        searchengine_push: 'yes',
        is_mark: 'no',
        ttl: String(DEFAULT_DOMAIN_TTL),
        cname_speedup: 'disable',
        remark: '',
        created_on: created,
        updated_on: created,
        punycode: domain.Name,
        ext_status: '',
        name: domain.Name,
        grade_title: '免费套餐',
        is_vip: 'no',
        owner: 'user@example.com',
        records: String(store.records({ zone: domain.Name }).length),
      })),
    };
  }

  function tokenRecordList(params: URLSearchParams): object {
    const domain = tokenDomain(params);
    const subDomain = params.get('sub_domain')?.toLowerCase();
    const type = params.get('record_type');
    const line = params.get('record_line');
    const matching = records().filter(
      (record) =>
        record.domain === domain.Name &&
        (subDomain === undefined || record.Name === subDomain) &&
        (type === null || record.Type === type) &&
        (line === null || record.Line === line),
    );
    if (matching.length === 0 && params.get('error_on_empty') !== 'no') throw tokenError('10');
    const offset = Number(params.get('offset') ?? '0');
    const length = Number(params.get('length') ?? '3000');
    return {
      domain: { id: domain.DomainId, name: domain.Name, punycode: domain.Name, grade: 'DP_Free', owner: 'user@example.com', ext_status: '', ttl: DEFAULT_DOMAIN_TTL },
      info: { sub_domains: String(new Set(matching.map((record) => record.Name)).size), record_total: String(matching.length) },
      records: matching.slice(offset, offset + length).map(tokenRecord),
    };
  }

  function tokenRecordCreate(params: URLSearchParams): object {
    const domain = tokenDomain(params);
    const type = params.get('record_type');
    if (type !== 'A' && type !== 'AAAA') throw tokenError('27');
    const line = tokenLine(params);
    const value = params.get('value') ?? '';
    asToken('34', () => validValue(type, value));
    const name = asToken('22', () => validSubdomain(params.get('sub_domain') ?? '@'));
    const ttl = tokenTtl(params, '32');
    const status = params.get('status') === 'disable' ? 'DISABLE' : 'ENABLE';
    asToken('104', () => assertNotDuplicate(domain.Name, name, type, line, value));
    const record = insert(domain, { name, type, value, line, ttl, status }, false);
    return { record: { id: String(record.RecordId), name: record.Name, status: status === 'ENABLE' ? 'enable' : 'disable' } };
  }

  /** Unsent ttl falls back to the domain's default, unsent sub_domain to "@", as documented. */
  function tokenRecordModify(params: URLSearchParams): object {
    const domain = tokenDomain(params);
    const id = params.get('record_id') ?? '';
    const record = records().find((candidate) => String(candidate.RecordId) === id && candidate.domain === domain.Name);
    if (record === undefined) throw tokenError('8');
    const type = params.get('record_type');
    if (type !== 'A' && type !== 'AAAA') throw tokenError('27');
    const line = tokenLine(params);
    const value = params.get('value') ?? '';
    asToken('34', () => validValue(type, value));
    const name = asToken('22', () => validSubdomain(params.get('sub_domain') ?? '@'));
    const ttl = tokenTtl(params, '29');
    asToken('104', () => assertNotDuplicate(domain.Name, name, type, line, value));
    store.update(String(record.RecordId), { name: nameInZone(name, domain.Name), type, content: value, ttl, extra: { line, updatedOn: beijingTime(serverNow()) } });
    return { record: { id: record.RecordId, name, value, status: record.Status === 'ENABLE' ? 'enable' : 'disable' } };
  }

  const TOKEN_ACTIONS: Record<string, (params: URLSearchParams) => object> = {
    'Domain.List': tokenDomainList,
    'Record.List': tokenRecordList,
    'Record.Create': tokenRecordCreate,
    'Record.Modify': tokenRecordModify,
  };

  /** POST /<Action>, a form with login_token and format; every answer is HTTP 200 with a status. */
  function handleToken(request: SeenRequest): FakeReply {
    const now = serverNow();
    const form = (headerValue(request, 'content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const params = request.method === 'POST' && form ? new URLSearchParams(request.body) : new URLSearchParams();
    const json = params.get('format') === 'json';
    try {
      const handler = TOKEN_ACTIONS[request.path.slice(1)];
      if (request.method !== 'POST') throw tokenError('2');
      const given = params.get('login_token') ?? '';
      if (options.loginToken === undefined || !sameSecret(given, options.loginToken)) throw tokenError('-1');
      const queued = queuedTokenFailures.shift();
      if (queued !== undefined) throw queued;
      // An action the fake does not model: the real API answers its own "unknown" status.
      if (handler === undefined) throw new TokenApiError('3', 'Unknown error');
      const fields = handler(params);
      return json ? { status: 200, body: { status: tokenStatus('1', 'Action completed successful', now), ...fields } } : tokenXml('1', 'Action completed successful', now);
    } catch (error) {
      if (!(error instanceof TokenApiError)) throw error;
      return json ? { status: 200, body: { status: tokenStatus(error.code, error.message, now) } } : tokenXml(error.code, error.message, now);
    }
  }

  const server = await startFakeServer((request) => {
    const date = new Date(serverNow()).toUTCString();
    let reply: FakeReply;
    try {
      reply = request.path === '/' ? handle(request) : handleToken(request);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply = failure(error);
    }
    return { ...reply, headers: { ...reply.headers, Date: date } };
  });

  return {
    url: server.url,
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    domains,
    records,
    addressRecords: () => records().filter((record) => record.Type === 'A' || record.Type === 'AAAA'),
    addRecord(seed) {
      const domain = domainByName(seed.domain);
      const name = validSubdomain(seed.name);
      const line = seed.line ?? '默认';
      validValue(seed.type, seed.value);
      assertNotDuplicate(domain.Name, name, seed.type, line, seed.value);
      return insert(domain, { name, type: seed.type, value: seed.value, line, ttl: seed.ttl ?? DEFAULT_DOMAIN_TTL, status: seed.status ?? 'ENABLE' }, true);
    },
    setRecordValue(id, value) {
      const record = recordById(id);
      validValue(record.type, value);
      store.unseen(() => store.update(record.id, { content: value, extra: { updatedOn: beijingTime(serverNow()) } }));
    },
    removeRecord(id) {
      const record = recordById(id);
      store.unseen(() => store.remove(record.id));
    },
    actions: () => server.requests.map(actionOf),
    writeCount: () => server.requests.filter((request) => WRITE_ACTIONS.has(actionOf(request))).length,
    failNext(times, code = 'RequestLimitExceeded', message) {
      for (let i = 0; i < times; i++) queuedFailures.push(new ApiError(code, message));
    },
    failNextToken(times, code = '-2', message) {
      for (let i = 0; i < times; i++) queuedTokenFailures.push(new TokenApiError(code, message ?? TOKEN_MESSAGES[code] ?? code));
    },
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    close: () => server.close(),
  };
}
