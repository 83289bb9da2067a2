import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';

/**
 * A stateful, in-memory fake of the Amazon Route 53 REST/XML API (2013-04-01) operations ddns
 * uses — ListHostedZonesByName, ListResourceRecordSets, ChangeResourceRecordSets — plus
 * GetChange, built from the wire facts in /work/shared/providers/route53-sigv4.md and the AWS API
 * reference. It has no jest imports, so tests and demo scripts can both use it.
 *
 * Every request's AWS Signature Version 4 is VERIFIED here with an implementation of its own
 * (canonical request, string to sign, key chain written against node:crypto only), deliberately
 * sharing no code with src/providers/route53/sigv4.ts or src/providers/signing.ts: a bug in the
 * client's signer cannot be mirrored by the fake. `sigV4Signature` is exported so the unit tests
 * can check this second implementation against the AWS test-suite vectors too.
 *
 * Behaviour modelled after the real service: list operations start AT the given name (and type)
 * and return whatever follows, not only matches; names are stored lower-case and fully
 * qualified; every zone has its apex SOA and NS sets; change batches are atomic; CREATE of an
 * existing set and DELETE of a missing one fail with InvalidChangeBatch in its own document;
 * ChangeInfo is PENDING in the change's answer (GetChange then says INSYNC); a request timestamp
 * more than 5 minutes from the server clock fails with SignatureDoesNotMatch "Signature expired".
 * The error codes, HTTP statuses and messages for InvalidChangeBatch, NoSuchHostedZone,
 * SignatureDoesNotMatch, InvalidClientTokenId, AccessDenied and Throttling follow AWS's; those
 * for malformed input (InvalidInput, IncompleteSignature, MissingAuthenticationToken, unknown
 * paths) are illustrative: clients must not depend on their wording.
 */

export const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const API_PREFIX = '/2013-04-01';
const REGION = 'us-east-1';
const SERVICE = 'route53';
/** AWS accepts a request timestamp at most this far from its own clock, either way. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const ACCOUNT_ID = '123456789012';
const MAX_TTL = 2_147_483_647;

export type Route53Action = 'ListHostedZonesByName' | 'ListResourceRecordSets' | 'ChangeResourceRecordSets' | 'GetChange';

export interface FakeRoute53Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests with this key must carry it, signed, as X-Amz-Security-Token. */
  sessionToken?: string;
}

export interface FakeRoute53ZoneSeed {
  name: string;
  private?: boolean;
  /** Defaults to a random id like the real ones (Z + 20 upper-case letters and digits). */
  id?: string;
}

export interface FakeRoute53Options {
  credentials: FakeRoute53Credentials[];
  zones: FakeRoute53ZoneSeed[];
}

export interface FakeRoute53Zone {
  id: string;
  /** Lower-case, with the trailing dot: "example.com.". */
  name: string;
  private: boolean;
}

export interface FakeRecordSet {
  /** Zone id. */
  zone: string;
  /** Lower-case, fully qualified, with the trailing dot. */
  name: string;
  type: string;
  ttl: number | undefined;
  values: string[];
  setIdentifier?: string;
  weight?: number;
  alias?: { hostedZoneId: string; dnsName: string };
}

export interface NewFakeRecordSet {
  /** Zone name ("example.com") or id. */
  zone: string;
  /** FQDN with or without the trailing dot. */
  name: string;
  type: string;
  ttl?: number;
  values?: string[];
  setIdentifier?: string;
  weight?: number;
  alias?: { hostedZoneId: string; dnsName: string };
}

export interface FakeChange {
  id: string;
  zone: string;
  submittedAt: string;
  comment: string | undefined;
  changes: { action: string; name: string; type: string; ttl: number | undefined; values: string[] }[];
}

export interface FakeRoute53 {
  /** The base URL to put in a provider's `endpoint`: http://127.0.0.1:PORT */
  url: string;
  server: FakeServer;
  zones(): FakeRoute53Zone[];
  /** Id of the zone with this name (the public one unless `private` is true). */
  zoneId(name: string, options?: { private?: boolean }): string;
  /** Copies of the record sets, in the API's order; without the apex SOA/NS sets unless asked. */
  recordSets(options?: { includeApex?: boolean }): FakeRecordSet[];
  addRecordSet(seed: NewFakeRecordSet): FakeRecordSet;
  /** Accepted change batches, oldest first. */
  changes(): FakeChange[];
  /** Moves the server's clock (positive: the server is ahead of the client). */
  setClockOffset(ms: number): void;
  /** Makes the IAM policy refuse an action from now on. */
  deny(action: Route53Action): void;
  /** Requests whose signature (or credentials) the fake refused. */
  rejectedRequests(): number;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Signature Version 4, written independently of the client's signer.
// ---------------------------------------------------------------------------------------------

const UNRESERVED_BYTES = new Set([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'].map((char) => char.charCodeAt(0)));

/** RFC 3986 encoding, byte by byte over UTF-8, as AWS's UriEncode() is specified. */
function uriEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += UNRESERVED_BYTES.has(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export interface SigV4Input {
  method: string;
  /** The request path as received (percent-encoded once). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SigV4Computation {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** What the server computes for a request: the signature the client should have sent. */
export function sigV4Signature(
  input: SigV4Input,
  signedHeaders: readonly string[],
  secretAccessKey: string,
  amzDateTime: string,
  scope: { region: string; service: string },
): SigV4Computation {
  // Path: drop "." and empty segments, resolve "..", then encode each (already encoded) segment again.
  const kept: string[] = [];
  for (const segment of input.path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const canonicalPath = `/${kept.map(uriEncode).join('/')}${kept.length > 0 && input.path.endsWith('/') ? '/' : ''}`;

  const pairs = [...input.query.entries()].map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  // Encoded names and values are ASCII, so string order is code-point (byte) order.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const canonicalQuery = pairs.map(([name, value]) => `${name}=${value}`).join('&');

  const lowerHeaders = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    lowerHeaders.set(name.toLowerCase(), values.map((item) => item.trim().split(/\s+/).join(' ')).join(','));
  }
  const headerLines = signedHeaders.map((name) => `${name}:${lowerHeaders.get(name) ?? ''}\n`).join('');

  const canonicalRequest = `${input.method}\n${canonicalPath}\n${canonicalQuery}\n${headerLines}\n${signedHeaders.join(';')}\n${sha256(input.body)}`;
  const day = amzDateTime.slice(0, 8);
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDateTime}\n${day}/${scope.region}/${scope.service}/aws4_request\n${sha256(canonicalRequest)}`;
  let key: Buffer = hmacSha256(`AWS4${secretAccessKey}`, day);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmacSha256(key, part);
  return { canonicalRequest, stringToSign, signature: createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex') };
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

// ---------------------------------------------------------------------------------------------
// Errors and XML.
// ---------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

/** ChangeResourceRecordSets' own error document for a refused batch. */
class InvalidChangeBatchError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function el(name: string, content: string | number | boolean): string {
  return `<${name}>${typeof content === 'string' ? content : String(content)}</${name}>`;
}

function text(name: string, value: string): string {
  return el(name, escapeXml(value));
}

function requestId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function xmlReply(status: number, root: string, inner: string, date: Date, id = requestId()): FakeReply {
  return {
    status,
    headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': id, Date: date.toUTCString() },
    body: `<?xml version="1.0"?>\n<${root} xmlns="${ROUTE53_XMLNS}">${inner}</${root}>`,
  };
}

/** An `<ErrorResponse>` answer, e.g. for fault injection: route53ErrorReply(400, 'Throttling', 'Rate exceeded'). */
export function route53ErrorReply(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender', date = new Date()): FakeReply {
  const id = requestId();
  return xmlReply(status, 'ErrorResponse', `<Error>${text('Type', type)}${text('Code', code)}${text('Message', message)}</Error>${text('RequestId', id)}`, date, id);
}

/** The `<InvalidChangeBatch>` answer ChangeResourceRecordSets gives for a refused batch. */
export function invalidChangeBatchReply(messages: string[], date = new Date()): FakeReply {
  const id = requestId();
  return xmlReply(400, 'InvalidChangeBatch', `<Messages>${messages.map((message) => text('Message', message)).join('')}</Messages>${text('RequestId', id)}`, date, id);
}

function newZoneId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `Z${[...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

function newChangeId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `C${[...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/** Lower-case, fully qualified with the trailing dot, as Route 53 stores names. */
function normalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Route 53's sort key: labels reversed ("www.example.com." → "com.example.www."). */
function reversedName(name: string): string {
  const labels = normalName(name).slice(0, -1).split('.');
  return `${labels.reverse().join('.')}.`;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRecordSets(a: FakeRecordSet, b: FakeRecordSet): number {
  return (
    compareBytes(reversedName(a.name), reversedName(b.name)) ||
    compareBytes(a.type, b.type) ||
    compareBytes(a.setIdentifier ?? '', b.setIdentifier ?? '')
  );
}

function recordSetXml(set: FakeRecordSet): string {
  const parts = [text('Name', set.name), text('Type', set.type)];
  if (set.setIdentifier !== undefined) parts.push(text('SetIdentifier', set.setIdentifier));
  if (set.weight !== undefined) parts.push(el('Weight', set.weight));
  if (set.alias !== undefined) {
    parts.push(
      `<AliasTarget>${text('HostedZoneId', set.alias.hostedZoneId)}${text('DNSName', set.alias.dnsName)}${el('EvaluateTargetHealth', false)}</AliasTarget>`,
    );
  } else {
    if (set.ttl !== undefined) parts.push(el('TTL', set.ttl));
    parts.push(`<ResourceRecords>${set.values.map((value) => `<ResourceRecord>${text('Value', value)}</ResourceRecord>`).join('')}</ResourceRecords>`);
  }
  return `<ResourceRecordSet>${parts.join('')}</ResourceRecordSet>`;
}

function describeSet(name: string, type: string): string {
  return `[name='${name}', type='${type}']`;
}

function validValue(type: string, value: string): string | undefined {
  if (type === 'A' && !isIPv4(value)) return `ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}'`;
  if (type === 'AAAA' && !isIPv6(value)) return `AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}'`;
  return undefined;
}

const SUPPORTED_TYPES = new Set(['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'SOA', 'SRV', 'TXT']);

const bodyParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['Change', 'ResourceRecord'].includes(name),
});

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function invalidInput(message: string): ApiError {
  return new ApiError(400, 'InvalidInput', message);
}

interface ParsedChange {
  action: string;
  name: string;
  type: string;
  ttl: number | undefined;
  values: string[];
}

/** Reads a ChangeResourceRecordSetsRequest document; throws InvalidInput for anything else. */
function parseChangeBatch(body: string): { comment: string | undefined; changes: ParsedChange[] } {
  let document: Record<string, unknown> | undefined;
  try {
    document = asRecord(bodyParser.parse(body, true));
  } catch (error) {
    throw invalidInput(`Invalid XML ; ${(error as Error).message}`);
  }
  const root = asRecord(document?.['ChangeResourceRecordSetsRequest']);
  if (root === undefined) throw invalidInput('Invalid XML ; the root element must be ChangeResourceRecordSetsRequest');
  if (root['@_xmlns'] !== ROUTE53_XMLNS) throw invalidInput(`Invalid XML ; the namespace must be ${ROUTE53_XMLNS}`);
  const batch = asRecord(root['ChangeBatch']);
  const changeList = asRecord(batch?.['Changes'])?.['Change'];
  if (batch === undefined || !Array.isArray(changeList) || changeList.length === 0) {
    throw invalidInput('Invalid XML ; ChangeBatch must hold Changes with at least one Change');
  }
  const comment = typeof batch['Comment'] === 'string' ? batch['Comment'] : undefined;
  const changes = changeList.map((item: unknown): ParsedChange => {
    const change = asRecord(item);
    const action = change?.['Action'];
    const set = asRecord(change?.['ResourceRecordSet']);
    if (typeof action !== 'string' || !['CREATE', 'DELETE', 'UPSERT'].includes(action)) {
      throw invalidInput(`Invalid XML ; Action must be one of CREATE, DELETE, UPSERT, not '${String(action)}'`);
    }
    const name = set?.['Name'];
    const type = set?.['Type'];
    if (typeof name !== 'string' || name === '' || typeof type !== 'string' || !SUPPORTED_TYPES.has(type)) {
      throw invalidInput('Invalid XML ; ResourceRecordSet needs a Name and a valid Type');
    }
    const ttlText = set?.['TTL'];
    const records = asRecord(set?.['ResourceRecords'])?.['ResourceRecord'];
    if (ttlText === undefined || !Array.isArray(records)) {
      throw invalidInput(
        `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=${action}, Name=${name}, Type=${type}, SetIdentifier=null]`,
      );
    }
    const ttl = typeof ttlText === 'string' && /^\d+$/.test(ttlText) ? Number(ttlText) : Number.NaN;
    if (!Number.isSafeInteger(ttl) || ttl > MAX_TTL) throw invalidInput(`Invalid XML ; TTL '${String(ttlText)}' is not a number between 0 and ${MAX_TTL}`);
    const values = records.map((record: unknown) => {
      const value = asRecord(record)?.['Value'];
      if (typeof value !== 'string') throw invalidInput('Invalid XML ; every ResourceRecord needs a Value');
      return value;
    });
    return { action, name: normalName(name), type, ttl, values };
  });
  return { comment, changes };
}

// ---------------------------------------------------------------------------------------------
// The fake.
// ---------------------------------------------------------------------------------------------

export async function startFakeRoute53(options: FakeRoute53Options): Promise<FakeRoute53> {
  const zones: FakeRoute53Zone[] = options.zones.map((seed) => ({ id: seed.id ?? newZoneId(), name: normalName(seed.name), private: seed.private ?? false }));
  const sets: FakeRecordSet[] = [];
  const changes: FakeChange[] = [];
  const denied = new Set<Route53Action>();
  let clockOffsetMs = 0;
  let rejected = 0;
  const serverNow = () => new Date(Date.now() + clockOffsetMs);

  for (const zone of zones) {
    const apex = zone.name;
    sets.push({ zone: zone.id, name: apex, type: 'NS', ttl: 172_800, values: ['ns-1.awsdns-00.com.', 'ns-2.awsdns-00.net.'] });
    sets.push({
      zone: zone.id,
      name: apex,
      type: 'SOA',
      ttl: 900,
      values: ['ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400'],
    });
  }

  function zoneByNameOrId(nameOrId: string, wantPrivate = false): FakeRoute53Zone {
    const zone =
      zones.find((candidate) => candidate.id === nameOrId) ??
      zones.find((candidate) => candidate.name === normalName(nameOrId) && candidate.private === wantPrivate);
    if (zone === undefined) throw new Error(`fake Route 53 has no zone ${nameOrId}`);
    return zone;
  }

  function setsOf(zone: FakeRoute53Zone): FakeRecordSet[] {
    return sets.filter((set) => set.zone === zone.id).sort(compareRecordSets);
  }

  function copy(set: FakeRecordSet): FakeRecordSet {
    return { ...set, values: [...set.values], ...(set.alias ? { alias: { ...set.alias } } : {}) };
  }

  /** Checks the request's SigV4 signature, credentials and timestamp; throws the error AWS would send. */
  function authenticate(request: SeenRequest): void {
    const header = request.headers.authorization;
    if (header === undefined) throw new ApiError(403, 'MissingAuthenticationToken', 'Missing Authentication Token');
    const match = AUTHORIZATION.exec(header);
    if (match === null) {
      throw new ApiError(400, 'IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`);
    }
    const [, accessKeyId = '', day = '', region = '', service = '', signedList = '', signature = ''] = match;
    const credentials = options.credentials.find((candidate) => candidate.accessKeyId === accessKeyId);
    if (credentials === undefined) throw new ApiError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');

    const token = headerValue(request.headers, 'x-amz-security-token');
    const signedHeaders = signedList.split(';');
    if ((credentials.sessionToken ?? undefined) !== token || (token !== undefined && !signedHeaders.includes('x-amz-security-token'))) {
      throw new ApiError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    const amzDate = headerValue(request.headers, 'x-amz-date');
    if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
      throw new ApiError(400, 'IncompleteSignature', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
    }
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
      throw new ApiError(403, 'SignatureDoesNotMatch', `'Host' or 'x-amz-date' must be a 'SignedHeader' in the AWS Authorization.`);
    }
    if (day !== amzDate.slice(0, 8)) {
      throw new ApiError(403, 'SignatureDoesNotMatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${day}' != '${amzDate.slice(0, 8)}'`);
    }
    if (region !== REGION) throw new ApiError(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${region}'. `);
    if (service !== SERVICE) throw new ApiError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: '${SERVICE}'. `);

    const requestTime = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const now = serverNow();
    const stamp = (time: number) => new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    if (requestTime < now.getTime() - MAX_CLOCK_SKEW_MS) {
      throw new ApiError(403, 'SignatureDoesNotMatch', `Signature expired: ${amzDate} is now earlier than ${stamp(now.getTime() - MAX_CLOCK_SKEW_MS)} (${stamp(now.getTime())} - 5 min.)`);
    }
    if (requestTime > now.getTime() + MAX_CLOCK_SKEW_MS) {
      throw new ApiError(403, 'SignatureDoesNotMatch', `Signature not yet current: ${amzDate} is still later than ${stamp(now.getTime() + MAX_CLOCK_SKEW_MS)} (${stamp(now.getTime())} + 5 min.)`);
    }

    const expected = sigV4Signature(
      { method: request.method, path: request.path, query: request.query, headers: request.headers as Record<string, string | string[] | undefined>, body: request.body },
      signedHeaders,
      credentials.secretAccessKey,
      amzDate,
      { region: REGION, service: SERVICE },
    );
    if (!timingSafeEqual(Buffer.from(expected.signature), Buffer.from(signature))) {
      throw new ApiError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
    }
  }

  function authorize(action: Route53Action, resource: string): void {
    if (!denied.has(action)) return;
    throw new ApiError(
      403,
      'AccessDenied',
      `User: arn:aws:iam::${ACCOUNT_ID}:user/ddns is not authorized to perform: route53:${action} on resource: ${resource} because no identity-based policy allows the route53:${action} action`,
    );
  }

  function zoneForRequest(id: string): FakeRoute53Zone {
    const zone = zones.find((candidate) => candidate.id === id);
    if (zone === undefined) throw new ApiError(404, 'NoSuchHostedZone', `No hosted zone found with ID: ${id}`);
    return zone;
  }

  function maxItems(query: URLSearchParams, limit: number): number {
    const raw = query.get('maxitems');
    if (raw === null) return limit;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw invalidInput(`1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint`);
    return Math.min(Number(raw), limit);
  }

  function listHostedZonesByName(query: URLSearchParams): FakeReply {
    const dnsName = query.get('dnsname');
    const hostedZoneId = query.get('hostedzoneid');
    if (hostedZoneId !== null && dnsName === null) throw invalidInput('hostedzoneid may be given only together with dnsname');
    const limit = maxItems(query, 100);
    const ordered = [...zones].sort((a, b) => compareBytes(reversedName(a.name), reversedName(b.name)) || compareBytes(a.id, b.id));
    const startKey = dnsName === null ? '' : reversedName(dnsName);
    const startIndex = ordered.findIndex((zone) => {
      const order = compareBytes(reversedName(zone.name), startKey);
      return order > 0 || (order === 0 && (hostedZoneId === null || compareBytes(zone.id, hostedZoneId) >= 0));
    });
    const from = startIndex < 0 ? ordered.length : startIndex;
    const page = ordered.slice(from, from + limit);
    const next = ordered[from + limit];
    const zoneXml = page
      .map((zone) =>
        [
          '<HostedZone>',
          text('Id', `/hostedzone/${zone.id}`),
          text('Name', zone.name),
          text('CallerReference', `ddns-fake-${zone.id}`),
          `<Config>${text('Comment', 'fake zone')}${el('PrivateZone', zone.private)}</Config>`,
          el('ResourceRecordSetCount', setsOf(zone).length),
          '</HostedZone>',
        ].join(''),
      )
      .join('');
    const inner = [
      page.length === 0 ? '<HostedZones/>' : `<HostedZones>${zoneXml}</HostedZones>`,
      dnsName === null ? '' : text('DNSName', dnsName),
      hostedZoneId === null ? '' : text('HostedZoneId', hostedZoneId),
      el('IsTruncated', next !== undefined),
      next === undefined ? '' : text('NextDNSName', next.name) + text('NextHostedZoneId', next.id),
      el('MaxItems', limit),
    ].join('');
    return xmlReply(200, 'ListHostedZonesByNameResponse', inner, serverNow());
  }

  function listResourceRecordSets(zone: FakeRoute53Zone, query: URLSearchParams): FakeReply {
    const name = query.get('name');
    const type = query.get('type');
    if (type !== null && name === null) throw invalidInput('The input is not valid: type requires name');
    if (type !== null && !SUPPORTED_TYPES.has(type)) throw invalidInput(`Invalid type: ${type}`);
    const limit = maxItems(query, 300);
    const ordered = setsOf(zone);
    const startKey = name === null ? '' : reversedName(name);
    // AWS: "the first resource record set whose name is greater than or equal to name, and whose
    // type is greater than or equal to type" — a position in the ordered list, not a filter.
    const startIndex = ordered.findIndex((set) => {
      const order = compareBytes(reversedName(set.name), startKey);
      return order > 0 || (order === 0 && (type === null || compareBytes(set.type, type) >= 0));
    });
    const from = startIndex < 0 ? ordered.length : startIndex;
    const page = ordered.slice(from, from + limit);
    const next = ordered[from + limit];
    const inner = [
      page.length === 0 ? '<ResourceRecordSets/>' : `<ResourceRecordSets>${page.map(recordSetXml).join('')}</ResourceRecordSets>`,
      el('IsTruncated', next !== undefined),
      next === undefined
        ? ''
        : text('NextRecordName', next.name) + text('NextRecordType', next.type) + (next.setIdentifier === undefined ? '' : text('NextRecordIdentifier', next.setIdentifier)),
      el('MaxItems', limit),
    ].join('');
    return xmlReply(200, 'ListResourceRecordSetsResponse', inner, serverNow());
  }

  function changeResourceRecordSets(zone: FakeRoute53Zone, body: string): FakeReply {
    const { comment, changes: requested } = parseChangeBatch(body);
    // Validate the whole batch against a working copy first: Route 53 applies all changes or none.
    const working = sets.filter((set) => set.zone === zone.id).map(copy);
    const problems: string[] = [];
    for (const change of requested) {
      if (change.name !== zone.name && !change.name.endsWith(`.${zone.name}`)) {
        problems.push(`RRSet with DNS name ${change.name} is not permitted in zone ${zone.name}`);
        continue;
      }
      const badValue = change.values.map((value) => validValue(change.type, value)).find((problem) => problem !== undefined);
      if (badValue !== undefined) {
        problems.push(`Invalid Resource Record: 'FATAL problem: ${badValue}'`);
        continue;
      }
      const index = working.findIndex((set) => set.name === change.name && set.type === change.type && set.setIdentifier === undefined);
      const existing = index < 0 ? undefined : working[index];
      if (change.action === 'CREATE' && existing !== undefined) {
        problems.push(`Tried to create resource record set ${describeSet(change.name, change.type)} but it already exists`);
      } else if (change.action === 'DELETE' && existing === undefined) {
        problems.push(`Tried to delete resource record set ${describeSet(change.name, change.type)} but it was not found`);
      } else if (change.action === 'DELETE' && existing !== undefined) {
        if (existing.ttl !== change.ttl || existing.values.join('\n') !== change.values.join('\n')) {
          problems.push(`Tried to delete resource record set ${describeSet(change.name, change.type)} but the values provided do not match the current values`);
        } else {
          working.splice(index, 1);
        }
      } else {
        const next: FakeRecordSet = { zone: zone.id, name: change.name, type: change.type, ttl: change.ttl, values: [...change.values] };
        if (existing === undefined) working.push(next);
        else working[index] = next;
      }
    }
    if (problems.length > 0) throw new InvalidChangeBatchError(problems);

    for (let i = sets.length - 1; i >= 0; i--) if (sets[i]?.zone === zone.id) sets.splice(i, 1);
    sets.push(...working);
    const submittedAt = serverNow().toISOString();
    const change: FakeChange = { id: newChangeId(), zone: zone.id, submittedAt, comment, changes: requested };
    changes.push(change);
    // The real service answers PENDING: the change still has to reach its name servers.
    const inner = `<ChangeInfo>${text('Id', `/change/${change.id}`)}${text('Status', 'PENDING')}${text('SubmittedAt', submittedAt)}${
      comment === undefined ? '' : text('Comment', comment)
    }</ChangeInfo>`;
    return xmlReply(200, 'ChangeResourceRecordSetsResponse', inner, serverNow());
  }

  function getChange(id: string): FakeReply {
    const change = changes.find((candidate) => candidate.id === id);
    if (change === undefined) throw new ApiError(404, 'NoSuchChange', `Could not find resource with ID: ${id}`);
    const inner = `<ChangeInfo>${text('Id', `/change/${change.id}`)}${text('Status', 'INSYNC')}${text('SubmittedAt', change.submittedAt)}</ChangeInfo>`;
    return xmlReply(200, 'GetChangeResponse', inner, serverNow());
  }

  function route(request: SeenRequest): FakeReply {
    if (!request.path.startsWith(`${API_PREFIX}/`)) throw new ApiError(404, 'UnknownOperation', `No operation at ${request.path}`);
    try {
      authenticate(request);
    } catch (error) {
      rejected += 1;
      throw error;
    }
    const segments = request.path.slice(API_PREFIX.length + 1).replace(/\/$/, '').split('/').map(decodeURIComponent);
    const [collection, id, sub, ...rest] = segments;
    if (collection === 'hostedzonesbyname' && id === undefined && request.method === 'GET') {
      authorize('ListHostedZonesByName', '*');
      return listHostedZonesByName(request.query);
    }
    if (collection === 'hostedzone' && id !== undefined && sub === 'rrset' && rest.length === 0) {
      if (request.method === 'GET') {
        authorize('ListResourceRecordSets', `arn:aws:route53:::hostedzone/${id}`);
        return listResourceRecordSets(zoneForRequest(id), request.query);
      }
      if (request.method === 'POST') {
        authorize('ChangeResourceRecordSets', `arn:aws:route53:::hostedzone/${id}`);
        return changeResourceRecordSets(zoneForRequest(id), request.body);
      }
    }
    if (collection === 'change' && id !== undefined && sub === undefined && request.method === 'GET') {
      authorize('GetChange', `arn:aws:route53:::change/${id}`);
      return getChange(id);
    }
    throw new ApiError(404, 'UnknownOperation', `No operation ${request.method} ${request.path}`);
  }

  const server = await startFakeServer((request) => {
    try {
      return route(request);
    } catch (error) {
      if (error instanceof InvalidChangeBatchError) return invalidChangeBatchReply(error.messages, serverNow());
      if (error instanceof ApiError) return route53ErrorReply(error.status, error.code, error.message, error.type, serverNow());
      throw error;
    }
  });

  return {
    url: server.url,
    server,
    zones: () => zones.map((zone) => ({ ...zone })),
    zoneId: (name, zoneOptions = {}) => zoneByNameOrId(name, zoneOptions.private ?? false).id,
    recordSets: (listOptions = {}) =>
      [...sets]
        .sort(compareRecordSets)
        .filter((set) => listOptions.includeApex === true || !(['NS', 'SOA'].includes(set.type) && zones.some((zone) => zone.id === set.zone && zone.name === set.name)))
        .map(copy),
    addRecordSet(seed) {
      const zone = zoneByNameOrId(seed.zone);
      const name = normalName(seed.name);
      if (name !== zone.name && !name.endsWith(`.${zone.name}`)) throw new Error(`${name} is not inside ${zone.name}`);
      const set: FakeRecordSet = {
        zone: zone.id,
        name,
        type: seed.type,
        ttl: seed.alias === undefined ? (seed.ttl ?? 300) : undefined,
        values: seed.alias === undefined ? [...(seed.values ?? [])] : [],
        ...(seed.setIdentifier === undefined ? {} : { setIdentifier: seed.setIdentifier }),
        ...(seed.weight === undefined ? {} : { weight: seed.weight }),
        ...(seed.alias === undefined ? {} : { alias: { ...seed.alias } }),
      };
      sets.push(set);
      return copy(set);
    },
    changes: () => changes.map((change) => ({ ...change, changes: change.changes.map((item) => ({ ...item, values: [...item.values] })) })),
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    deny(action) {
      denied.add(action);
    },
    rejectedRequests: () => rejected,
    close: () => server.close(),
  };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
