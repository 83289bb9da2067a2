import * as z from 'zod/mini';
import { checkDnsName } from '../../config/dns-name.js';
import type { ProviderMetadata } from '../types.js';
import { parseServer } from './server.js';
import { isBase64Secret, TSIG_ALGORITHM_NAMES } from './tsig-keys.js';
import { lazyProperty } from '../lazy.js';

export const rfc2136Metadata: ProviderMetadata = {
  type: 'rfc2136',
  title: 'RFC 2136 dynamic update (BIND, Knot, PowerDNS …) with TSIG',
  credentialKeys: ['server', 'tsig_name', 'tsig_secret'],
  secretKeys: ['tsig_secret'],
  // The TSIG fudge ddns signs with (RFC 8945 recommends 300 s): the server checks the time against it.
  clockToleranceSeconds: 300,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        server: z.string().check(
          z.superRefine((value, context) => {
            const parsed = parseServer(value);
            if (!parsed.ok) context.addIssue({ code: 'custom', message: `${parsed.reason} (expected host, host:port or [IPv6]:port)` });
          }),
        ),
        tsig_name: z.pipe(
          z.string(),
          z.transform((value, context): string => {
            // Key names are DNS names ("ddns-key", "host.example.com."), compared case-insensitively.
            const check = checkDnsName(value, 1);
            if (!check.ok) {
              context.issues.push({ code: 'custom', message: `is not a valid TSIG key name: ${check.reason}`, input: value });
              return z.NEVER;
            }
            return check.name;
          }),
        ),
        tsig_algorithm: z._default(z.enum(TSIG_ALGORITHM_NAMES), 'hmac-sha256'),
        // The message never repeats the value: it is a secret.
        tsig_secret: z
          .string()
          .check(z.minLength(1, 'must not be empty'), z.refine(isBase64Secret, 'must be the base64 secret of the key (as in BIND\'s secret "…";)')),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createRfc2136Provider,
};
