/**
 * Finding the address in what a source answered (an HTTP body, a command's output), and the
 * error for an answer that holds none: every source that reads free text shares both.
 */
import { familyName, type Family } from '../../domain.js';
import { firstLineExcerpt } from '../../text.js';
import { parseAddress } from '../classify.js';

/**
 * The source answered, but not with an address (an HTTP error status, a page or output without
 * one). Unlike a refused or timed-out connection, it proves that the network is up.
 */
export class UnusableAnswerError extends Error {
  override readonly name = 'UnusableAnswerError';
}

/**
 * Four dotted decimals not glued to more digits or dots, nor to a letter before them: "1.2.3.4.5"
 * and "v1.2.3.4" (a version in an error page, which would otherwise be published) are not addresses.
 */
const IPV4_TOKEN = /(?<![\dA-Za-z.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)/g;
/**
 * Maximal runs of hex digits, colons and dots; those with a colon are validated one by one below.
 * (Not `[…]*:[…]*`: on a long run without a colon that pattern rescans the run from every start
 * position, and a 64 KiB hex blob in a body blocked the process for half a minute.)
 */
const IPV6_RUN = /[0-9A-Fa-f:.]+/g;
/** The longest IPv6 text (`ffff:…:255.255.255.255`, 45) plus room for a label and punctuation. */
const MAX_IPV6_RUN = 64;

/**
 * The first token in `text` that parses as an address of `family`, as written. Only tokens
 * are considered, so "Your IP: 8.8.8.8</b>" yields 8.8.8.8 and a page with no address yields
 * undefined; which address is acceptable is decided later.
 */
export function findFirstAddress(text: string, family: Family): string | undefined {
  if (family === 'ipv4') {
    for (const match of text.matchAll(IPV4_TOKEN)) {
      if (parseAddress(match[0], 'ipv4')) return match[0];
    }
    return undefined;
  }
  for (const match of text.matchAll(IPV6_RUN)) {
    // A label before the address ("ip:2606::1") or punctuation after it ("… 2606::1.") joins
    // the run; try the run as is, then without one stray leading colon and trailing dots/colons.
    const token = match[0];
    if (!token.includes(':') || token.length > MAX_IPV6_RUN) continue;
    const withoutTrailing = token.replace(/[.:]+$/, '');
    const variants = [token, withoutTrailing].flatMap((variant) => (/^:[^:]/.test(variant) ? [variant, variant.slice(1)] : [variant]));
    const found = variants.find((variant) => parseAddress(variant, 'ipv6') !== undefined);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** How a message names one kind of answer, and an empty one. */
export interface AnswerWording {
  /** `the answer`, `the output`. */
  what: string;
  /** `empty body`, `empty output`. */
  empty: string;
}

/** Longest start of an answer without an address that the error quotes. */
const PREVIEW_LENGTH = 60;

/** The first address of `family` in `text`, or an UnusableAnswerError quoting the text's first line. */
export function addressIn(text: string, family: Family, wording: AnswerWording): string {
  const found = findFirstAddress(text, family);
  if (found !== undefined) return found;
  const preview = firstLineExcerpt(text, PREVIEW_LENGTH);
  throw new UnusableAnswerError(`no ${familyName(family)} address in ${wording.what}${preview ? ` ("${preview}")` : ` (${wording.empty})`}`);
}
