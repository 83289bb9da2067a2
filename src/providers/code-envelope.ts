import type * as z from 'zod/mini';
import type { HttpResponse } from '../http/client.js';
import { parseJson } from './answers.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from './cloud-api.js';

/**
 * The envelope many Chinese DNS APIs answer with (Rainyun, 51DNS, West.cn, DNS.LA): one JSON
 * object holding a numeric `code` (one value means success), a message under `message` or
 * `msg`, and the payload under `data` or `body`. Read once here; what a failing code means is
 * then told the same way as for the signed cloud APIs (cloud-api.ts).
 */
export interface CodeEnvelope {
  /** The codes that mean success. */
  successCodes: readonly number[];
  messageKey: string;
  dataKey: string;
  /**
   * What a failing code means; the message is given too, for APIs whose codes are not
   * published and whose words are all there is ("记录已存在"). Undefined: judged by the HTTP status.
   */
  meaningOf(code: number, message: string): CloudErrorMeaning | undefined;
}

function numericCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Some of these APIs write the code as a string ("0"); a number in a string is still the code.
  if (typeof value === 'string' && /^-?\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * The payload of a success answer, checked against `schema`; a failure answer becomes the
 * ProviderError its code means (secrets removed), an answer without the envelope a protocol or
 * transient error by its status.
 */
export function readCodeEnvelope<S extends z.ZodMiniType>(
  response: HttpResponse,
  envelope: CodeEnvelope,
  dialect: Omit<CloudApiDialect, 'meaningOf'>,
  schema: S,
  what: string,
  secrets: readonly string[],
): z.output<S> {
  const parsed = parseJson(response.text);
  const fields = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  const code = numericCode(fields?.['code']);
  if (fields === undefined || code === undefined) throw unreadableAnswer(response, what);
  const rawMessage = fields[envelope.messageKey];
  const message = typeof rawMessage === 'string' ? rawMessage : undefined;
  if (!envelope.successCodes.includes(code) || response.status >= 400) {
    const meaning = envelope.successCodes.includes(code) ? undefined : envelope.meaningOf(code, message ?? '');
    throw cloudFailure({ ...dialect, meaningOf: () => meaning }, response, { code: String(code), message }, what, secrets);
  }
  const payload = schema.safeParse(fields[envelope.dataKey]);
  if (!payload.success) throw unexpectedPayload(response, what, firstIssueOf(payload.error.issues));
  return payload.data;
}
