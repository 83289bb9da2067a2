import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, plainName, recordSetContent, recordSetValues, type FakeRecord, type FakeZone } from '../../../test/helpers/fake-zone-store.js';
import { jsonObjectOf, runningFake } from '../../../test/helpers/fake-per-test.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of Google's OAuth token endpoint (`POST /token`, the JWT-bearer grant: the assertion's
 * RS256 signature checked with the service account's public key, its iss, aud, scope, iat and exp)
 * and of Cloud DNS API v1 (WIRE.md in this folder): every request needs a token it issued; managed
 * zones paged by maxResults/pageToken and filtered by dnsName; record sets listed by name and
 * type, created with POST (409 when one exists) and changed with PATCH; Google's error envelope.
 */
export interface FakeGcloudOptions {
  project: string;
  clientEmail: string;
  /** The service account's public key: the assertion's signature must verify with it. */
  publicKey: KeyObject;
  /** What the assertion's `aud` must say (the key's token_uri); default: this fake's own `{url}/token`. */
  audience?: string;
  zones: (string | { dnsName: string; visibility?: 'public' | 'private' })[];
  /** `expires_in` of issued tokens (Google: 3599). */
  tokenLifetimeSeconds?: number;
  /** What issued tokens start with (each ends in a counter). */
  tokenPrefix?: string;
  /** The caller has no role in the project: every DNS request is 403 forbidden. */
  noRole?: boolean;
  /** The Cloud DNS API is not enabled in the project: 403 accessNotConfigured. */
  apiDisabled?: boolean;
}

export interface RunningGcloudFake extends RunningFake {
  tokensIssued(): number;
  /** The claims of every assertion that verified. */
  assertions: Record<string, unknown>[];
}

const SCOPES = ['https://www.googleapis.com/auth/ndev.clouddns.readwrite', 'https://www.googleapis.com/auth/cloud-platform'];
const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** How far iat may be from the fake's clock (Google does not publish its leeway). */
const LEEWAY_S = 300;
/** The fake's own clock, taken before any test moves Date.now to play a client whose clock is off. */
const serverNow = Date.now;

class GrantError extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

const REASON_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 429: 'RESOURCE_EXHAUSTED' };

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const PROJECT_PATH = /^\/dns\/v1\/projects\/([^/]+)\/managedZones(?:\/([^/]+)\/rrsets(?:\/([^/]+)\/([^/]+))?)?$/;

function decodedJson(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A service account's JSON key as the console downloads it, made for a test: a fresh 2048-bit RSA pair. */
export function fakeServiceAccountKey(options: { project: string; clientEmail: string }): { json: (tokenUri: string) => string; privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const json = (tokenUri: string) => JSON.stringify({
    type: 'service_account',
    project_id: options.project,
    private_key_id: '1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c',
    private_key: privateKeyPem,
    client_email: options.clientEmail,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(options.clientEmail)}`,
    universe_domain: 'googleapis.com',
  });
  return { json, privateKeyPem, publicKey };
}

/** The managed zone's name as the console derives it from the DNS name: "example.com" → "example-com". */
export function managedZoneName(dnsName: string): string {
  return plainName(dnsName).replace(/\./g, '-');
}

export async function startFakeGcloud(options: FakeGcloudOptions): Promise<RunningGcloudFake> {
  const zoneOptions = options.zones.map((zone) => (typeof zone === 'string' ? { dnsName: zone, visibility: 'public' as const } : { visibility: 'public' as const, ...zone }));
  const store = new FakeZoneStore({ zones: zoneOptions.map((zone, index) => ({ name: zone.dnsName, id: String(1_000_000 + index) })), defaultTtl: 300 });
  const visibility = new Map(zoneOptions.map((zone) => [plainName(zone.dnsName), zone.visibility]));
  const tokens = new Set<string>();
  const assertions: Record<string, unknown>[] = [];
  let issued = 0;
  let base = '';

  function checkAssertion(assertion: string): void {
    const [header, claims, signature] = assertion.split('.');
    const head = decodedJson(header);
    const body = decodedJson(claims);
    if (head === undefined || body === undefined || signature === undefined || assertion.split('.').length !== 3) throw new GrantError('invalid_grant', 'Invalid JWT: Failed to parse the JWT.');
    if (head['alg'] !== 'RS256') throw new GrantError('invalid_grant', 'Invalid JWT Signature.');
    // The account is looked up first: its public keys are what the signature is checked against.
    if (body['iss'] !== options.clientEmail) throw new GrantError('invalid_grant', 'Invalid grant: account not found');
    if (!verify('sha256', Buffer.from(`${header}.${claims}`), options.publicKey, Buffer.from(signature, 'base64url'))) throw new GrantError('invalid_grant', 'Invalid JWT Signature.');
    if (body['aud'] !== (options.audience ?? `${base}/token`)) throw new GrantError('invalid_grant', 'Invalid JWT: Failed audience check.');
    const scopes = typeof body['scope'] === 'string' ? body['scope'].split(' ') : [];
    if (!scopes.some((scope) => SCOPES.includes(scope))) throw new GrantError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const { iat, exp } = body;
    const now = serverNow() / 1000;
    if (typeof iat !== 'number' || typeof exp !== 'number' || Math.abs(iat - now) > LEEWAY_S || exp <= now || exp - iat > 3600) {
      throw new GrantError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    assertions.push(body);
  }

  function issueToken(request: SeenRequest): FakeReply {
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== GRANT) throw new GrantError('unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    checkAssertion(form.get('assertion') ?? '');
    issued += 1;
    const token = `${options.tokenPrefix ?? 'ya29.c.fake'}.${issued}`;
    tokens.add(token);
    return { status: 200, body: { access_token: token, expires_in: options.tokenLifetimeSeconds ?? 3599, token_type: 'Bearer' } };
  }

  const zoneResource = (zone: FakeZone) => ({
    kind: 'dns#managedZone',
    name: managedZoneName(zone.name),
    dnsName: `${zone.name}.`,
    id: zone.id,
    description: '',
    nameServers: ['ns-cloud-a1.googledomains.com.', 'ns-cloud-a2.googledomains.com.'],
    creationTime: '2024-01-01T00:00:00.000Z',
    visibility: visibility.get(zone.name) ?? 'public',
  });
  const rrset = (record: FakeRecord) => ({ kind: 'dns#resourceRecordSet', name: `${record.name}.`, type: record.type, ttl: record.ttl, rrdatas: recordSetValues(record) });

  const paged = <T>(request: SeenRequest, items: readonly T[], fallback: number): { slice: T[]; next: string | undefined } => {
    const size = Math.min(Number(request.query.get('maxResults') ?? fallback), fallback);
    if (!Number.isInteger(size) || size < 1) throw new ApiError(400, 'invalid', "Invalid value for 'maxResults'");
    const start = Number(request.query.get('pageToken') ?? 0);
    if (!Number.isInteger(start) || start < 0) throw new ApiError(400, 'invalid', "Invalid value for 'pageToken'");
    return { slice: items.slice(start, start + size), next: start + size < items.length ? String(start + size) : undefined };
  };

  const setFields = (body: Record<string, unknown>, zone: FakeZone, partial: boolean) => {
    const { name, type, ttl, rrdatas } = body;
    if (typeof name !== 'string' || !name.endsWith('.')) throw new ApiError(400, 'invalid', "Invalid value for 'entity.rrset.name'");
    const fqdn = plainName(name);
    if (fqdn !== zone.name && !fqdn.endsWith(`.${zone.name}`)) throw new ApiError(400, 'invalid', `Invalid value for 'entity.rrset.name': '${name}'`);
    if (type !== 'A' && type !== 'AAAA') throw new ApiError(400, 'invalid', "Invalid value for 'entity.rrset.type'");
    if ((ttl !== undefined || !partial) && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0)) throw new ApiError(400, 'invalid', "Invalid value for 'entity.rrset.ttl'");
    const values = rrdatas === undefined && partial ? undefined : rrdatas;
    if (values !== undefined) {
      const valid = Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':')));
      if (!valid) throw new ApiError(400, 'invalid', "Invalid value for 'entity.rrset.rrdata'");
    }
    return { name: fqdn, type, ttl: typeof ttl === 'number' ? ttl : undefined, values: values as string[] | undefined };
  };

  function dns(request: SeenRequest): FakeReply {
    if (!tokens.has((request.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      throw new ApiError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    const match = PROJECT_PATH.exec(request.path);
    if (match === null) throw new ApiError(404, 'notFound', 'Not Found');
    const [, project, zoneText, nameText, typeText] = match.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    if (options.apiDisabled === true) throw new ApiError(403, 'accessNotConfigured', `Cloud DNS API has not been used in project ${project ?? ''} before or it is disabled.`);
    if (project !== options.project || options.noRole === true) throw new ApiError(403, 'forbidden', `Forbidden: the caller does not have permission dns.managedZones.list on project ${project ?? ''}`);
    if (zoneText === undefined) {
      if (request.method !== 'GET') throw new ApiError(405, 'notAllowed', 'Method not allowed');
      const dnsName = request.query.get('dnsName');
      const zones = store.zones().filter((zone) => dnsName === null || `${zone.name}.` === dnsName.toLowerCase());
      const { slice, next } = paged(request, zones, 1000);
      return { status: 200, body: { kind: 'dns#managedZonesListResponse', managedZones: slice.map(zoneResource), ...(next === undefined ? {} : { nextPageToken: next }) } };
    }
    const zone = store.zones().find((candidate) => managedZoneName(candidate.name) === zoneText || candidate.id === zoneText);
    if (zone === undefined) throw new ApiError(404, 'notFound', `The 'parameters.managedZone' resource named '${zoneText}' does not exist.`);
    if (nameText === undefined && request.method === 'GET') {
      const name = request.query.get('name');
      const type = request.query.get('type');
      if (type !== null && name === null) throw new ApiError(400, 'invalid', "Invalid value for 'parameters.name': a type filter needs a name");
      // The name filter takes the fully qualified name with its dot.
      const records = store.records({ zone: zone.name, ...(type === null ? {} : { type }) }).filter((record) => name === null || `${record.name}.` === name.toLowerCase());
      const { slice, next } = paged(request, records, 1000);
      return { status: 200, body: { kind: 'dns#resourceRecordSetsListResponse', rrsets: slice.map(rrset), ...(next === undefined ? {} : { nextPageToken: next }) } };
    }
    if (nameText === undefined && request.method === 'POST') {
      const fields = setFields(jsonObjectOf(request.body, () => new ApiError(400, 'parseError', 'Parse Error')), zone, false);
      if (store.records({ zone: zone.name, name: fields.name, type: fields.type }).length > 0) {
        throw new ApiError(409, 'alreadyExists', `The resource 'entity.rrset' named '${fields.name}. (${fields.type})' already exists`);
      }
      const created = store.create({ zone: zone.name, name: fields.name, type: fields.type, content: recordSetContent(fields.values ?? []), ...(fields.ttl === undefined ? {} : { ttl: fields.ttl }) });
      return { status: 200, body: rrset(created) };
    }
    if (nameText !== undefined && typeText !== undefined && request.method === 'PATCH') {
      const [existing] = store.records({ zone: zone.name, name: plainName(nameText), type: typeText });
      if (existing === undefined || !nameText.endsWith('.')) throw new ApiError(404, 'notFound', `The 'parameters.name' resource named '${nameText}' does not exist.`);
      const fields = setFields({ name: nameText, type: typeText, ...jsonObjectOf(request.body, () => new ApiError(400, 'parseError', 'Parse Error')) }, zone, true);
      const updated = store.update(existing.id, { ...(fields.values === undefined ? {} : { content: recordSetContent(fields.values) }), ...(fields.ttl === undefined ? {} : { ttl: fields.ttl }) });
      return { status: 200, body: rrset(updated ?? existing) };
    }
    throw new ApiError(405, 'notAllowed', 'Method not allowed');
  }

  const server = await startFakeServer((request) => {
    try {
      return request.path === '/token' ? issueToken(request) : dns(request);
    } catch (error) {
      if (error instanceof GrantError) return { status: 400, body: { error: error.error, error_description: error.message } };
      if (error instanceof ApiError) {
        const errors = [{ domain: 'global', reason: error.reason, message: error.message }];
        return { status: error.status, body: { error: { code: error.status, message: error.message, errors, status: REASON_STATUS[error.status] ?? 'FAILED_PRECONDITION' } } };
      }
      throw error;
    }
  });
  base = server.url;
  return {
    ...runningFake(server, store),
    tokensIssued: () => issued,
    assertions,
  };
}
