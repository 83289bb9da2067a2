import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, throwIfTransientStatus, type HttpClient, type HttpResponse } from '../../http/client.js';

/** Wire client for the Hetzner Cloud DNS API (WIRE.md in this folder): Bearer token, async actions. */
export const HETZNER_API_BASE = 'https://api.hetzner.cloud/v1';
export const ZONES_PER_PAGE = 50;
/** How often an action is read before ddns gives up on it, and the pause between reads. */
export const ACTION_POLLS = 10;
const POLL_DELAY_MS = 300;

const zoneSchema = z.object({ id: z.number(), name: z.string().check(z.minLength(1)) });
export type HetznerZone = z.infer<typeof zoneSchema>;

const zonesSchema = z.object({
  zones: z.array(zoneSchema),
  meta: z.object({ pagination: z.object({ next_page: z.nullable(z.number()) }) }),
});

const rrsetSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  type: z.string(),
  ttl: z.nullable(z.number()),
  records: z.array(z.object({ value: z.string() })),
});
export type HetznerRrset = z.infer<typeof rrsetSchema>;

const actionSchema = z.object({
  id: z.number(),
  command: z.string(),
  status: z.enum(['running', 'success', 'error']),
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
});
type HetznerAction = z.infer<typeof actionSchema>;

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface HetznerClientOptions {
  http: HttpClient;
  token: string;
  endpoint: string | undefined;
  /** Waits between action polls; tests pass a quicker one. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HetznerClient {
  private readonly base: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HetznerClientOptions) {
    this.base = (options.endpoint ?? HETZNER_API_BASE).replace(/\/+$/, '');
    this.sleep = options.sleep ?? defaultSleep;
  }

  async listZones(page: number): Promise<{ items: HetznerZone[]; next: number | undefined }> {
    const data = await this.call('GET', `/zones?page=${page}&per_page=${ZONES_PER_PAGE}`, undefined, zonesSchema, 'GET /zones');
    return { items: data.zones, next: data.meta.pagination.next_page ?? undefined };
  }

  /** The RRSet of `host` ("@" for the apex) and `type`, or undefined when the zone has none. */
  async getRrset(zone: HetznerZone, host: string, type: string): Promise<HetznerRrset | undefined> {
    try {
      return (await this.call('GET', this.rrsetPath(zone, host, type), undefined, z.object({ rrset: rrsetSchema }), 'GET /zones/{zone}/rrsets/{name}/{type}')).rrset;
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  async createRrset(zone: HetznerZone, body: { name: string; type: string; ttl: number | undefined; records: { value: string }[] }): Promise<HetznerRrset> {
    const what = 'POST /zones/{zone}/rrsets';
    const answer = await this.call('POST', `/zones/${zone.id}/rrsets`, body, z.object({ rrset: rrsetSchema, action: z.optional(actionSchema) }), what);
    if (answer.action !== undefined) await this.settle(answer.action, what);
    return answer.rrset;
  }

  async setRecords(zone: HetznerZone, host: string, type: string, values: string[]): Promise<void> {
    const what = 'POST /zones/{zone}/rrsets/{name}/{type}/actions/set_records';
    const answer = await this.call('POST', `${this.rrsetPath(zone, host, type)}/actions/set_records`, { records: values.map((value) => ({ value })) }, z.object({ action: actionSchema }), what);
    await this.settle(answer.action, what);
  }

  async changeTtl(zone: HetznerZone, host: string, type: string, ttl: number): Promise<void> {
    const what = 'POST /zones/{zone}/rrsets/{name}/{type}/actions/change_ttl';
    const answer = await this.call('POST', `${this.rrsetPath(zone, host, type)}/actions/change_ttl`, { ttl }, z.object({ action: actionSchema }), what);
    await this.settle(answer.action, what);
  }

  /** Reads the action until it is done (bounded): a failed action is an error with its message. */
  private async settle(first: HetznerAction, what: string): Promise<void> {
    let action = first;
    for (let poll = 0; action.status === 'running'; poll += 1) {
      if (poll >= ACTION_POLLS) {
        throw new ProviderError('transient', `Hetzner ${what}: action ${action.id} (${action.command}) still running after ${ACTION_POLLS} checks`);
      }
      await this.sleep(POLL_DELAY_MS * (poll + 1));
      action = (await this.call('GET', `/zones/actions/${action.id}`, undefined, z.object({ action: actionSchema }), 'GET /zones/actions/{id}')).action;
    }
    if (action.status === 'error') {
      const reason = action.error === null ? 'no reason given' : `${action.error.message} (${action.error.code})`;
      throw providerErrorWithout([this.options.token], 'config', `Hetzner ${what}: action ${action.command} failed: ${reason}`, { code: action.error?.code });
    }
  }

  private rrsetPath(zone: HetznerZone, host: string, type: string): string {
    return `/zones/${zone.id}/rrsets/${encodeURIComponent(host)}/${type}`;
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, what: string): Promise<z.output<S>> {
    const response = await this.options.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    const label = `Hetzner ${what}`;
    if (response.status < 200 || response.status > 299) throw this.failure(response, label);
    const answer = parseJsonAs(schema, response.text);
    if (answer === undefined) throw new ProviderError('protocol', `${label}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    return answer;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const error = parseJsonAs(errorSchema, response.text)?.error;
    if (error === undefined) throwIfTransientStatus(response, what);
    const status = response.status;
    const message = error === undefined ? `HTTP ${status}, ${describeBody(response.text)}` : `${error.message} (${error.code}, HTTP ${status})`;
    const options = { status, code: error?.code };
    const secrets = [this.options.token];
    if (status === 401 || status === 403) {
      return providerErrorWithout(secrets, 'auth', `Hetzner rejected the API token: ${message}; check api_token (Hetzner Console → project → Security → API tokens, Read & Write)`, options);
    }
    if (status === 429) {
      // Hetzner tells when the bucket refills (RateLimit-Reset, UNIX seconds) rather than Retry-After.
      const reset = Number(response.headers.get('ratelimit-reset'));
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? (Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined);
      return providerErrorWithout(secrets, 'rate-limit', `${what}: rate limited: ${message}`, { ...options, retryAfterMs });
    }
    if (status >= 500) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${message}`, options);
    if (status === 404) return providerErrorWithout(secrets, 'not-found', `${what}: not found: ${message}`, options);
    if (status === 409) return providerErrorWithout(secrets, 'conflict', `${what}: conflict: ${message}`, options);
    if (error === undefined) return providerErrorWithout(secrets, 'protocol', `${what}: unexpected answer (${message})`, { status });
    return providerErrorWithout(secrets, 'config', `${what} refused: ${message}`, options);
  }
}
