import { ProviderError, type ProviderErrorKind, type ProviderHold } from '../http/errors.js';
import { throwIfTransientStatus, type HttpResponse } from '../http/client.js';
import { describeBody } from './answers.js';
import type { ProviderContext } from './types.js';

/**
 * Shared pieces of the write-only "update URL" services (Namecheap, Njalla, Dynadot, DDNSS,
 * FreeDNS): one GET whose query carries the secret, answered by a reply string the service
 * chose. Each provider says how its replies read (a `ReplyRule` table); this module sends the
 * request, applies the table and words the errors without the secret or the URL.
 */

/** Stop sending until the user changes the record's or the provider's settings (or `--force`). */
export const UNTIL_CONFIG_CHANGE: ProviderHold = { until: 'config-change' };

/** A reply that refuses the update: its kind, its hold (none: retried by the core's rules), and the fix in words. */
export interface Refusal {
  kind: ProviderErrorKind;
  hold?: ProviderHold;
  /** What it means and what to change, e.g. "wrong password; set password to the domain's Dynamic DNS password". */
  explain: string;
}

/** What a reply means: applied (`updated`), already in place (`unchanged`), or refused. */
export type ReplyOutcome = 'updated' | 'unchanged' | Refusal;

/** One line of a service's reply table, tried in order against the whole body. */
export interface ReplyRule {
  pattern: RegExp;
  outcome: ReplyOutcome;
}

/** `text` with every secret replaced by `***` (services echo what they were sent). */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (secret !== '') safe = safe.split(secret).join('***');
  return safe;
}

/** The first rule whose pattern matches `text`. */
export function matchReply(text: string, rules: readonly ReplyRule[]): ReplyRule | undefined {
  return rules.find((rule) => rule.pattern.test(text));
}

/**
 * Sends one update: a GET of `url`, whatever the status (the reply string, not the status, says
 * what happened on these services). The HTTP client logs the URL with registered secrets masked;
 * errors name only host and path.
 */
export function getUpdate(context: ProviderContext, url: URL, accept = 'text/plain, text/html, */*'): Promise<HttpResponse> {
  return context.http.request({ method: 'GET', url: url.href, headers: { Accept: accept }, acceptAnyStatus: true });
}

/** The error a refusal means, worded `<service> refused the update of <name>: <explain>`. */
export function refusalError(service: string, name: string, refusal: Refusal, status: number, code?: string): ProviderError {
  return new ProviderError(refusal.kind, `${service} refused the update of ${name}: ${refusal.explain}`, {
    status,
    ...(code === undefined ? {} : { code }),
    ...(refusal.hold === undefined ? {} : { hold: refusal.hold }),
  });
}

export interface ReplyJudgement {
  /** The service's word, for the debug line of an unchanged address. */
  outcome: 'updated' | 'unchanged';
}

/** Applies a reply table to an answer: returns on success, throws the refusal, or what `notAReply` makes of anything else. */
export function judgeReply(
  response: HttpResponse,
  rules: readonly ReplyRule[],
  /** `text`: what the rules are tried on, when not the whole body (a JSON reply's message). */
  options: { service: string; name: string; secrets: readonly string[]; text?: string },
): ReplyJudgement {
  const text = options.text ?? response.text;
  const { status } = response;
  const rule = matchReply(text, rules);
  if (rule !== undefined && typeof rule.outcome === 'object') {
    throw refusalError(options.service, options.name, rule.outcome, status);
  }
  if (rule !== undefined && typeof rule.outcome === 'string' && status >= 200 && status < 300) return { outcome: rule.outcome };
  throw notAReply(response, options);
}

/**
 * For an answer that is none of the service's replies: the transient error of a 429/5xx, an auth
 * hold for a bare 401/403 (resending refused credentials is what gets accounts blocked), or a
 * protocol error naming the body (secrets masked).
 */
export function notAReply(response: HttpResponse, options: { service: string; name: string; secrets: readonly string[] }): ProviderError {
  throwIfTransientStatus(response, options.service);
  const { status } = response;
  if (status === 401 || status === 403) {
    return new ProviderError('auth', `${options.service} refused the credentials (HTTP ${status}) for ${options.name}`, { status, hold: UNTIL_CONFIG_CHANGE });
  }
  return unknownReply(response, options);
}

/**
 * The refusal a service's own error text means (Namecheap's `<Err1>`, Dynadot's `content`): the
 * first matching rule's, quoting the text; for a text no rule knows, a config error quoting it,
 * held as well (these services' errors are validation errors that resending does not fix).
 */
export function quotedRefusal(said: string, rules: readonly ReplyRule[], secrets: readonly string[], emptyText: string): Refusal {
  const text = withoutSecrets(said, secrets).replace(/\s+/g, ' ').trim().slice(0, 80);
  const quotedText = text === '' ? emptyText : `"${text}"`;
  const rule = matchReply(text, rules);
  if (rule !== undefined && typeof rule.outcome === 'object') return { ...rule.outcome, explain: `${quotedText}: ${rule.outcome.explain}` };
  return { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: `${quotedText}; change the record or the [[provider]] settings it names` };
}

/** A protocol error for an answer that is no reply of the service (a proxy, a captive portal, a moved endpoint). */
export function unknownReply(response: HttpResponse, options: { service: string; secrets: readonly string[] }): ProviderError {
  const body = withoutSecrets(response.text, options.secrets);
  return new ProviderError('protocol', `${options.service} answered HTTP ${response.status} with ${describeBody(body)}, not a reply it documents; check endpoint`, {
    status: response.status,
  });
}

/**
 * The host part of `name` relative to the provider's `domain`: "home.example.com" in
 * "example.com" → "home", the apex → "@". A name outside the domain is a config error.
 */
export function hostInDomain(service: string, name: string, domain: string): string {
  const lowerName = name.toLowerCase().replace(/\.$/, '');
  const lowerDomain = domain.toLowerCase().replace(/\.$/, '');
  if (lowerName === lowerDomain) return '@';
  if (lowerName.endsWith(`.${lowerDomain}`)) return lowerName.slice(0, -(lowerDomain.length + 1));
  throw new ProviderError('config', `${service}: record ${name} is not inside domain "${domain}"; set domain in its [[provider]] to the domain it belongs to`);
}

/** The string option `key` of a validated provider table, or a config error naming it. */
export function requiredOption(options: Record<string, unknown>, key: string, type: string): string {
  const value = options[key];
  if (typeof value !== 'string' || value === '') throw new ProviderError('config', `${type}: ${key} is missing or empty`);
  return value;
}
