import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { renderUrl, unknownVariables, unknownVariablesMessage } from './template.js';

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT'] as const;

/** RFC 9110 token characters: what a header name may consist of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Set by the HTTP client from the request itself; a configured value would contradict it. */
const MANAGED_HEADERS: ReadonlySet<string> = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

/** The url is a valid http(s) URL once its variables are filled in (sample values stand in for them). */
function isHttpUrlTemplate(template: string): boolean {
  const sample = renderUrl(template, { name: 'home.example.com', type: 'A', ip: '192.0.2.1', old_ip: '192.0.2.2' });
  try {
    const url = new URL(sample);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function templateWithKnownVariables() {
  return z.string().check(
    z.superRefine((template, context) => {
      const unknown = unknownVariables(template);
      if (unknown.length > 0) context.addIssue({ code: 'custom', message: unknownVariablesMessage(unknown) });
    }),
  );
}

const headerValue = z.string().check(
  z.refine((value) => !/[\r\n\u0000]/.test(value), 'must not contain line breaks'),
  z.refine((value) => value.trim() !== '', 'must not be empty'),
);

/** A `headers` table: names that are valid header names and not managed by the HTTP client, values on one line. Shared with `[[notify]]` webhooks. */
export const headersSchema = z
  .record(z.string(), headerValue)
  // Checked here rather than by a key schema, whose failures zod reports without their message.
  .check(
    z.superRefine(
      (headers, context) => {
        for (const name of Object.keys(headers)) {
          if (!HEADER_NAME.test(name)) context.addIssue({ code: 'custom', path: [name], message: 'is not a valid header name' });
          else if (MANAGED_HEADERS.has(name.toLowerCase())) {
            context.addIssue({ code: 'custom', path: [name], message: 'is set by ddns itself and cannot be configured' });
          }
        }
      },
      { when: () => true },
    ),
  );

const configSchema = z
  .strictObject({
    url: templateWithKnownVariables().check(z.refine(isHttpUrlTemplate, 'expected an http:// or https:// URL (variables such as {ip} allowed)')),
    method: z._default(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((method) => method.toUpperCase()),
        ),
        z.enum(WEBHOOK_METHODS, { error: 'must be one of GET, POST, PUT' }),
      ),
      'POST',
    ),
    headers: z.optional(headersSchema),
    body: z.optional(templateWithKnownVariables()),
  })
  .check(
    z.superRefine(
      (options, context) => {
        if (typeof options.method === 'string' && options.method.toUpperCase() === 'GET' && options.body !== undefined) {
          context.addIssue({ code: 'custom', path: ['body'], message: 'is not sent with method GET: put the variables in url, or use POST or PUT' });
        }
      },
      { when: () => true },
    ),
  );

export const webhookMetadata: ProviderMetadata = {
  type: 'webhook',
  title: 'Webhook (any HTTP API)',
  // The whole url is a secret: webhook URLs carry their key in the path (…/hooks/<id>/<key>) as
  // often as in the query. It also accepts url_env / url_file.
  secretKeys: ['url'],
  // Header values carry the credentials (Authorization, X-Api-Key …).
  secretTables: ['headers'],
  configSchema,
  recordSchema: z.strictObject({}),
  writeOnly: true,
  load: async () => (await import('./index.js')).createWebhookProvider,
};
