/**
 * Secrets are registered once when the config is loaded; everything that leaves the process
 * (console, log file, --json, state) goes through `redact`. Besides the exact value we also
 * catch the forms a secret takes on the wire: URL-encoded, base64 and in basic-auth headers.
 */
const MASK = '***';
const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();
let patterns: string[] = [];

const SENSITIVE_QUERY = /([?&](?:token|password|pass|pwd|key|secret|signature|sig|api_key|apikey|access_token|x-amz-signature|x-amz-credential)=)[^&#\s"']*/gi;
const AUTH_HEADER = /((?:authorization|x-auth-key|x-auth-token|x-api-key)["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|Token|TC3-HMAC-SHA256|SDK-HMAC-SHA256|AWS4-HMAC-SHA256)\s+)?[^"',\r\n]+/gi;
/** A string without one of these names cannot match AUTH_HEADER. */
const AUTH_HEADER_NAME = /authorization|x-auth-key|x-auth-token|x-api-key/i;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  const base64 = Buffer.from(secret).toString('base64');
  forms.add(base64.replace(/=+$/, ''));
  forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

export function registerSecrets(secrets: Iterable<string>): void {
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) registered.add(secret);
  }
  // Longest first, so a secret that contains another is masked whole.
  patterns = [...new Set([...registered].flatMap(formsOf))].sort((a, b) => b.length - a.length);
}

/** Forget every registered secret (tests and long-lived callers only). */
export function clearSecrets(): void {
  registered.clear();
  patterns = [];
}

export function redact(text: string): string {
  let result = text;
  for (const pattern of patterns) {
    if (result.includes(pattern)) result = result.split(pattern).join(MASK);
  }
  // Each pattern only where it can match: the state file alone holds hundreds of timestamps,
  // and three regular expressions over each of them were a tenth of a no-change run.
  if (result.includes('=')) result = result.replace(SENSITIVE_QUERY, `$1${MASK}`);
  if (AUTH_HEADER_NAME.test(result)) result = result.replace(AUTH_HEADER, `$1${MASK}`);
  if (result.includes('@')) result = result.replace(URL_USERINFO, `$1${MASK}@`);
  return result;
}

/** Deep-redacts every string inside a JSON-like value (for --json output and the state file). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactValue(item);
    return out as T;
  }
  return value;
}
