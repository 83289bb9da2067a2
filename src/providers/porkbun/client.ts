import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { throwIfTransientStatus, type HttpClient } from '../../http/client.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { readJsonAnswer, sendJson } from '../json-api.js';
import { foreignReason } from '../../messages.js';

/**
 * Wire client for the Porkbun API v3 (WIRE.md in this folder): JSON POSTs carrying `apikey` and
 * `secretapikey` in the body; `{"status":"SUCCESS",…}` on success, `{"status":"ERROR","message":…}`
 * (HTTP 400) on failure.
 */
export const PORKBUN_API_BASE = 'https://api.porkbun.com/api/json/v3';
/** Domains per `listAll` answer. */
export const DOMAINS_PER_CALL = 1000;

const errorSchema = z.object({ status: z.literal('ERROR'), message: z.optional(z.string()) });
const SUCCESS = z.literal('SUCCESS');

const domainsSchema = z.object({ status: SUCCESS, domains: z.array(z.looseObject({ domain: z.string().check(z.minLength(1)) })) });
const recordSchema = z.looseObject({
  id: z.union([z.string().check(z.regex(/^\d+$/)), z.number().check(z.int(), z.nonnegative())]),
  name: z.string(),
  type: z.string(),
  content: z.string(),
  ttl: z.optional(z.union([z.string(), z.number()])),
});
export type PorkbunRecord = z.infer<typeof recordSchema>;
const recordsSchema = z.object({ status: SUCCESS, records: z.array(recordSchema) });
const createdSchema = z.object({ status: SUCCESS, id: z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(/^\d+$/))]) });
const doneSchema = z.object({ status: SUCCESS });

export interface PorkbunClientOptions {
  http: HttpClient;
  apiKey: string;
  secretApiKey: string;
  endpoint: string | undefined;
}

export interface PorkbunRecordFields {
  /** The subdomain: empty for the apex. */
  name: string;
  type: string;
  content: string;
  ttl: number;
}

/** A path segment as Porkbun reads it: `*` must stay unescaped (encodeURIComponent keeps it). */
const segment = (value: string) => encodeURIComponent(value);

export class PorkbunClient {
  private readonly base: string;

  constructor(private readonly options: PorkbunClientOptions) {
    this.base = (options.endpoint ?? PORKBUN_API_BASE).replace(/\/+$/, '');
  }

  /** The account's domains from index `start` (at most DOMAINS_PER_CALL). */
  async listDomains(start: number): Promise<string[]> {
    return (await this.call('/domain/listAll', { start: String(start) }, domainsSchema)).domains.map((entry) => entry.domain);
  }

  /** The records of `subdomain` (empty: the apex) and `type` in `domain`. */
  async recordsByNameType(domain: string, type: string, subdomain: string): Promise<PorkbunRecord[]> {
    return (await this.call(`/dns/retrieveByNameType/${segment(domain)}/${segment(type)}/${segment(subdomain)}`, {}, recordsSchema)).records;
  }

  /** Creates the record; its id. */
  async createRecord(domain: string, fields: PorkbunRecordFields): Promise<string> {
    return String((await this.call(`/dns/create/${segment(domain)}`, wireFields(fields), createdSchema)).id);
  }

  async editRecord(domain: string, id: string, fields: PorkbunRecordFields): Promise<void> {
    await this.call(`/dns/edit/${segment(domain)}/${segment(id)}`, wireFields(fields), doneSchema);
  }

  private async call<S extends z.ZodMiniType>(path: string, body: Record<string, string>, schema: S): Promise<z.output<S>> {
    const what = `Porkbun ${path.split('/').slice(0, 3).join('/')}`;
    const response = await sendJson(this.options.http, {
      method: 'POST',
      url: `${this.base}${path}`,
      body: { secretapikey: this.options.secretApiKey, apikey: this.options.apiKey, ...body },
    });
    throwIfTransientStatus(response, what);
    const failed = parseJsonAs(errorSchema, response.text);
    if (failed !== undefined) throw this.failure(failed.message ?? '', what, response.status);
    if (response.status !== 200) {
      throw providerErrorWithout(this.secrets(), 'protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
    }
    return readJsonAnswer(schema, response, what);
  }

  private secrets(): string[] {
    return [this.options.apiKey, this.options.secretApiKey];
  }

  private failure(message: string, what: string, status: number): ProviderError {
    const detail = message.trim() === '' ? 'no message' : foreignReason(message.trim(), 120);
    const fail = (kind: ProviderErrorKind, text: string) => providerErrorWithout(this.secrets(), kind, text, { status });
    if (/invalid api key|authentication|unauthori[sz]ed/i.test(detail)) {
      return fail('auth', `Porkbun rejected the API keys: ${detail}; check api_key and secret_api_key (porkbun.com/account/api)`);
    }
    if (/not opted in to api access/i.test(detail)) {
      return fail('auth', `${what}: ${detail}; switch on API ACCESS for the domain (porkbun.com → Domain Management → the domain's Details)`);
    }
    if (/rate limit|too many requests/i.test(detail)) return fail('rate-limit', `${what}: rate limited: ${detail}`);
    if (/invalid domain/i.test(detail)) return fail('not-found', `${what}: ${detail}; check that the domain is in this Porkbun account`);
    return fail('config', `${what} refused: ${detail}`);
  }
}

function wireFields(fields: PorkbunRecordFields): Record<string, string> {
  return { name: fields.name, type: fields.type, content: fields.content, ttl: String(fields.ttl) };
}
