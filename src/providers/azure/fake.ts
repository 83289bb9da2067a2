import { randomUUID } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, nameInZone, recordSetContent, recordSetValues, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { jsonObjectOf, runningFake } from '../../../test/helpers/fake-per-test.js';

/**
 * A fake of Microsoft Entra ID's token endpoint and Azure Resource Manager's DNS zones (WIRE.md in
 * this folder), on one server: `POST /{tenant}/oauth2/v2.0/token` checks the tenant, client id,
 * secret, grant and scope and answers Entra's AADSTS refusals; every ARM request must carry a
 * token it issued (and that has not expired) and api-version 2018-05-01; the zones of the resource
 * group are paged by `$top` and `nextLink`; a record set of one name and type is read and PUT whole.
 */
export interface FakeAzureOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
  resourceGroup: string;
  zones: string[];
  /** What the issued tokens start with (each ends in a counter). */
  tokenPrefix?: string;
  /** `expires_in` of issued tokens, seconds (Entra: 3599). */
  tokenLifetimeSeconds?: number;
  /** Every ARM request is refused with 403 AuthorizationFailed (no role on the resource group). */
  noRole?: boolean;
}

export interface RunningAzureFake extends RunningFake {
  /** Token requests answered with a token. */
  tokensIssued(): number;
  /** Ends every token issued so far (ARM answers ExpiredAuthenticationToken). */
  expireTokens(): void;
}

export const API_VERSION = '2018-05-01';
const SCOPE = 'https://management.azure.com/.default';

class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    description: string,
  ) {
    super(description);
  }
}

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const GROUP_PATH = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/dnsZones(?:\/([^/]+)(?:\/([^/]+)\/([^/]+))?)?$/i;

function entraBody(error: EntraError): object {
  const trace = randomUUID();
  return {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.message}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
    error_codes: [error.aadsts],
    timestamp: new Date().toISOString(),
    trace_id: trace,
    correlation_id: randomUUID(),
  };
}

const invalidContent = () => new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');

export async function startFakeAzure(options: FakeAzureOptions): Promise<RunningAzureFake> {
  const store = new FakeZoneStore({ zones: options.zones, defaultTtl: 3600 });
  const tokens = new Map<string, number>();
  let issued = 0;
  let base = '';

  function issueToken(request: SeenRequest): FakeReply {
    const tenant = decodeURIComponent(TOKEN_PATH.exec(request.path)?.[1] ?? '');
    if (request.method !== 'POST') throw new EntraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    if (tenant !== options.tenantId) throw new EntraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) throw new EntraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'client_credentials') throw new EntraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    const clientId = form.get('client_id') ?? '';
    if (clientId !== options.clientId) throw new EntraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    const secret = form.get('client_secret');
    if (secret === null) throw new EntraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (secret !== options.clientSecret) {
      throw new EntraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
    if (form.get('scope') !== SCOPE) throw new EntraError(400, 'invalid_scope', 1002012, `The provided value for scope ${form.get('scope') ?? ''} is not valid.`);
    issued += 1;
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    const token = `${options.tokenPrefix ?? 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake'}.${issued}`;
    tokens.set(token, Date.now() + lifetime * 1000);
    return { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token } };
  }

  function authenticate(request: SeenRequest): void {
    const header = request.headers.authorization;
    if (header === undefined) throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    const expiresAt = header.startsWith('Bearer ') ? tokens.get(header.slice('Bearer '.length)) : undefined;
    if (expiresAt === undefined) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    if (expiresAt <= Date.now()) throw new ArmError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${new Date(expiresAt).toUTCString()}' is earlier than current UTC time '${new Date().toUTCString()}'.`);
  }

  const recordSet = (record: FakeRecord, relativeName: string) => {
    const values = recordSetValues(record);
    const records = record.type === 'AAAA' ? { AAAARecords: values.map((ipv6Address) => ({ ipv6Address })) } : { ARecords: values.map((ipv4Address) => ({ ipv4Address })) };
    return {
      id: `/subscriptions/${options.subscriptionId}/resourceGroups/${options.resourceGroup}/providers/Microsoft.Network/dnszones/${record.zone}/${record.type}/${relativeName}`,
      name: relativeName,
      type: `Microsoft.Network/dnszones/${record.type}`,
      etag: String(record.extra['etag'] ?? randomUUID()),
      properties: { metadata: {}, TTL: record.ttl, fqdn: `${record.name}.`, provisioningState: 'Succeeded', targetResource: {}, ...records },
    };
  };

  const setValues = (body: Record<string, unknown>, type: string): { ttl: number; values: string[] } => {
    const properties = body['properties'];
    if (properties === null || typeof properties !== 'object') throw new ArmError(400, 'BadRequest', 'The record set properties are missing.');
    const { TTL: ttl, ARecords: a, AAAARecords: aaaa } = properties as Record<string, unknown>;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 2_147_483_647) throw new ArmError(400, 'BadRequest', 'The value for the record set TTL is not valid.');
    const list = type === 'A' ? a : aaaa;
    if ((type === 'A' ? aaaa : a) !== undefined) throw new ArmError(400, 'BadRequest', `The record set of type ${type} may not contain records of another type.`);
    if (!Array.isArray(list) || list.length === 0) throw new ArmError(400, 'BadRequest', `The record set of type ${type} must contain at least one record.`);
    const field = type === 'A' ? 'ipv4Address' : 'ipv6Address';
    const values = list.map((entry: unknown) => (entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[field] : undefined));
    const valid = (value: unknown): value is string => typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!values.every(valid)) throw new ArmError(400, 'BadRequest', `The ${field} value is not valid.`);
    return { ttl, values };
  };

  function arm(request: SeenRequest): FakeReply {
    authenticate(request);
    const version = request.query.get('api-version');
    if (version === null) throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    if (version !== API_VERSION) throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid.`);
    const match = GROUP_PATH.exec(request.path);
    if (match === null) throw new ArmError(404, 'InvalidResourceType', 'The resource type could not be found.');
    const [, subscription, group, zoneText, type, nameText] = match.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    if (subscription !== options.subscriptionId) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscription ?? ''}' could not be found.`);
    if (options.noRole === true) {
      throw new ArmError(403, 'AuthorizationFailed', `The client '${options.clientId}' with object id '${options.clientId}' does not have authorization to perform action 'Microsoft.Network/dnsZones/read' over scope '/subscriptions/${subscription}/resourceGroups/${group ?? ''}'.`);
    }
    if (group?.toLowerCase() !== options.resourceGroup.toLowerCase()) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${group ?? ''}' could not be found.`);
    if (zoneText === undefined) {
      if (request.method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', 'The method is not allowed.');
      const top = Number(request.query.get('$top') ?? 100);
      if (!Number.isInteger(top) || top < 1) throw new ArmError(400, 'BadRequest', 'The value of $top is not valid.');
      const skip = Number(request.query.get('$skipToken') ?? 0);
      const zones = store.zones();
      const slice = zones.slice(skip, skip + top);
      const value = slice.map((zone) => ({
        id: `/subscriptions/${subscription}/resourceGroups/${options.resourceGroup}/providers/Microsoft.Network/dnszones/${zone.name}`,
        name: zone.name,
        type: 'Microsoft.Network/dnszones',
        etag: '00000000-0000-0000-0000-000000000000',
        location: 'global',
        tags: {},
        properties: { maxNumberOfRecordSets: 10000, numberOfRecordSets: store.records({ zone: zone.name }).length + 2, nameServers: ['ns1-01.azure-dns.com.', 'ns2-01.azure-dns.net.'], zoneType: 'Public' },
      }));
      const more = skip + top < zones.length;
      return { status: 200, body: { value, ...(more ? { nextLink: `${base}${request.path}?api-version=${API_VERSION}&$top=${top}&$skipToken=${skip + top}` } : {}) } };
    }
    const zone = store.zoneByName(zoneText);
    if (zone === undefined) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.Network/dnszones/${zoneText}' under resource group '${options.resourceGroup}' was not found.`);
    if (type === undefined || nameText === undefined) throw new ArmError(405, 'MethodNotAllowed', 'The method is not allowed.');
    if (type !== 'A' && type !== 'AAAA') throw new ArmError(400, 'BadRequest', `The record type '${type}' is not supported here.`);
    const relativeName = nameText.toLowerCase();
    const name = nameInZone(relativeName, zone.name);
    const [existing] = store.records({ zone: zone.name, name, type });
    if (request.method === 'GET') {
      if (existing === undefined) throw new ArmError(404, 'NotFound', `The resource record '${relativeName}' does not exist in resource group '${options.resourceGroup}' of subscription '${subscription}'.`);
      return { status: 200, body: recordSet(existing, relativeName) };
    }
    if (request.method === 'PUT') {
      const { ttl, values } = setValues(jsonObjectOf(request.body, invalidContent), type);
      const extra = { etag: randomUUID() };
      if (existing === undefined) {
        const created = store.create({ zone: zone.name, name, type, content: recordSetContent(values), ttl, extra });
        return { status: 201, body: recordSet(created, relativeName) };
      }
      const updated = store.update(existing.id, { content: recordSetContent(values), ttl, extra });
      return { status: 200, body: recordSet(updated ?? existing, relativeName) };
    }
    throw new ArmError(405, 'MethodNotAllowed', 'The method is not allowed.');
  }

  const server = await startFakeServer((request) => {
    try {
      return TOKEN_PATH.test(request.path) ? issueToken(request) : arm(request);
    } catch (error) {
      if (error instanceof EntraError) return { status: error.status, body: entraBody(error) };
      if (error instanceof ArmError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
      throw error;
    }
  });
  base = server.url;
  return {
    ...runningFake(server, store),
    tokensIssued: () => issued,
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
  };
}
