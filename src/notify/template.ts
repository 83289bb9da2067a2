/**
 * The `{variable}` templates of `[[notify]]` webhooks (url and body). The escaping rules are the
 * webhook provider's, reused so both kinds of webhook behave the same: percent-encoded in the
 * url and in a form body, JSON-escaped in a JSON body, as written in any other body.
 */
import { isFormContentType, isJsonContentType, jsonEscape, looksLikeJson } from '../providers/webhook/template.js';

export const NOTIFY_VARIABLES = ['event', 'name', 'type', 'provider', 'ip', 'old_ip', 'error', 'time', 'host', 'message'] as const;
export type NotifyVariable = (typeof NOTIFY_VARIABLES)[number];
export type NotifyValues = Record<NotifyVariable, string>;

/** `{word}` only, so JSON braces (`{"a": 1}`) are never taken for a variable. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function isVariable(name: string): name is NotifyVariable {
  return (NOTIFY_VARIABLES as readonly string[]).includes(name);
}

/** Variables a template uses that do not exist (a typo would otherwise be sent literally). */
export function unknownNotifyVariables(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!isVariable(name)) unknown.add(name);
  }
  return [...unknown];
}

export function unknownNotifyVariablesMessage(unknown: readonly string[]): string {
  const list = unknown.map((name) => `{${name}}`).join(', ');
  const known = NOTIFY_VARIABLES.map((name) => `{${name}}`).join(', ');
  return `unknown variable${unknown.length === 1 ? '' : 's'} ${list} (known: ${known})`;
}

/** Replaces each known variable with `encode(value)`; unknown ones were refused by the schema and stay as written. */
export function renderNotifyTemplate(template: string, values: NotifyValues, encode: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isVariable(name) ? encode(values[name]) : whole));
}

/** The url with the variables percent-encoded, so an IPv6 ":" or an error text cannot change the URL's structure. */
export function renderNotifyUrl(template: string, values: NotifyValues): string {
  return renderNotifyTemplate(template, values, encodeURIComponent);
}

/** Every variable, as JSON: what a webhook without `body` sends. */
export const DEFAULT_NOTIFY_BODY = `{${NOTIFY_VARIABLES.map((name) => `"${name}":"{${name}}"`).join(',')}}`;

export type BodyEncoding = 'json' | 'form' | 'text';

/**
 * How values are escaped in a body: JSON when the Content-Type says so (application/json, +json)
 * or, without a Content-Type, when the template (variables aside) is written as a JSON object or
 * array; percent-encoding for application/x-www-form-urlencoded; as written otherwise.
 */
export function bodyEncoding(template: string, contentType: string | undefined): BodyEncoding {
  // Judged without the variables: "{name}: {error}" starts with a brace but is not JSON.
  const shape = template.replace(PLACEHOLDER, (whole, name: string) => (isVariable(name) ? '' : whole));
  if (isJsonContentType(contentType) || (contentType === undefined && looksLikeJson(shape))) return 'json';
  if (isFormContentType(contentType)) return 'form';
  return 'text';
}

const ENCODERS: Record<BodyEncoding, (value: string) => string> = {
  json: jsonEscape,
  form: encodeURIComponent,
  text: (value) => value,
};

const DEFAULT_CONTENT_TYPE: Record<BodyEncoding, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
};

/** The body with its values escaped for its content type, and the Content-Type to send when the config set none. */
export function renderNotifyBody(
  template: string,
  values: NotifyValues,
  contentType: string | undefined,
): { body: string; contentType: string } {
  const encoding = bodyEncoding(template, contentType);
  return { body: renderNotifyTemplate(template, values, ENCODERS[encoding]), contentType: contentType ?? DEFAULT_CONTENT_TYPE[encoding] };
}
