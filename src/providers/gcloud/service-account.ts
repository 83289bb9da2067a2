import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import * as z from 'zod/mini';
import { ProviderError } from '../../http/errors.js';
import { parseJsonAs } from '../answers.js';

/**
 * A Google service account's JSON key (what the console's Keys → Add key → JSON downloads) and the
 * RS256-signed JWT that ddns exchanges for an access token (RFC 7523; Google's "OAuth 2.0 for
 * Server to Server Applications"). Nothing here ever puts the private key into a message.
 */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const DNS_SCOPE = 'https://www.googleapis.com/auth/ndev.clouddns.readwrite';
/** The longest life Google accepts for the assertion. */
const ASSERTION_LIFETIME_S = 3600;

const keySchema = z.object({
  type: z.optional(z.string()),
  project_id: z.optional(z.string()),
  private_key_id: z.optional(z.string()),
  private_key: z.string().check(z.minLength(1)),
  client_email: z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/)),
  token_uri: z.optional(z.string().check(z.regex(/^https?:\/\/[^\s]+$/))),
});

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId: string | undefined;
  projectId: string | undefined;
  tokenUri: string;
}

/** The key's fields, or undefined when the text is not a service-account JSON key (the message never quotes it). */
export function parseServiceAccountKey(text: string): ServiceAccountKey | undefined {
  const key = parseJsonAs(keySchema, text);
  if (key === undefined || (key.type !== undefined && key.type !== 'service_account')) return undefined;
  return { clientEmail: key.client_email, privateKey: key.private_key, privateKeyId: key.private_key_id, projectId: key.project_id, tokenUri: key.token_uri ?? GOOGLE_TOKEN_URI };
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function privateKeyOf(key: ServiceAccountKey): KeyObject {
  try {
    const privateKey = createPrivateKey(key.privateKey);
    if (privateKey.asymmetricKeyType === 'rsa') return privateKey;
  } catch {
    // said below, without the key's text
  }
  throw new ProviderError('config', `gcloud: the private_key of the service-account key (key) is not an RSA private key in PEM; download a new JSON key for ${key.clientEmail} (IAM → Service accounts → Keys)`);
}

/** The signed assertion: iss = the account, scope, aud = the key's token_uri, iat now, exp an hour on. */
export function signedAssertion(key: ServiceAccountKey, scope: string, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.privateKeyId === undefined ? {} : { kid: key.privateKeyId }) };
  const claims = { iss: key.clientEmail, scope, aud: key.tokenUri, iat: nowSeconds, exp: nowSeconds + ASSERTION_LIFETIME_S };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), privateKeyOf(key)))}`;
}
