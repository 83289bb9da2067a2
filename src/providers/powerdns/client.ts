import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { throwIfTransientStatus, type HttpClient, type HttpResponse } from '../../http/client.js';
import { sendJson } from '../json-api.js';

/** Wire client for the PowerDNS Authoritative HTTP API (WIRE.md in this folder): X-API-Key, plain JSON. */
const zoneSchema = z.object({ id: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)) });
export type PowerdnsZone = z.infer<typeof zoneSchema>;

const rrsetSchema = z.object({
  name: z.string(),
  type: z.string(),
  ttl: z.optional(z.number()),
  records: z.array(z.object({ content: z.string(), disabled: z.optional(z.boolean()) })),
});
export type PowerdnsRrset = z.infer<typeof rrsetSchema>;

const zoneDetailSchema = z.object({ rrsets: z.array(rrsetSchema) });
const errorSchema = z.object({ error: z.string() });

export interface PowerdnsClientOptions {
  http: HttpClient;
  /** The webserver URL (`server`, or the table's `endpoint`). */
  server: string;
  apiKey: string;
  serverId: string;
}

/** "http://host:8081", "http://host:8081/" and "http://host:8081/api/v1" all mean the same API. */
export function apiBase(server: string, serverId: string): string {
  const root = server.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${root}/api/v1/servers/${encodeURIComponent(serverId)}`;
}

export class PowerdnsClient {
  private readonly base: string;

  constructor(private readonly options: PowerdnsClientOptions) {
    this.base = apiBase(options.server, options.serverId);
  }

  async listZones(): Promise<PowerdnsZone[]> {
    return this.call('GET', '/zones', undefined, z.array(zoneSchema), 'GET /zones');
  }

  /** The zone's RRsets of the name and type; servers before 4.9 ignore the filters and answer all of them. */
  async rrsets(zone: PowerdnsZone, name: string, type: string): Promise<PowerdnsRrset[]> {
    const query = new URLSearchParams({ rrset_name: name, rrset_type: type });
    return (await this.call('GET', `/zones/${encodeURIComponent(zone.id)}?${query.toString()}`, undefined, zoneDetailSchema, 'GET /zones/{zone}')).rrsets;
  }

  async replace(zone: PowerdnsZone, rrset: { name: string; type: string; ttl: number; content: string }): Promise<void> {
    const body = { rrsets: [{ name: rrset.name, type: rrset.type, ttl: rrset.ttl, changetype: 'REPLACE', records: [{ content: rrset.content, disabled: false }] }] };
    await this.call('PATCH', `/zones/${encodeURIComponent(zone.id)}`, body, undefined, 'PATCH /zones/{zone}');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S | undefined, what: string): Promise<z.output<S>> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, headers: { 'X-API-Key': this.options.apiKey }, body });
    return this.read(response, schema, `PowerDNS ${what}`);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S | undefined, what: string): z.output<S> {
    if (response.status < 200 || response.status >= 300) throw this.failure(response, what);
    if (schema === undefined) {
      // The server answers a PATCH with 204 and no body; anything else (a proxy's 200 page) is not its answer.
      if (response.status !== 204) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}), expected 204; is server right?`, { status: response.status });
      return undefined as z.output<S>;
    }
    const parsed = parseJsonAs(schema, response.text);
    if (parsed === undefined) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is server right?`, { status: response.status });
    return parsed;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const error = parseJsonAs(errorSchema, response.text);
    // 429 keeps its Retry-After; a 5xx without the server's JSON error is a proxy's.
    if (error === undefined || response.status === 429) throwIfTransientStatus(response, what);
    const message = error ? `${error.error} (HTTP ${response.status})` : `HTTP ${response.status}, ${describeBody(response.text)}`;
    const secrets = [this.options.apiKey];
    const status = response.status;
    if (status === 401 || status === 403) {
      return providerErrorWithout(secrets, 'auth', `PowerDNS rejected the API key: ${message}; check api_key (the server's api-key setting) and its webserver-allow-from`, { status });
    }
    if (status >= 500) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${message}`, { status });
    if (status === 404) return providerErrorWithout(secrets, 'not-found', `${what}: not found: ${message}; check server and server_id`, { status });
    return providerErrorWithout(secrets, 'config', `${what} refused: ${message}`, { status });
  }
}
