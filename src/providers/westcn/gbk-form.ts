import { ProviderError } from '../../http/errors.js';

/**
 * An `application/x-www-form-urlencoded` body in GBK, which West.cn requires of every request.
 * Node can decode GBK but has no encoder; what ddns sends (ASCII host names in punycode, IP
 * addresses, line codes, ASCII credentials: the schemas allow nothing else) is the same bytes in
 * GBK as in ASCII, so only ASCII is encoded and anything else is refused with a clear error
 * rather than sent as UTF-8 the server would misread.
 */
export function gbkFormBody(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      for (const text of [key, value]) {
        if (!/^[\x00-\x7f]*$/.test(text)) {
          throw new ProviderError('config', `West.cn takes GBK-encoded forms and ddns sends ASCII only, but "${text.replace(/[^\x20-\x7e]/g, '?')}" is not ASCII; write names in punycode (xn--…)`);
        }
      }
      return `${encodeURIComponent(key)}=${encodeURIComponent(value)}`.replace(/%20/g, '+');
    })
    .join('&');
}
