/**
 * The type-specific keys of a `[[notify]]` table (type, url and on are in config/schema.ts), and
 * what of a notify url is secret. Kept free of any sending code so the config loader can import
 * it, through the registry, cheaply.
 */
import * as z from 'zod/mini';
import { headersSchema, methodSchema, noBodyWithGet } from '../http-template.js';
import { notifyTemplates } from './template.js';

export const NOTIFY_WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH'] as const;

export const notifyUrlTemplate = notifyTemplates.urlTemplateSchema('name');

export const webhookNotifySchema = z
  .strictObject({
    method: methodSchema(NOTIFY_WEBHOOK_METHODS, 'POST'),
    headers: z._default(headersSchema, {}),
    body: z.optional(notifyTemplates.templateSchema()),
  })
  .check(noBodyWithGet('is not sent with method GET: put the variables in url, or use POST'));
export type WebhookNotifyOptions = z.output<typeof webhookNotifySchema>;

export const healthchecksNotifySchema = z.strictObject({
  /** Ping `url/start` when the run begins, so healthchecks.io measures each run and notices one that hangs. */
  start: z._default(z.boolean(), false),
});
export type HealthchecksNotifyOptions = z.output<typeof healthchecksNotifySchema>;

/** Path segments and query values at least this long are taken for keys (a healthchecks.io uuid or ping key, a chat webhook's token). */
const MIN_TOKEN_LENGTH = 16;

/**
 * What to mask of a notify url wherever it might be printed. The url is a secret as a whole: a
 * healthchecks.io ping url is nothing but its uuid, and chat webhooks carry their token in the
 * path or query. Its long path segments and query values are masked on their own too, since an
 * error message may quote a path without the origin. The origin stays readable for messages.
 */
export function secretPartsOfUrl(url: string): string[] {
  const parts = new Set<string>([url]);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [...parts];
  }
  const rest = `${parsed.pathname}${parsed.search}`;
  if (rest.length > 1) parts.add(rest);
  for (const segment of parsed.pathname.split('/')) {
    if (segment.length >= MIN_TOKEN_LENGTH) parts.add(safeDecode(segment));
  }
  for (const value of parsed.searchParams.values()) {
    if (value.length >= MIN_TOKEN_LENGTH) parts.add(value);
  }
  if (parsed.password !== '') parts.add(safeDecode(parsed.password));
  return [...parts];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
