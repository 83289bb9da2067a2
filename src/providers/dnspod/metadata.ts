import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { DEFAULT_LINE, INTL_TOKEN_DEFAULT_LINE } from './limits.js';
import { lazyProperty } from '../lazy.js';

export { DEFAULT_LINE, INTL_TOKEN_DEFAULT_LINE };

/**
 * A SecretId / SecretKey is printable ASCII without spaces. Anything else (a pasted space, a
 * quote, a line break) could only be sent as a wrong signature, so it is a config error named on
 * its line instead of an AuthFailure after the first request.
 */
const credential = z.string().check(
  z.minLength(1, 'must not be empty'),
  // Printable ASCII except space and the quotes " and '.
  z.regex(/^[\x21\x23-\x26\x28-\x7e]+$/, 'must not contain spaces, line breaks, quotes or non-ASCII characters'),
);

/**
 * A DNSPod token as the console shows it: the token's numeric ID, a comma, the token. The
 * message never repeats the value: it is a secret.
 */
const loginToken = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.regex(/^\d+,[\x21-\x2b\x2d-\x7e]+$/, 'must be "ID,TOKEN" as the DNSPod console shows it (API 密钥 → DNSPod Token), e.g. "123456,0123456789abcdef0123456789abcdef"'),
);

const TC3_KEYS = ['secret_id', 'secret_key'] as const;

/**
 * One credential kind per [[provider]]: the pair of Tencent Cloud API 3.0 or the DNSPod token.
 * Which one is given chooses the API, so both at once would be ambiguous.
 */
const oneCredentialKind = z.superRefine((options: Record<string, unknown>, context) => {
  const tc3 = TC3_KEYS.filter((key) => options[key] !== undefined);
  const token = options['login_token'] !== undefined;
  if (token && tc3.length > 0) {
    context.addIssue({
      code: 'custom',
      path: ['login_token'],
      message: 'give either login_token (the DNSPod token API) or secret_id and secret_key (Tencent Cloud API 3.0), not both',
      input: options,
    });
  } else if (!token && tc3.length === 0) {
    context.addIssue({
      code: 'custom',
      path: [],
      message: 'needs credentials: secret_id and secret_key (Tencent Cloud API 3.0), or login_token (a DNSPod token "ID,TOKEN")',
      input: options,
    });
  } else if (!token) {
    // The other half of the pair, reported as a missing credential on its own key.
    for (const key of TC3_KEYS) if (options[key] === undefined) context.addIssue({ code: 'custom', path: [key], message: 'is missing', input: options });
  }
});

export const dnspodMetadata: ProviderMetadata = {
  type: 'dnspod',
  title: 'Tencent Cloud DNSPod',
  credentialKeys: ['secret_id', 'secret_key', 'login_token'],
  // Tencent Cloud API limit for the DNSPod actions ddns calls: 20 requests per second.
  maxRequestsPerSecond: 20,
  // The SecretId is an identifier rather than a password, but people keep the pair together
  // (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY): both accept _env and _file, and both are
  // masked in every output. The login token's TOKEN part is also masked alone (index.ts).
  secretKeys: ['secret_id', 'secret_key', 'login_token'],
  // A TC3 signature's X-TC-Timestamp must be within 5 minutes of Tencent Cloud's clock.
  clockToleranceSeconds: 300,
  // DescribeDomainList pages of 3000 (DOMAIN_PAGE_SIZE in index.ts).
  zonePageSize: 3000,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z
        .strictObject({
          secret_id: z.optional(credential),
          secret_key: z.optional(credential),
          login_token: z.optional(loginToken),
          /** "intl": the international site (api.dnspod.com, dnspod.intl.tencentcloudapi.com). */
          site: z.optional(z.enum(['cn', 'intl'])),
        })
        .check(oneCredentialKind));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        line: z.optional(
          z
            .string()
            .check(z.minLength(1, 'must not be empty'), z.maxLength(64), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters')),
        ),
      }));
  },
  load: async () => (await import('./index.js')).createDnspodProvider,
};
