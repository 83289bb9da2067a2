import { ProviderError } from '../../http/errors.js';
import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { getUpdate, judgeReply, quotedRefusal, refusalError, UNTIL_CONFIG_CHANGE, type ReplyRule } from '../update-url.js';

/**
 * FreeDNS (afraid.org): `GET /dynamic/update.php?<token>&address=<ip>`, one token per dynamic
 * entry (an A and an AAAA entry each have theirs), answered in text. Wire facts: WIRE.md in this
 * folder.
 */

export const FREEDNS_BASE = 'https://freedns.afraid.org';
const SERVICE = 'FreeDNS';

/** The unchanged replies start with "ERROR:" too, so they come first. */
const REPLIES: readonly ReplyRule[] = [
  { pattern: /^\s*Updated \d+ host/i, outcome: 'updated' },
  { pattern: /has not changed|No IP change detected/i, outcome: 'unchanged' },
  {
    pattern: /Unable to locate this record|Invalid update URL/i,
    outcome: { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: 'FreeDNS does not know this token; copy the entry\'s update URL token from the Dynamic DNS page of freedns.afraid.org' },
  },
];

class FreednsProvider implements WriteOnlyProvider {
  private readonly base: string;
  private readonly secrets: string[];

  constructor(
    private readonly tokens: { A: string | undefined; AAAA: string | undefined },
    private readonly context: ProviderContext,
  ) {
    this.base = (context.endpoint ?? FREEDNS_BASE).replace(/\/+$/, '');
    this.secrets = [tokens.A, tokens.AAAA].filter((token) => token !== undefined);
  }

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const token = this.tokens[spec.type];
    if (token === undefined) {
      const key = spec.type === 'AAAA' ? 'ipv6_token' : 'token';
      throw new ProviderError('config', `freedns: ${spec.name} ${spec.type} needs ${key} = "…" (the update token of its ${spec.type} entry on freedns.afraid.org)`);
    }
    // The token is the query's first item, with no "=".
    const url = new URL(`${this.base}/dynamic/update.php?${encodeURIComponent(token)}&address=${encodeURIComponent(ip)}`);
    const response = await getUpdate(this.context, url, 'text/plain, */*');
    const options = { service: SERVICE, name: spec.name, secrets: this.secrets };
    const text = response.text.trim();
    // An "ERROR:" no rule knows: the service said no; held, quoting it (the token masked).
    if (/^ERROR:/i.test(text) && !REPLIES.some((rule) => rule.pattern.test(text)) && response.status >= 200 && response.status < 300) {
      throw refusalError(SERVICE, spec.name, quotedRefusal(text, [], this.secrets, ''), response.status);
    }
    const { outcome } = judgeReply(response, REPLIES, options);
    if (outcome === 'unchanged') this.context.log.debug(`FreeDNS: ${spec.name} already held ${ip} (not changed)`);
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }
}

export const createFreednsProvider: ProviderFactory<WriteOnlyProvider> = (options, context) => {
  const text = (key: string) => (typeof options[key] === 'string' && options[key] !== '' ? options[key] : undefined);
  const tokens = { A: text('token'), AAAA: text('ipv6_token') };
  if (tokens.A === undefined && tokens.AAAA === undefined) throw new ProviderError('config', 'freedns: set token or ipv6_token');
  return new FreednsProvider(tokens, context);
};
