import { describeUrl, type HttpClient, type HttpRequest } from '../http/client.js';
import { isProviderError } from '../http/errors.js';
import type { Message } from './message.js';

/** One `[[notify]]` entry, ready to send. */
export interface Notifier {
  readonly type: string;
  /** The url's origin: all of it that may be printed. */
  readonly target: string;
  send(message: Message): Promise<void>;
  /** Sent when the run begins (healthchecks `start = true`). */
  start?(): Promise<void>;
}

/** Why a message was not delivered. `retryable`: worth one more try within this run. */
export class NotifyError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

export function isNotifyError(error: unknown): error is NotifyError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NotifyError';
}

function isTimeout(error: unknown): boolean {
  const cause = (error as { cause?: { name?: unknown } }).cause;
  return cause?.name === 'AbortError';
}

/**
 * Sends one request; any 2xx answer is success. Errors never quote the url beyond its origin
 * (the path holds the notifier's key). A timeout is not retried: a receiver that hung once would
 * most likely hang again, and the run must not wait twice. Refused or reset connections, 5xx
 * and 429 are retried once.
 */
export async function sendRequest(http: HttpClient, request: HttpRequest): Promise<void> {
  let status: number;
  try {
    status = (await http.request(request)).status;
  } catch (error) {
    if (!isProviderError(error)) throw new NotifyError(String(error), false);
    const prefix = `${describeUrl(request.url)}: `;
    const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : 'request failed';
    throw new NotifyError(reason, error.retryable && !isTimeout(error), error.retryAfterMs);
  }
  if (status >= 200 && status < 300) return;
  if (status >= 300 && status < 400) throw new NotifyError(`HTTP ${status} (a redirect; ddns does not follow it: use the final url)`, false);
  throw new NotifyError(`HTTP ${status}`, false);
}
