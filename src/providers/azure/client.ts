import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { readJsonAnswer, sendJson } from '../json-api.js';
import { AccessTokenCache, requestAccessToken, type OAuthRefusal } from '../oauth-token.js';

/** Wire client for Azure DNS through Azure Resource Manager (WIRE.md in this folder). */
export const ARM_BASE = 'https://management.azure.com';
export const LOGIN_BASE = 'https://login.microsoftonline.com';
export const API_VERSION = '2018-05-01';
/** The token's audience: Azure Resource Manager, with the app's statically granted roles. */
export const ARM_SCOPE = 'https://management.azure.com/.default';
/** Zones per page of the resource group's listing (`$top`; the API's default and documented page). */
export const ZONE_PAGE_SIZE = 100;

const SECRET_HINT = "check client_secret: it must be the secret's Value, not its Secret ID (Entra admin center → App registrations → the app → Certificates & secrets)";
const ROLE_HINT = 'give the app the "DNS Zone Contributor" role on the resource group (Azure portal → the resource group → Access control (IAM))';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.optional(z.string()) }) });

const zoneSchema = z.object({ id: z.string(), name: z.string().check(z.minLength(1)) });
export type AzureZone = z.infer<typeof zoneSchema>;
const zoneListSchema = z.object({ value: z.array(zoneSchema), nextLink: z.nullish(z.string()) });

const recordSetSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  type: z.string(),
  properties: z.object({
    TTL: z.nullish(z.number()),
    fqdn: z.optional(z.string()),
    ARecords: z.optional(z.array(z.object({ ipv4Address: z.string() }))),
    AAAARecords: z.optional(z.array(z.object({ ipv6Address: z.string() }))),
  }),
});
export type AzureRecordSet = z.infer<typeof recordSetSchema>;

export interface AzureCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
  resourceGroup: string;
}

export interface AzureClientOptions extends AzureCredentials {
  http: HttpClient;
  /** Replaces both https://login.microsoftonline.com and https://management.azure.com. */
  endpoint: string | undefined;
}

/** The record set's addresses, whichever type it is. */
export function addressesOf(set: AzureRecordSet): string[] {
  return [...(set.properties.ARecords ?? []).map((record) => record.ipv4Address), ...(set.properties.AAAARecords ?? []).map((record) => record.ipv6Address)];
}

export class AzureClient {
  private readonly armBase: string;
  private readonly loginBase: string;
  private readonly token: AccessTokenCache;
  private readonly groupPath: string;

  constructor(private readonly options: AzureClientOptions) {
    const override = options.endpoint?.replace(/\/+$/, '');
    this.armBase = override ?? ARM_BASE;
    this.loginBase = override ?? LOGIN_BASE;
    this.groupPath = `/subscriptions/${encodeURIComponent(options.subscriptionId)}/resourceGroups/${encodeURIComponent(options.resourceGroup)}/providers/Microsoft.Network/dnsZones`;
    this.token = new AccessTokenCache(() => this.fetchToken());
  }

  /** One page of the resource group's zones: the first (`nextLink` ''), or the one `nextLink` names. */
  async listZones(nextLink: string): Promise<{ items: AzureZone[]; next: string | undefined }> {
    const url = nextLink !== '' ? nextLink : `${this.armBase}${this.groupPath}?api-version=${API_VERSION}&$top=${ZONE_PAGE_SIZE}`;
    const answer = readJsonAnswer(zoneListSchema, await this.send('GET', url, undefined, 'GET …/dnsZones'), 'Azure DNS GET …/dnsZones');
    const next = answer.nextLink ?? undefined;
    if (next !== undefined && !next.startsWith(`${this.armBase}/`)) {
      throw providerErrorWithout(this.secrets(), 'protocol', `Azure DNS GET …/dnsZones: nextLink leaves ${this.armBase} (${describeBody(next)}); is endpoint right?`);
    }
    return { items: answer.value, next };
  }

  /** The record set, or undefined when it does not exist. */
  async getRecordSet(zone: string, type: string, relativeName: string): Promise<AzureRecordSet | undefined> {
    const request = `GET …/dnsZones/${zone}/${type}/…`;
    const response = await this.send('GET', this.recordSetUrl(zone, type, relativeName), undefined, request, true);
    return response === undefined ? undefined : readJsonAnswer(recordSetSchema, response, `Azure DNS ${request}`);
  }

  /** Creates the record set or replaces it whole (PUT). */
  async putRecordSet(zone: string, type: string, relativeName: string, ttl: number, ip: string): Promise<AzureRecordSet> {
    const records = type === 'AAAA' ? { AAAARecords: [{ ipv6Address: ip }] } : { ARecords: [{ ipv4Address: ip }] };
    const body = { properties: { TTL: ttl, ...records } };
    const request = `PUT …/dnsZones/${zone}/${type}/…`;
    return readJsonAnswer(recordSetSchema, await this.send('PUT', this.recordSetUrl(zone, type, relativeName), body, request), `Azure DNS ${request}`);
  }

  private recordSetUrl(zone: string, type: string, relativeName: string): string {
    return `${this.armBase}${this.groupPath}/${encodeURIComponent(zone)}/${type}/${encodeURIComponent(relativeName)}?api-version=${API_VERSION}`;
  }

  private secrets(): string[] {
    return [this.options.clientSecret];
  }

  private async fetchToken() {
    const { tenantId, clientId, clientSecret } = this.options;
    return requestAccessToken(this.options.http, {
      url: `${this.loginBase}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: ARM_SCOPE },
      service: 'Microsoft Entra ID',
      secrets: this.secrets(),
      refused: (refusal, fail) => entraRefusal(refusal, fail),
    });
  }

  /** The answer of a request that succeeded (2xx/3xx); undefined for a missing record set when `missingIsNone`. */
  private async send(method: string, url: string, body: object | undefined, request: string, missingIsNone: true): Promise<HttpResponse | undefined>;
  private async send(method: string, url: string, body: object | undefined, request: string): Promise<HttpResponse>;
  private async send(method: string, url: string, body: object | undefined, request: string, missingIsNone = false): Promise<HttpResponse | undefined> {
    const token = await this.token.get();
    const response = await sendJson(this.options.http, { method, url, authorization: `Bearer ${token}`, body });
    const what = `Azure DNS ${request}`;
    if (response.status >= 400) {
      const error = parseJsonAs(errorSchema, response.text);
      if (missingIsNone && response.status === 404 && error !== undefined && !MISSING_PARENT.has(error.error.code)) return undefined;
      throw this.failure(response, error, what, token);
    }
    return response;
  }

  private failure(response: HttpResponse, error: z.infer<typeof errorSchema> | undefined, what: string, token: string): ProviderError {
    const { status } = response;
    const code = error?.error.code;
    const said = error === undefined ? describeBody(response.text) : `${error.error.code}: ${firstSentence(error.error.message ?? '')}`.replace(/: $/, '');
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) =>
      providerErrorWithout([...this.secrets(), token], kind, message, { status, code, retryAfterMs });
    const { subscriptionId, resourceGroup } = this.options;
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said}); Azure Resource Manager throttles per subscription`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    if (status === 401) return fail('auth', `Azure Resource Manager rejected the access token (HTTP 401, ${said}): check tenant_id, client_id and client_secret`);
    if (status === 403 || code === 'AuthorizationFailed') return fail('auth', `Azure DNS: the app may not do this (HTTP ${status}, ${code ?? ''}): ${ROLE_HINT}`);
    if (code === 'SubscriptionNotFound' || code === 'InvalidSubscriptionId') return fail('config', `Azure DNS: subscription ${subscriptionId} not found (HTTP ${status}, ${code}): check subscription_id`);
    if (code === 'ResourceGroupNotFound') return fail('config', `Azure DNS: resource group ${resourceGroup} not found (HTTP ${status}, ${code}): check resource_group`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the zone is in resource group ${resourceGroup}`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}

/** 404 codes that mean the zone, group or subscription is missing, not the record set. */
const MISSING_PARENT = new Set(['ResourceNotFound', 'ParentResourceNotFound', 'ResourceGroupNotFound', 'SubscriptionNotFound']);

function firstSentence(message: string): string {
  const line = (message.split(/\r?\n/)[0] ?? '').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Entra's AADSTS codes, each naming the key to fix (https://learn.microsoft.com/entra/identity-platform/reference-error-codes). */
function entraRefusal(refusal: OAuthRefusal, fail: (kind: ProviderErrorKind, message: string) => ProviderError): ProviderError | undefined {
  const code = /^AADSTS(\d+)/.exec(refusal.description)?.[1];
  const refused = `Microsoft Entra ID refused the app (HTTP ${refusal.status}, ${refusal.error}: AADSTS${code ?? '?'})`;
  switch (code) {
    case '7000215':
      return fail('auth', `${refused}: invalid client secret; ${SECRET_HINT}`);
    case '7000222':
      return fail('auth', `${refused}: the client secret has expired; create a new one and update client_secret (App registrations → Certificates & secrets)`);
    case '700016':
      return fail('auth', `${refused}: no such application in the tenant; check client_id (the app's Application (client) ID) and tenant_id`);
    case '90002':
    case '900023':
      return fail('config', `${refused}: no such tenant; check tenant_id (the Directory (tenant) ID)`);
    default:
      return undefined;
  }
}
