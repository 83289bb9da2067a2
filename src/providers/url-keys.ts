import * as z from 'zod/mini';
import { checkDnsName } from '../config/dns-name.js';
import type { TableSchema } from './types.js';

/**
 * The credential keys of a `ProviderMetadata`. Its `configSchema` is a getter of the metadata itself
 * (lazyProperty), built by the matching `…Schema()` below: spreading a getter would build it at once.
 */
export interface UpdateUrlKeys {
  credentialKeys: readonly string[];
  secretKeys: readonly string[];
}

/**
 * The schema of a secret that travels in a URL's query (DuckDNS's token, Namecheap's Dynamic DNS
 * password, FreeDNS's update token…): a pasted space or line break would silently become part
 * of it, so it is refused when the config loads.
 */
export function querySecret(): z.ZodMiniString {
  return z.string().check(
    z.minLength(1, 'must not be empty'),
    z.refine((secret) => /^[^\s\u0000-\u001f\u007f]+$/.test(secret), 'must not contain spaces, line breaks or control characters'),
  );
}

/** The schema of a `domain` key naming the registered domain a service's update URL takes (Namecheap, Dynadot). */
export function domainName(): z.ZodMiniString {
  return z.string().check(
    z.refine((domain) => checkDnsName(domain, 2).ok, 'must be the registered domain, e.g. "example.com"'),
  );
}

/** The keys of a service authenticated by one secret in the query (`key = "…"`). */
export function oneQuerySecret(key: string): UpdateUrlKeys {
  return { credentialKeys: [key], secretKeys: [key] };
}

/** The `[[provider]]` schema of `oneQuerySecret(key)`. */
export function oneQuerySecretSchema(key: string): TableSchema {
  return z.strictObject({ [key]: querySecret() });
}

/** The keys of a service that updates the names of one `domain` with that domain's `password` (Namecheap, Dynadot). */
export function domainAndPassword(): UpdateUrlKeys {
  return { credentialKeys: ['domain', 'password'], secretKeys: ['password'] };
}

/** The `[[provider]]` schema of `domainAndPassword()`. */
export function domainAndPasswordSchema(): TableSchema {
  return z.strictObject({ domain: domainName(), password: querySecret() });
}
