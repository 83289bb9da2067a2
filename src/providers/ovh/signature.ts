import { hashHex } from '../signing.js';

/** What an OVHcloud request signature covers (WIRE.md: the full URL with its query, the exact body). */
export interface OvhSignedParts {
  applicationSecret: string;
  consumerKey: string;
  method: string;
  url: string;
  body: string;
  timestamp: number;
}

/** `X-Ovh-Signature`: "$1$" and the hex SHA-1 of the parts joined by "+". */
export function ovhSignature(parts: OvhSignedParts): string {
  return `$1$${hashHex('sha1', [parts.applicationSecret, parts.consumerKey, parts.method.toUpperCase(), parts.url, parts.body, String(parts.timestamp)].join('+'))}`;
}
