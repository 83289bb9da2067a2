/** Validation of the DNS names written in `[[record]]` name and zone. */
import { quoted } from '../text.js';

export type DnsNameCheck = { ok: true; name: string } | { ok: false; reason: string };

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LABEL = /^[a-z0-9_-]+$/;

/**
 * Checks a DNS name and returns it normalised (lower-case, no trailing dot).
 * `minLabels` is 2 for record names: a single label ("home") is almost always a record written
 * without its zone, and no DDNS provider can update a top-level domain.
 */
export function checkDnsName(input: string, minLabels: number): DnsNameCheck {
  if (input === '@') {
    return { ok: false, reason: '"@" is not allowed: write the full name (for the zone apex, the zone itself, e.g. "example.com")' };
  }
  if (input.includes('*')) {
    return { ok: false, reason: 'wildcard names are not allowed: a dynamic record names one host, e.g. "home.example.com"' };
  }
  const name = (input.endsWith('.') ? input.slice(0, -1) : input).toLowerCase();
  if (name === '') return { ok: false, reason: 'must not be empty' };
  if (/[^\x00-\x7f]/.test(name)) {
    return { ok: false, reason: 'contains non-ASCII characters: write an internationalised name in its punycode form ("xn--…")' };
  }
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `is ${name.length} characters long; a DNS name has at most ${MAX_NAME_LENGTH}` };
  }
  const labels = name.split('.');
  for (const label of labels) {
    if (label === '') return { ok: false, reason: 'has an empty label (a leading dot or two dots in a row)' };
    if (label.length > MAX_LABEL_LENGTH) {
      return { ok: false, reason: `label ${quoted(label)} is ${label.length} characters long; a label has at most ${MAX_LABEL_LENGTH}` };
    }
    if (!LABEL.test(label)) {
      return { ok: false, reason: `label ${quoted(label)} may contain only letters, digits, "-" and "_"` };
    }
  }
  if (labels.length < minLabels) {
    return { ok: false, reason: `must be a fully qualified name such as "${name}.example.com", not a single label` };
  }
  return { ok: true, name };
}

/** True when `name` is the zone itself or a name below it. Both must already be normalised. */
export function isInsideZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}
