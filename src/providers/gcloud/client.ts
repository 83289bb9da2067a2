import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { readJsonAnswer, sendJson } from '../json-api.js';
import { AccessTokenCache, requestAccessToken, type OAuthRefusal } from '../oauth-token.js';
import { DNS_SCOPE, signedAssertion, type ServiceAccountKey } from './service-account.js';

/** Wire client for Google Cloud DNS API v1 (WIRE.md in this folder). */
export const DNS_BASE = 'https://dns.googleapis.com';
/** Zones per page of the project's listing (`maxResults`). */
export const ZONE_PAGE_SIZE = 100;
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const KEY_HINT = 'check the service-account key (key_file): create a new JSON key (IAM & Admin → Service accounts → the account → Keys)';

const errorSchema = z.object({
  error: z.object({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ reason: z.optional(z.string()), message: z.optional(z.string()) }))),
  }),
});
type GoogleError = z.infer<typeof errorSchema>;

const zoneSchema = z.object({ name: z.string().check(z.minLength(1)), dnsName: z.string().check(z.minLength(1)), id: z.optional(z.union([z.string(), z.number()])), visibility: z.optional(z.string()) });
export type ManagedZone = z.infer<typeof zoneSchema>;
const zoneListSchema = z.object({ managedZones: z.optional(z.array(zoneSchema)), nextPageToken: z.optional(z.string()) });

const rrsetSchema = z.object({ name: z.string(), type: z.string(), ttl: z.optional(z.number()), rrdatas: z.optional(z.array(z.string())) });
export type ResourceRecordSet = z.infer<typeof rrsetSchema>;
const rrsetListSchema = z.object({ rrsets: z.optional(z.array(rrsetSchema)), nextPageToken: z.optional(z.string()) });

export interface GcloudClientOptions {
  http: HttpClient;
  key: ServiceAccountKey;
  project: string;
  /** Replaces https://dns.googleapis.com and the key's token_uri (the token is then asked of {endpoint}/token). */
  endpoint: string | undefined;
}

export class GcloudClient {
  private readonly base: string;
  private readonly tokenUrl: string;
  private readonly token: AccessTokenCache;
  private readonly projectPath: string;
  /** The signed assertions sent this run: secrets no message may hold. */
  private readonly assertions: string[] = [];

  constructor(private readonly options: GcloudClientOptions) {
    const override = options.endpoint?.replace(/\/+$/, '');
    this.base = override ?? DNS_BASE;
    this.tokenUrl = override === undefined ? options.key.tokenUri : `${override}/token`;
    this.projectPath = `/dns/v1/projects/${encodeURIComponent(options.project)}`;
    this.token = new AccessTokenCache(() => this.fetchToken());
  }

  /** One page of the project's managed zones, all or those of one DNS name. */
  async listZones(pageToken: string, dnsName?: string): Promise<{ items: ManagedZone[]; next: string | undefined }> {
    const query = new URLSearchParams({ maxResults: String(ZONE_PAGE_SIZE), ...(dnsName === undefined ? {} : { dnsName: `${dnsName}.` }), ...(pageToken === '' ? {} : { pageToken }) });
    const answer = readJsonAnswer(zoneListSchema, await this.send('GET', `${this.projectPath}/managedZones?${query.toString()}`, undefined, 'GET …/managedZones'), 'Google Cloud DNS GET …/managedZones');
    return { items: answer.managedZones ?? [], next: answer.nextPageToken === '' ? undefined : answer.nextPageToken };
  }

  /** One page of the record sets of one name (fully qualified, with the dot) and type. */
  async listRecordSets(zone: string, name: string, type: string, pageToken: string): Promise<{ items: ResourceRecordSet[]; next: string | undefined }> {
    const query = new URLSearchParams({ name, type, ...(pageToken === '' ? {} : { pageToken }) });
    const request = 'GET …/managedZones/…/rrsets';
    const answer = readJsonAnswer(rrsetListSchema, await this.send('GET', `${this.zonePath(zone)}/rrsets?${query.toString()}`, undefined, request), `Google Cloud DNS ${request}`);
    return { items: answer.rrsets ?? [], next: answer.nextPageToken === '' ? undefined : answer.nextPageToken };
  }

  async createRecordSet(zone: string, set: Required<ResourceRecordSet>): Promise<ResourceRecordSet> {
    const request = 'POST …/managedZones/…/rrsets';
    return readJsonAnswer(rrsetSchema, await this.send('POST', `${this.zonePath(zone)}/rrsets`, set, request), `Google Cloud DNS ${request}`);
  }

  async patchRecordSet(zone: string, set: Required<ResourceRecordSet>): Promise<ResourceRecordSet> {
    const request = 'PATCH …/managedZones/…/rrsets/…';
    const path = `${this.zonePath(zone)}/rrsets/${encodeURIComponent(set.name)}/${encodeURIComponent(set.type)}`;
    return readJsonAnswer(rrsetSchema, await this.send('PATCH', path, set, request), `Google Cloud DNS ${request}`);
  }

  private zonePath(zone: string): string {
    return `${this.projectPath}/managedZones/${encodeURIComponent(zone)}`;
  }

  private secrets(): string[] {
    return [this.options.key.privateKey, ...this.assertions];
  }

  private async fetchToken() {
    const assertion = signedAssertion(this.options.key, DNS_SCOPE, Math.floor(Date.now() / 1000));
    this.assertions.push(assertion);
    return requestAccessToken(this.options.http, {
      url: this.tokenUrl,
      form: { grant_type: JWT_BEARER, assertion },
      service: 'Google OAuth',
      secrets: this.secrets(),
      refused: (refusal, fail) => googleRefusal(refusal, fail, this.options.key.clientEmail),
    });
  }

  private async send(method: string, path: string, body: object | undefined, request: string): Promise<HttpResponse> {
    const token = await this.token.get();
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: `Bearer ${token}`, body });
    if (response.status >= 400) throw this.failure(response, `Google Cloud DNS ${request}`, token);
    return response;
  }

  private failure(response: HttpResponse, what: string, token: string): ProviderError {
    const { status } = response;
    const error: GoogleError | undefined = parseJsonAs(errorSchema, response.text);
    const reason = error?.error.errors?.[0]?.reason;
    const message = (error?.error.message ?? '').split(/\r?\n/)[0]?.slice(0, 160) ?? '';
    const said = error === undefined ? describeBody(response.text) : [reason ?? error.error.status, message].filter((part) => part !== undefined && part !== '').join(': ');
    const fail = (kind: ProviderErrorKind, text: string, retryAfterMs?: number) =>
      providerErrorWithout([...this.secrets(), token], kind, text, { status, code: reason ?? error?.error.status, retryAfterMs });
    const { project } = this.options;
    if (status === 429 || reason === 'rateLimitExceeded' || reason === 'quotaExceeded') {
      return fail('rate-limit', `${what}: rate limited (HTTP ${status}, ${said}); Cloud DNS limits requests per project (IAM & Admin → Quotas)`, parseRetryAfter(response.headers.get('retry-after')));
    }
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    if (status === 401) return fail('auth', `Google Cloud DNS rejected the access token (HTTP 401, ${said}): ${KEY_HINT}`);
    if (reason === 'accessNotConfigured' || error.error.status === 'SERVICE_DISABLED') {
      return fail('config', `Google Cloud DNS: the Cloud DNS API is not enabled in project ${project} (HTTP ${status}): enable it (APIs & Services → Cloud DNS API), or check project`);
    }
    if (status === 403) {
      return fail('auth', `Google Cloud DNS: ${this.options.key.clientEmail} may not do this in project ${project} (HTTP 403, ${said}): give it the DNS Administrator role (roles/dns.admin) there, or check project`);
    }
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check project and that the zone is in it`);
    if (status === 409 || reason === 'alreadyExists') return fail('conflict', `${what}: already exists (HTTP ${status}, ${said})`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}

/** Google's `invalid_grant` descriptions (WIRE.md: their texts are unconfirmed), each naming what to fix. */
function googleRefusal(refusal: OAuthRefusal, fail: (kind: ProviderErrorKind, message: string) => ProviderError, account: string): ProviderError | undefined {
  const said = `${refusal.error}: ${refusal.description}`.replace(/: $/, '');
  const refused = `Google refused the service-account key of ${account} (HTTP ${refusal.status}, ${said})`;
  if (refusal.error !== 'invalid_grant' && refusal.error !== 'invalid_client' && refusal.error !== 'unauthorized_client') return undefined;
  if (/iat|exp|timeframe|short-lived/i.test(refusal.description)) {
    return fail('clock-skew', `${refused}: this machine's clock is off; set it right (NTP) and run again`);
  }
  if (/account not found/i.test(refusal.description)) return fail('auth', `${refused}: the service account no longer exists; ${KEY_HINT}`);
  return fail('auth', `${refused}: the key was deleted or disabled, or it is not this account's; ${KEY_HINT}`);
}
