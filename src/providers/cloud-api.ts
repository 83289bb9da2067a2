import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../http/errors.js';
import { parseRetryAfter, throwIfTransientStatus, type HttpResponse } from '../http/client.js';
import { describeBody } from './answers.js';

/**
 * How the signed cloud APIs (Volcengine, JD Cloud, Baidu AI Cloud) fail, read once: each answers a
 * refused request with a JSON envelope holding an error code and a message, and each client only
 * says how its envelope spells them and which of its codes mean what. What ddns then says, and
 * whether the core retries, is the same for all of them.
 */

/** What an error code means for ddns; `credentials` and `permission` are both 'auth', told apart in the message. */
export type CloudErrorMeaning = Exclude<ProviderErrorKind, 'auth'> | 'credentials' | 'permission';

export interface CloudApiDialect {
  /** The service as messages name it: "Volcengine". */
  service: string;
  /** What to check when the credentials are refused: "check access_key_id and secret_access_key (…)". */
  credentialsHint: string;
  /** What to grant when the credentials lack a permission. */
  permissionHint: string;
  /** How far the server lets a signing time be off, for the clock-skew message. */
  signatureWindow: string;
  /** The meaning of an error code; undefined: judged by the HTTP status. */
  meaningOf(code: string): CloudErrorMeaning | undefined;
}

export interface CloudErrorDetail {
  code: string | undefined;
  message: string | undefined;
  requestId?: string | undefined;
}

function meaningOfStatus(status: number): CloudErrorMeaning {
  if (status === 401 || status === 403) return 'credentials';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'transient';
  return 'config';
}

/** One line naming the code, the server's message and its request id, secrets removed later. */
function describeDetail(detail: CloudErrorDetail, status: number): string {
  const text = (detail.message ?? '').trim().replace(/\s+/g, ' ');
  const message = text === '' ? 'no message' : text.length > 120 ? `${text.slice(0, 120)}…` : text;
  const code = detail.code === undefined || detail.code === '' ? `HTTP ${status}` : detail.code;
  return `${code}: ${message}${detail.requestId ? `; RequestId ${detail.requestId}` : ''}`;
}

/** The ProviderError for an answer whose envelope reports an error. */
export function cloudFailure(dialect: CloudApiDialect, response: HttpResponse, detail: CloudErrorDetail, what: string, secrets: readonly string[]): ProviderError {
  const { status } = response;
  const meaning = (detail.code === undefined ? undefined : dialect.meaningOf(detail.code)) ?? meaningOfStatus(status);
  const text = describeDetail(detail, status);
  const details = { status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')), code: detail.code };
  const fail = (kind: ProviderErrorKind, message: string) => providerErrorWithout(secrets, kind, message, details);
  switch (meaning) {
    case 'credentials':
      return fail('auth', `${dialect.service} rejected the credentials (${text}); ${dialect.credentialsHint}`);
    case 'permission':
      return fail('auth', `${dialect.service} denied ${what} (${text}); ${dialect.permissionHint}`);
    case 'clock-skew':
      return fail(
        'clock-skew',
        `${dialect.service} refused ${what} as signed too far from its clock (${text}); signatures are valid for ${dialect.signatureWindow}, so set the system clock right (enable NTP time sync)`,
      );
    case 'rate-limit':
      return fail('rate-limit', `${what}: rate limited (${text})`);
    case 'transient':
      return fail('transient', `${what}: server error (${text})`);
    case 'conflict':
      return fail('conflict', `${what} refused: such a record already exists (${text}); delete the duplicate record`);
    case 'not-found':
      return fail('not-found', `${what}: not found (${text})`);
    default:
      return fail(meaning, `${what} refused (${text})`);
  }
}

/** An answer that is not the API's envelope at all (a proxy's page, a cut body): the status decides. */
export function unreadableAnswer(response: HttpResponse, what: string): ProviderError {
  throwIfTransientStatus(response, what);
  return new ProviderError('protocol', `${what}: HTTP ${response.status} answer is not the API's (${describeBody(response.text)}); is endpoint right, or is a proxy in between?`, {
    status: response.status,
  });
}

/** A success envelope whose payload lacks the documented fields. */
export function unexpectedPayload(response: HttpResponse, what: string, issue: string): ProviderError {
  return new ProviderError('protocol', `${what}: the answer does not have the documented fields (${issue})`, { status: response.status });
}

/** The first problem zod found, as "path: message". */
export function firstIssueOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (issue === undefined) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
