/** `http://…` / `https://…` sources, and the GET every HTTP-based source makes. */
import type { Family } from '../../domain.js';
import { describeUrl } from '../../http/client.js';
import { addressIn, UnusableAnswerError, type AnswerWording } from './answer.js';
import type { SourceContext, SourceFunction } from './types.js';

const BODY: AnswerWording = { what: 'the answer', empty: 'empty body' };

function stripUrlPrefix(message: string, url: string): string {
  const prefix = `${describeUrl(url)}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** The body of a 2xx answer to a GET of `url`; any other status is an unusable answer. */
export async function httpGet(url: string, family: Family, context: SourceContext): Promise<string> {
  let response;
  try {
    response = await context.http.request({
      url,
      acceptAnyStatus: true,
      timeoutMs: context.timeoutMs,
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.forceFamily ? { family: family === 'ipv4' ? (4 as const) : (6 as const) } : {}),
    });
  } catch (error) {
    // The client names the URL; detect.ts prefixes the source label itself.
    throw new Error(stripUrlPrefix(error instanceof Error ? error.message : String(error), url));
  }
  if (response.status < 200 || response.status > 299) throw new UnusableAnswerError(`HTTP ${response.status}`);
  return response.text;
}

/** `http://…` / `https://…`: the first address of the family in the body. */
export const fromHttpSource: SourceFunction = async (source, family, context) => {
  const body = await httpGet(source, family, context);
  return addressIn(body, family, BODY);
};
