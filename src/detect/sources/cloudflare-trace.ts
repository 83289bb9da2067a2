/** The `cloudflare-trace` source: Cloudflare's `/cdn-cgi/trace`, which names the caller's address. */
import type { Family } from '../../domain.js';
import { UnusableAnswerError } from './answer.js';
import { httpGet } from './http.js';
import type { SourceFunction } from './types.js';

/**
 * `DDNS_CLOUDFLARE_TRACE_URL` replaces the trace endpoint's origin (scheme, host, port) for both
 * families, e.g. `http://127.0.0.1:8080`; `/cdn-cgi/trace` is appended. Meant for tests and for
 * networks that must reach Cloudflare through a local relay; unset in normal use.
 */
export const CLOUDFLARE_TRACE_URL_ENV = 'DDNS_CLOUDFLARE_TRACE_URL';
const CLOUDFLARE_TRACE_ORIGIN: Record<Family, string> = {
  ipv4: 'https://1.1.1.1',
  ipv6: 'https://[2606:4700:4700::1111]',
};
const TRACE_PATH = '/cdn-cgi/trace';

export function cloudflareTraceUrl(family: Family, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CLOUDFLARE_TRACE_URL_ENV]?.trim();
  const origin = override ? override.replace(/\/+$/, '') : CLOUDFLARE_TRACE_ORIGIN[family];
  return `${origin}${TRACE_PATH}`;
}

/** The `ip=` value of a `/cdn-cgi/trace` body (`key=value` lines; unknown keys ignored). */
export function parseTraceIp(body: string): string | undefined {
  for (const line of body.split(/\r?\n/)) {
    const separator = line.indexOf('=');
    if (separator > 0 && line.slice(0, separator).trim() === 'ip') return line.slice(separator + 1).trim();
  }
  return undefined;
}

/** `cloudflare-trace`: Cloudflare's trace endpoint, reached over the family being detected. */
export const fromCloudflareTrace: SourceFunction = async (_source, family, context) => {
  const body = await httpGet(cloudflareTraceUrl(family), family, context);
  const ip = parseTraceIp(body);
  if (ip === undefined) throw new UnusableAnswerError('trace answer has no ip= line');
  return ip;
};
