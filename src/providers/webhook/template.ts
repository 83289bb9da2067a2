/**
 * The `{variable}` templates of the webhook provider's url and body. Kept apart from the
 * provider so the config schema can check templates without loading the implementation.
 */

export const TEMPLATE_VARIABLES = ['name', 'type', 'ip', 'old_ip'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

/** `{word}`: letters, digits and "_" only, so JSON braces (`{"a": 1}`) are never taken for a variable. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function isVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** Variables a template uses that do not exist (a typo would otherwise be sent literally). */
export function unknownVariables(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!isVariable(name)) unknown.add(name);
  }
  return [...unknown];
}

export function unknownVariablesMessage(unknown: readonly string[]): string {
  const list = unknown.map((name) => `{${name}}`).join(', ');
  return `unknown variable${unknown.length === 1 ? '' : 's'} ${list} (known: ${TEMPLATE_VARIABLES.map((name) => `{${name}}`).join(', ')})`;
}

/** Replaces each known variable with `encode(value)`; unknown ones were refused by the schema and stay as written. */
export function renderTemplate(template: string, values: TemplateValues, encode: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isVariable(name) ? encode(values[name]) : whole));
}

/** The value as it goes between the quotes of a JSON string. */
export function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** True for application/json and the +json types (application/vnd.api+json …). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType?.split(';')[0] ?? '').trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** A body written as a JSON object or array; its values must be JSON-escaped even without a Content-Type. */
export function looksLikeJson(body: string): boolean {
  return /^\s*[[{]/.test(body);
}

/** The url with the variables filled in, percent-encoded so an IPv6 ":" or an odd name cannot change the URL's structure. */
export function renderUrl(template: string, values: TemplateValues): string {
  return renderTemplate(template, values, encodeURIComponent);
}
