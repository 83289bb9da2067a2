/**
 * HTTP requests written as `{variable}` templates: the webhook provider's and the `[[notify]]`
 * webhooks' url, method, headers and body. Each user names its own variables; rendering,
 * escaping and the config checks are the same for both, so both kinds of webhook behave alike.
 * Free of any sending code so the config schemas can check templates without loading it.
 */
import * as z from 'zod/mini';

/** `{word}`: letters, digits and "_" only, so JSON braces (`{"a": 1}`) are never taken for a variable. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The value as it goes between the quotes of a JSON string. */
export function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** True for application/json and the +json types (application/vnd.api+json …). */
function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function isFormContentType(contentType: string | undefined): boolean {
  return (contentType?.split(';')[0] ?? '').trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** A header's value whatever the case its name was configured in. */
function headerLookup(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export type BodyEncoding = 'json' | 'form' | 'text';

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

/** A request as configured (templates) or as sent (rendered); GET has no body. */
export interface WebhookRequest<Method extends string> {
  url: string;
  method: Method;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The templates of one kind of webhook: which variables exist, and how they are filled in and checked. */
export class HttpTemplates<Name extends string> {
  /**
   * @param variables the `{variable}` names a template may use.
   * @param samples stand-ins for the values when checking that a url stays a URL once filled in.
   */
  constructor(
    readonly variables: readonly Name[],
    private readonly samples: Readonly<Record<Name, string>>,
  ) {}

  private isVariable(name: string): name is Name {
    return (this.variables as readonly string[]).includes(name);
  }

  /** Variables a template uses that do not exist (a typo would otherwise be sent literally). */
  unknownVariables(template: string): string[] {
    const unknown = new Set<string>();
    for (const match of template.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      if (!this.isVariable(name)) unknown.add(name);
    }
    return [...unknown];
  }

  unknownVariablesMessage(unknown: readonly string[]): string {
    const list = unknown.map((name) => `{${name}}`).join(', ');
    const known = this.variables.map((name) => `{${name}}`).join(', ');
    return `unknown variable${unknown.length === 1 ? '' : 's'} ${list} (known: ${known})`;
  }

  /** Every variable as one JSON object (`{"name":"{name}",…}`): a body that sends all there is. */
  everyVariableAsJson(): string {
    return `{${this.variables.map((name) => `"${name}":"{${name}}"`).join(',')}}`;
  }

  /** Replaces each known variable with `encode(value)`; unknown ones were refused by the schema and stay as written. */
  render(template: string, values: Readonly<Record<Name, string>>, encode: (value: string) => string): string {
    return template.replace(PLACEHOLDER, (whole, name: string) => (this.isVariable(name) ? encode(values[name]) : whole));
  }

  /** The url with the variables percent-encoded, so an IPv6 ":" or an error text cannot change the URL's structure. */
  renderUrl(template: string, values: Readonly<Record<Name, string>>): string {
    return this.render(template, values, encodeURIComponent);
  }

  /**
   * How values are escaped in a body: JSON when the Content-Type says so (application/json, +json)
   * or, without a Content-Type, when the template (variables aside) is written as a JSON object or
   * array; percent-encoding for application/x-www-form-urlencoded; as written otherwise.
   */
  bodyEncoding(template: string, contentType: string | undefined): BodyEncoding {
    // Judged without the variables: "{name} changed" starts with a brace but is not JSON.
    const shape = template.replace(PLACEHOLDER, (whole, name: string) => (this.isVariable(name) ? '' : whole));
    if (isJsonContentType(contentType) || (contentType === undefined && /^\s*[[{]/.test(shape))) return 'json';
    if (isFormContentType(contentType)) return 'form';
    return 'text';
  }

  /** The body with its values escaped for its content type, and the Content-Type to send when the config set none. */
  renderBody(template: string, values: Readonly<Record<Name, string>>, contentType: string | undefined): { body: string; contentType: string } {
    const encoding = this.bodyEncoding(template, contentType);
    return { body: this.render(template, values, ENCODERS[encoding]), contentType: contentType ?? DEFAULT_CONTENT_TYPE[encoding] };
  }

  /**
   * The request to send: variables percent-encoded in the url, escaped for the body's content type
   * (`defaultBody` when POST, PUT … has none); a body without a Content-Type header gets one.
   */
  renderRequest<Method extends string>(
    request: WebhookRequest<Method>,
    values: Readonly<Record<Name, string>>,
    defaultBody: string,
  ): WebhookRequest<Method> {
    const headers = { ...request.headers };
    const url = this.renderUrl(request.url, values);
    if (request.method === 'GET') return { url, method: request.method, headers, body: undefined };
    const contentType = headerLookup(headers, 'content-type');
    const rendered = this.renderBody(request.body ?? defaultBody, values, contentType);
    if (contentType === undefined) headers['Content-Type'] = rendered.contentType;
    return { url, method: request.method, headers, body: rendered.body };
  }

  /** The url is a valid http(s) URL once its variables are filled in. */
  isHttpUrlTemplate(template: string): boolean {
    try {
      const url = new URL(this.renderUrl(template, this.samples));
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }

  /** A string that uses only the known variables. */
  templateSchema() {
    return z.string().check(
      z.superRefine((template, context) => {
        const unknown = this.unknownVariables(template);
        if (unknown.length > 0) context.addIssue({ code: 'custom', message: this.unknownVariablesMessage(unknown) });
      }),
    );
  }

  /** A url template: known variables only, and an http(s) URL once they are filled in; the error names `example` as a variable to use. */
  urlTemplateSchema(example: Name) {
    return this.templateSchema().check(
      z.refine((template: string) => this.isHttpUrlTemplate(template), `expected an http:// or https:// URL (variables such as {${example}} allowed)`),
    );
  }
}

/** `method`: one of `methods`, in any case; `fallback` when not set. */
export function methodSchema<const Method extends string>(methods: readonly Method[], fallback: NoInfer<Method>) {
  return z._default(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((method) => method.toUpperCase()),
      ),
      z.enum(methods, { error: `must be one of ${methods.join(', ')}` }),
    ),
    fallback,
  );
}

/** Refuses a `body` with method GET, which sends none; `message` says what to do instead. */
export function noBodyWithGet(message: string) {
  return z.superRefine(
    (options: { method?: unknown; body?: unknown }, context) => {
      if (typeof options.method === 'string' && options.method.toUpperCase() === 'GET' && options.body !== undefined) {
        context.addIssue({ code: 'custom', path: ['body'], message });
      }
    },
    // Also when another key failed: the method is then still the string as written.
    { when: () => true },
  );
}

/** RFC 9110 token characters: what a header name may consist of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Set by the HTTP client from the request itself; a configured value would contradict it. */
const MANAGED_HEADERS: ReadonlySet<string> = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

const headerValue = z.string().check(
  z.refine((value) => !/[\r\n\u0000]/.test(value), 'must not contain line breaks'),
  z.refine((value) => value.trim() !== '', 'must not be empty'),
);

/** A `headers` table: names that are valid header names and not managed by the HTTP client, values on one line. */
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
