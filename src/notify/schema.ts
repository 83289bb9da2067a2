/**
 * The type-specific keys of a `[[notify]]` table (type, url and on are in config/schema.ts).
 * Kept free of any sending code so the config loader can import it cheaply.
 */
import * as z from 'zod/mini';
import { headersSchema } from '../providers/webhook/metadata.js';
import { renderNotifyUrl, unknownNotifyVariables, unknownNotifyVariablesMessage, NOTIFY_VARIABLES, type NotifyValues } from './template.js';

export const NOTIFY_WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH'] as const;

function templateWithKnownVariables() {
  return z.string().check(
    z.superRefine((template, context) => {
      const unknown = unknownNotifyVariables(template);
      if (unknown.length > 0) context.addIssue({ code: 'custom', message: unknownNotifyVariablesMessage(unknown) });
    }),
  );
}

const SAMPLE_VALUES = Object.fromEntries(NOTIFY_VARIABLES.map((name) => [name, 'sample'])) as NotifyValues;

/** The url stays a valid http(s) URL once its variables are filled in. */
export function isHttpUrlTemplate(template: string): boolean {
  try {
    const url = new URL(renderNotifyUrl(template, SAMPLE_VALUES));
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const notifyUrlTemplate = templateWithKnownVariables().check(z.refine(isHttpUrlTemplate, 'expected an http:// or https:// URL (variables such as {name} allowed)'));

export const webhookNotifySchema = z
  .strictObject({
    method: z._default(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((method) => method.toUpperCase()),
        ),
        z.enum(NOTIFY_WEBHOOK_METHODS, { error: 'must be one of GET, POST, PUT, PATCH' }),
      ),
      'POST',
    ),
    headers: z._default(headersSchema, {}),
    body: z.optional(templateWithKnownVariables()),
  })
  .check(
    z.superRefine(
      (options, context) => {
        if (typeof options.method === 'string' && options.method.toUpperCase() === 'GET' && options.body !== undefined) {
          context.addIssue({ code: 'custom', path: ['body'], message: 'is not sent with method GET: put the variables in url, or use POST' });
        }
      },
      { when: () => true },
    ),
  );
export type WebhookNotifyOptions = z.output<typeof webhookNotifySchema>;

export const healthchecksNotifySchema = z.strictObject({
  /** Ping `url/start` when the run begins, so healthchecks.io measures each run and notices one that hangs. */
  start: z._default(z.boolean(), false),
});
export type HealthchecksNotifyOptions = z.output<typeof healthchecksNotifySchema>;

export const NOTIFY_OPTION_SCHEMAS = {
  webhook: webhookNotifySchema,
  healthchecks: healthchecksNotifySchema,
} as const;

/** Tables whose every value is a secret (a webhook's Authorization header …). */
export const NOTIFY_SECRET_TABLES: Record<keyof typeof NOTIFY_OPTION_SCHEMAS, readonly string[]> = {
  webhook: ['headers'],
  healthchecks: [],
};

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

export type NotifyType = keyof typeof NOTIFY_OPTION_SCHEMAS;
