import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer } from '../json-api.js';
import { OVH_REGION_BASES, type OvhRegion } from './regions.js';
import { ovhSignature } from './signature.js';

/** Wire client for the OVHcloud API v1 DNS zones (WIRE.md in this folder): requests signed with "$1$" SHA-1 on the server's clock. */
const CREDENTIALS_HINT = 'check application_key, application_secret and consumer_key (keys of the region that region = names; the consumer key needs GET /domain/zone and GET/POST/PUT /domain/zone/*)';

const errorSchema = z.object({ errorCode: z.optional(z.string()), class: z.optional(z.string()), message: z.optional(z.string()) });
const zoneListSchema = z.array(z.string().check(z.minLength(1)));
const idListSchema = z.array(z.number());
const recordSchema = z.object({ id: z.number(), subDomain: z.optional(z.string()), fieldType: z.string(), target: z.string(), ttl: z.optional(z.number()) });
export type OvhRecord = z.infer<typeof recordSchema>;

export interface OvhClientOptions {
  http: HttpClient;
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
  region: OvhRegion;
  endpoint: string | undefined;
  /** The local clock in milliseconds (tests move it). */
  now?: () => number;
}

export class OvhClient {
  private readonly base: string;
  private readonly now: () => number;
  /** Server time minus local time, in seconds: read once per run from /auth/time (a failure is forgotten). */
  private delta: Promise<number> | undefined;

  constructor(private readonly options: OvhClientOptions) {
    this.base = (options.endpoint ?? OVH_REGION_BASES[options.region]).replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
  }

  async listZones(): Promise<string[]> {
    return this.call('GET', '/domain/zone', undefined, zoneListSchema, 'GET /domain/zone');
  }

  /** The ids of the zone's records of a type whose subDomain matches (a LIKE match: the caller filters again). */
  async findRecordIds(zone: string, type: string, subDomain: string): Promise<number[]> {
    const query = new URLSearchParams({ fieldType: type, subDomain }).toString();
    return this.call('GET', `${this.zonePath(zone)}/record?${query}`, undefined, idListSchema, 'GET /domain/zone/…/record');
  }

  async getRecord(zone: string, id: string): Promise<OvhRecord> {
    return this.call('GET', `${this.zonePath(zone)}/record/${encodeURIComponent(id)}`, undefined, recordSchema, 'GET /domain/zone/…/record/…');
  }

  async createRecord(zone: string, body: { fieldType: string; subDomain: string; target: string; ttl: number }): Promise<OvhRecord> {
    return this.call('POST', `${this.zonePath(zone)}/record`, body, recordSchema, 'POST /domain/zone/…/record');
  }

  /** Changes target and ttl; OVHcloud answers `null`, so the caller reads the record back. */
  async updateRecord(zone: string, id: string, body: { target: string; ttl: number }): Promise<void> {
    await this.call('PUT', `${this.zonePath(zone)}/record/${encodeURIComponent(id)}`, body, z.null(), 'PUT /domain/zone/…/record/…');
  }

  /** Publishes the zone's changes (without it they are not served). */
  async refreshZone(zone: string): Promise<void> {
    await this.send('POST', `${this.zonePath(zone)}/refresh`, undefined, 'POST /domain/zone/…/refresh');
  }

  private zonePath(zone: string): string {
    return `/domain/zone/${encodeURIComponent(zone)}`;
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    return readJsonAnswer(schema, await this.send(method, path, body, request), `OVHcloud ${request}`);
  }

  /** The server's clock, as OVHcloud's own clients read it: once, unsigned. */
  private serverDelta(): Promise<number> {
    if (this.delta === undefined) {
      const pending = (async () => {
        const response = await this.options.http.request({ method: 'GET', url: `${this.base}/auth/time`, headers: { Accept: 'application/json' }, acceptAnyStatus: true });
        const what = 'OVHcloud GET /auth/time';
        if (response.status >= 400) throw this.failure(response, what);
        const serverTime = readJsonAnswer(z.number().check(z.int(), z.positive()), response, what);
        return serverTime - Math.floor(this.now() / 1000);
      })();
      this.delta = pending;
      pending.catch(() => {
        if (this.delta === pending) this.delta = undefined;
      });
    }
    return this.delta;
  }

  private async send(method: string, path: string, body: object | undefined, request: string): Promise<HttpResponse> {
    const timestamp = Math.floor(this.now() / 1000) + (await this.serverDelta());
    const url = `${this.base}${path}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const { applicationKey, applicationSecret, consumerKey } = this.options;
    const response = await this.options.http.request({
      method,
      url,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=utf-8' }),
        'X-Ovh-Application': applicationKey,
        'X-Ovh-Consumer': consumerKey,
        'X-Ovh-Timestamp': String(timestamp),
        'X-Ovh-Signature': ovhSignature({ applicationSecret, consumerKey, method, url, body: text, timestamp }),
      },
      ...(body === undefined ? {} : { body: text }),
      acceptAnyStatus: true,
    });
    if (response.status >= 400) throw this.failure(response, `OVHcloud ${request}`);
    if (response.status < 200 || response.status >= 300) throw new ProviderError('protocol', `OVHcloud ${request}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
    return response;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const code = error?.errorCode ?? error?.class;
    const queryId = response.headers.get('x-ovh-queryid');
    const said = `${error === undefined ? describeBody(response.text) : [code, error.message].filter(Boolean).join(': ') || 'no message'}${queryId === null ? '' : `; query id ${queryId}`}`;
    const secrets = [this.options.applicationSecret, this.options.consumerKey];
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout(secrets, kind, message, { status, code, retryAfterMs });
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (error?.errorCode === 'INVALID_SIGNATURE') return fail('auth', `OVHcloud refused the request signature (HTTP ${status}, ${said}): check application_secret and consumer_key`);
    if (status === 403 && (error?.errorCode === 'NOT_GRANTED_CALL' || /not been granted/i.test(error?.message ?? ''))) {
      return fail('auth', `OVHcloud refused the call (HTTP 403, ${said}): the consumer key lacks the rule; create one with GET /domain/zone and GET/POST/PUT /domain/zone/*`);
    }
    if (status === 401 || status === 403) return fail('auth', `OVHcloud rejected the API credentials (HTTP ${status}, ${said}): ${CREDENTIALS_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the zone is in this OVHcloud account and region`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
