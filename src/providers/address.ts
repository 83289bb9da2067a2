import ipaddr from 'ipaddr.js';

/** Canonical text of an address ("2001:DB8:0::1" → "2001:db8::1"), or the input when unparsable. */
export function canonicalAddress(text: string): string {
  try {
    return ipaddr.parse(text.trim()).toString();
  } catch {
    return text.trim();
  }
}

/** Providers may return another text form of the same address (Cloudflare stores IPv6 compressed); compare what they mean. */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  // The same text is the same address: no parse (every record of every no-change run comes here).
  if (a === b) return true;
  return canonicalAddress(a) === canonicalAddress(b);
}
