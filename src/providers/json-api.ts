import type * as z from 'zod/mini';
import { ProviderError } from '../http/errors.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import { describeBody, parseJsonAs } from './answers.js';

/** One JSON request of a REST API authenticated by one header: Authorization, or the API's own (X-API-Key …). */
export interface JsonRequest {
  method: string;
  url: string;
  /** The Authorization header's value ("Bearer …"). */
  authorization?: string;
  /** Authentication headers of the API's own instead (`{ 'X-Auth-Token': … }`). */
  headers?: Record<string, string>;
  body?: object | undefined;
}

/** Sends the request with Accept (and, with a body, Content-Type) JSON; every status is returned to the caller. */
export async function sendJson(http: HttpClient, request: JsonRequest): Promise<HttpResponse> {
  return http.request({
    method: request.method,
    url: request.url,
    headers: {
      ...(request.authorization === undefined ? {} : { Authorization: request.authorization }),
      ...request.headers,
      Accept: 'application/json',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    acceptAnyStatus: true,
  });
}

/** The answer validated by `schema`, or a protocol error quoting it (`what`: "DigitalOcean GET /domains"). */
export function readJsonAnswer<S extends z.ZodMiniType>(schema: S, response: HttpResponse, what: string): z.output<S> {
  const parsed = parseJsonAs(schema, response.text);
  if (parsed === undefined) {
    throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
  }
  return parsed;
}
