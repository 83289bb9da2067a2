import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { parseJsonAs } from '../answers.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from '../cloud-api.js';
import { sendJson } from '../json-api.js';

/** Wire client for netcup's CCP DNS API (WIRE.md in this folder): one JSON endpoint, actions in a session. */
export const NETCUP_API_BASE = 'https://ccp.netcup.net';
export const ENDPOINT_PATH = '/run/webservice/servers/endpoint.php?JSON';

/** "The session id is not in a valid format.": expired or unknown. */
export const SESSION_INVALID = 4001;
/** "Can not get DNS records for zone.": an empty zone (or one on other nameservers). */
const NO_RECORDS = 5029;
/** "Update of DNS records failed": the zone is not there. */
const UPDATE_FAILED = 5028;
/** netcup's refusal past 180 requests a minute (also what a wrong API key at login is answered). */
const RATE_LIMITED = /requests per minute/i;

const envelopeSchema = z.object({
  status: z.string(),
  statuscode: z.number(),
  shortmessage: z.optional(z.string()),
  longmessage: z.optional(z.string()),
  responsedata: z.optional(z.unknown()),
});
type Envelope = z.infer<typeof envelopeSchema>;

/** A number in a string, as netcup writes ids and priorities; a bare number is taken too. */
const numberText = z.pipe(
  z.union([z.string().check(z.regex(/^\d+$/)), z.int().check(z.nonnegative())]),
  z.transform((value: string | number) => String(value)),
);

const recordSchema = z.object({
  id: numberText,
  hostname: z.string(),
  type: z.string(),
  destination: z.string(),
  priority: z.optional(z.union([z.string(), z.number()])),
  deleterecord: z.optional(z.boolean()),
  state: z.optional(z.string()),
});
export type NetcupRecord = z.infer<typeof recordSchema>;

/** What updateDnsRecords is sent for one record: without id it is created. */
export interface NetcupRecordChange {
  id?: string;
  hostname: string;
  type: string;
  destination: string;
  deleterecord: false;
}

const loginSchema = z.object({ apisessionid: z.string().check(z.minLength(1)) });
const zoneSchema = z.object({ name: z.string() });
const recordsSchema = z.object({ dnsrecords: z.optional(z.array(recordSchema)) });
const updatedSchema = z.object({ dnsrecords: z.array(recordSchema) });

export interface NetcupClientOptions {
  http: HttpClient;
  customerNumber: string;
  apiKey: string;
  apiPassword: string;
  endpoint: string | undefined;
}

interface Answer {
  response: HttpResponse;
  envelope: Envelope | undefined;
}

/** Whether a zone probe found the domain, and what netcup said when it did not. */
export type ZoneProbe = { held: true } | { held: false; reason: string };

const CREDENTIALS_HINT = 'check customer_number, api_key and api_password (netcup CCP → Master Data → API)';

export class NetcupClient {
  private readonly url: string;
  private session: Promise<string> | undefined;
  private sessionId: string | undefined;

  constructor(private readonly options: NetcupClientOptions) {
    this.url = `${(options.endpoint ?? NETCUP_API_BASE).replace(/\/+$/, '')}${ENDPOINT_PATH}`;
  }

  /** `infoDnsZone`: whether netcup serves `domain` for this customer. */
  async probeZone(domain: string): Promise<ZoneProbe> {
    const answer = await this.call('infoDnsZone', { domainname: domain });
    const envelope = answer.envelope;
    // Any refusal but a session or rate-limit one says "not a domain of this account" (its code is not documented).
    if (envelope?.status === 'error' && envelope.statuscode !== SESSION_INVALID && answer.response.status < 400 && !this.isRateLimited(envelope)) {
      return { held: false, reason: this.detail(envelope) };
    }
    this.read(answer, zoneSchema, 'infoDnsZone');
    return { held: true };
  }

  /** `infoDnsRecords`: every record of `domain` (an empty zone is answered 5029). */
  async listRecords(domain: string): Promise<NetcupRecord[]> {
    const answer = await this.call('infoDnsRecords', { domainname: domain });
    if (answer.envelope?.status === 'error' && answer.envelope.statuscode === NO_RECORDS && answer.response.status < 400) return [];
    return this.read(answer, recordsSchema, 'infoDnsRecords').dnsrecords ?? [];
  }

  /** `updateDnsRecords`: changes (or, without id, creates) the records sent; answers every record of the zone. */
  async updateRecords(domain: string, records: readonly NetcupRecordChange[]): Promise<NetcupRecord[]> {
    const answer = await this.call('updateDnsRecords', { domainname: domain, dnsrecordset: { dnsrecords: records } });
    return this.read(answer, updatedSchema, 'updateDnsRecords').dnsrecords;
  }

  /** An action in the run's session; a session netcup no longer knows is replaced once. */
  private async call(action: string, param: Record<string, unknown>): Promise<Answer> {
    const used = this.currentSession();
    const first = await this.send(action, { ...param, apisessionid: await used });
    if (first.envelope?.status !== 'error' || first.envelope.statuscode !== SESSION_INVALID) return first;
    if (this.session === used) this.session = undefined;
    return this.send(action, { ...param, apisessionid: await this.currentSession() });
  }

  /** The session of this run: one login, shared by every record (and by concurrent ones). */
  private currentSession(): Promise<string> {
    if (this.session === undefined) {
      const login = this.login();
      this.session = login;
      login.catch(() => {
        if (this.session === login) this.session = undefined;
      });
    }
    return this.session;
  }

  private async login(): Promise<string> {
    const answer = await this.send('login', { apipassword: this.options.apiPassword });
    const { apisessionid } = this.read(answer, loginSchema, 'login');
    this.sessionId = apisessionid;
    return apisessionid;
  }

  private async send(action: string, param: Record<string, unknown>): Promise<Answer> {
    const response = await sendJson(this.options.http, {
      method: 'POST',
      url: this.url,
      body: { action, param: { customernumber: this.options.customerNumber, apikey: this.options.apiKey, ...param } },
    });
    return { response, envelope: parseJsonAs(envelopeSchema, response.text) };
  }

  private read<S extends z.ZodMiniType>({ response, envelope }: Answer, schema: S, action: string): z.output<S> {
    const what = `netcup ${action}`;
    if (envelope === undefined) throw unreadableAnswer(response, what);
    if (envelope.status !== 'success' || response.status >= 400) throw this.failure(response, envelope, action, what);
    const payload = schema.safeParse(envelope.responsedata);
    if (!payload.success) throw unexpectedPayload(response, what, firstIssueOf(payload.error.issues));
    return payload.data;
  }

  private failure(response: HttpResponse, envelope: Envelope, action: string, what: string): ProviderError {
    if (envelope.status !== 'success' && envelope.status !== 'error' && response.status < 400) {
      return new ProviderError('protocol', `${what}: netcup answered status "${envelope.status}" (${this.detail(envelope)}), not success; nothing is taken as done`, {
        status: response.status,
        code: envelope.statuscode,
      });
    }
    const meaning = envelope.status === 'error' ? this.meaningOf(envelope, action) : undefined;
    if (meaning === 'not-found') {
      return providerErrorWithout(this.secrets(), 'not-found', `${what}: netcup serves no such zone (${this.detail(envelope)}); check zone in the [[record]] and that the domain is in this netcup account and uses netcup's nameservers`, {
        status: response.status,
        code: envelope.statuscode,
      });
    }
    const dialect: CloudApiDialect = {
      service: 'netcup',
      credentialsHint: action === 'login' && RATE_LIMITED.test(envelope.longmessage ?? '') ? `netcup answers this to a wrong API key too: ${CREDENTIALS_HINT}` : CREDENTIALS_HINT,
      permissionHint: CREDENTIALS_HINT,
      signatureWindow: '',
      meaningOf: () => meaning,
    };
    const detail = { code: String(envelope.statuscode), message: envelope.longmessage || envelope.shortmessage };
    return cloudFailure(dialect, response, detail, what, this.secrets());
  }

  private meaningOf(envelope: Envelope, action: string): CloudErrorMeaning {
    // A refused login is refused credentials, whatever its code; netcup even words a wrong key as rate limiting.
    if (action === 'login' || envelope.statuscode === SESSION_INVALID) return 'credentials';
    if (this.isRateLimited(envelope)) return 'rate-limit';
    if (envelope.statuscode === UPDATE_FAILED && /could not be found/i.test(envelope.longmessage ?? '')) return 'not-found';
    return 'config';
  }

  private isRateLimited(envelope: Envelope): boolean {
    return RATE_LIMITED.test(`${envelope.shortmessage ?? ''} ${envelope.longmessage ?? ''}`);
  }

  private secrets(): string[] {
    return [this.options.apiKey, this.options.apiPassword, this.sessionId ?? ''].filter((secret) => secret !== '');
  }

  /** "4013: Validation Error.", one short line without any secret (servers echo what they were sent). */
  private detail(envelope: Envelope): string {
    let message = (envelope.longmessage || envelope.shortmessage || 'no message').trim().replace(/\s+/g, ' ');
    for (const secret of this.secrets()) message = message.split(secret).join('***');
    return `${envelope.statuscode}: ${message.length > 100 ? `${message.slice(0, 100)}…` : message}`;
  }
}
