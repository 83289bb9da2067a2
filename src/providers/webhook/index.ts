import { registerSecrets } from '../../log/redact.js';
import { ProviderError, isProviderError } from '../../http/errors.js';
import { describeUrl, parseRetryAfter, type HttpResponse } from '../../http/client.js';
import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { WEBHOOK_METHODS } from './limits.js';
import type { WebhookRequest } from '../../http-template.js';
import { webhookTemplates, type TemplateValues } from './template.js';
import { bodyExcerpt } from '../../text.js';

/**
 * Any HTTP API ddns does not know: one request per change, built from the config's url, method,
 * headers and body templates; any 2xx answer confirms it. There is nothing to read back, so the
 * state is the only memory (write-only).
 */

export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** The request as configured: url, headers and body are templates. */
export type WebhookSettings = WebhookRequest<WebhookMethod>;

/** What POST/PUT send when the config has no body: every variable, as JSON. */
export const DEFAULT_BODY = webhookTemplates.everyVariableAsJson();

/**
 * The request for one change. Values are encoded for where they land: percent-encoded in the
 * url and in a form body, JSON-escaped in a JSON body (by Content-Type, or a body written, its
 * variables aside, as a JSON object or array), as written otherwise. A body without a
 * Content-Type gets one.
 */
export function renderRequest(settings: WebhookSettings, values: TemplateValues): WebhookRequest<WebhookMethod> {
  return webhookTemplates.renderRequest(settings, values, DEFAULT_BODY);
}

function describeBody(text: string): string {
  const body = bodyExcerpt(text, 80);
  return body === undefined ? '' : `: ${body.quoted}`;
}

/**
 * `endpoint` sends the webhook elsewhere (a proxy, a test receiver): it replaces the scheme, host
 * and port of the url, and its path, if any, goes before the url's path; the url's own path and
 * query stay. Undefined when it is not such a base.
 */
export function endpointBase(endpoint: string): string | undefined {
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return undefined;
  if (base.username !== '' || base.password !== '' || base.search !== '' || base.hash !== '') return undefined;
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
}

function sentTo(url: string, base: string | undefined): string {
  if (base === undefined) return url;
  const target = new URL(url);
  return `${base}${target.pathname}${target.search}`;
}

class WebhookProvider implements WriteOnlyProvider {
  constructor(
    private readonly settings: WebhookSettings,
    private readonly context: ProviderContext,
    private readonly base: string | undefined,
  ) {}

  async set(spec: RecordSpec, ip: string, previous?: string): Promise<ProviderRecord> {
    const rendered = renderRequest(this.settings, { name: spec.name, type: spec.type, ip, old_ip: previous ?? '' });
    const request = { ...rendered, url: sentTo(rendered.url, this.base) };
    const host = new URL(request.url).host;
    const what = `webhook to ${host}`;
    // The url is a secret as configured, but the one sent has the variables filled in, which the
    // config's registration cannot match; the HTTP client logs it and names it in errors (host
    // and path), so both forms are masked before it is sent.
    registerSecrets([request.url, describeUrl(request.url)]);
    let response: HttpResponse;
    try {
      response = await this.context.http.request({
        method: request.method,
        url: request.url,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        acceptAnyStatus: true,
      });
    } catch (error) {
      throw this.renamed(error, request.url, what);
    }
    this.interpret(response, what);
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }

  private interpret(response: HttpResponse, what: string): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const details = { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    const body = describeBody(response.text);
    if (status === 429) throw new ProviderError('rate-limit', `${what}: rate limited (HTTP 429)${body}`, details);
    if (status >= 500) throw new ProviderError('transient', `${what}: server error (HTTP ${status})${body}`, details);
    if (status >= 300 && status < 400) {
      throw new ProviderError('config', `${what}: redirected (HTTP ${status}); put the address it moved to in url`, details);
    }
    if (status === 401 || status === 403) {
      throw new ProviderError('auth', `${what}: refused the credentials (HTTP ${status})${body}; check headers and url`, details);
    }
    throw new ProviderError('config', `${what}: refused the request (HTTP ${status})${body}; check url, method, headers and body`, details);
  }

  /** The HTTP client names a failed request by host and path, now masked: name it by host instead. */
  private renamed(error: unknown, url: string, what: string): unknown {
    if (!isProviderError(error)) return error;
    const prefix = `${describeUrl(url)}: `;
    if (!error.message.startsWith(prefix)) return error;
    return new ProviderError(error.kind, `${what}: ${error.message.slice(prefix.length)}`, {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      cause: error,
    });
  }
}

function isMethod(value: unknown): value is WebhookMethod {
  return typeof value === 'string' && (WEBHOOK_METHODS as readonly string[]).includes(value);
}

/** The validated config as settings; a config the schema would refuse is a config error. */
export function webhookSettings(options: Record<string, unknown>): WebhookSettings {
  const url = options['url'];
  if (typeof url !== 'string' || url === '') throw new ProviderError('config', 'webhook: url is missing or empty');
  const method = options['method'] ?? 'POST';
  if (!isMethod(method)) throw new ProviderError('config', 'webhook: method must be GET, POST or PUT');
  const rawHeaders = options['headers'];
  const headers: Record<string, string> = {};
  if (rawHeaders !== undefined && rawHeaders !== null && typeof rawHeaders === 'object') {
    for (const [name, value] of Object.entries(rawHeaders)) if (typeof value === 'string') headers[name] = value;
  }
  const body = options['body'];
  return { url, method, headers, body: typeof body === 'string' ? body : undefined };
}

export const createWebhookProvider: ProviderFactory<WriteOnlyProvider> = (options, context) => {
  const base = context.endpoint === undefined ? undefined : endpointBase(context.endpoint);
  if (context.endpoint !== undefined && base === undefined) {
    throw new ProviderError('config', 'webhook: endpoint must be an http(s) URL without user, password, query or fragment; it replaces the scheme, host and port of url');
  }
  return new WebhookProvider(webhookSettings(options), context, base);
};
