import * as z from 'zod/mini';
import { parseJsonAs } from '../answers.js';
import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { getUpdate, hostInDomain, notAReply, quotedRefusal, refusalError, requiredOption, UNTIL_CONFIG_CHANGE, type ReplyRule } from '../update-url.js';

/**
 * Dynadot DDNS: `GET /set_ddns?domain=&subDomain=&type=&ip=&pwd=&ttl=&containRoot=`, answered in
 * JSON whose `error_code` -1 means refused (`content` says why). Wire facts: WIRE.md in this folder.
 */

export const DYNADOT_BASE = 'https://www.dynadot.com';
const SERVICE = 'Dynadot';
/** ddclient's default; ddns-go sends 600. */
export const DEFAULT_TTL = 300;

const answerSchema = z.object({
  status: z.optional(z.unknown()),
  error_code: z.number(),
  content: z.optional(z.nullable(z.union([z.array(z.unknown()), z.string()]))),
});

/** What the `content` of a refusal means; none improves by resending, so each holds the record. */
const ERRORS: readonly ReplyRule[] = [
  {
    pattern: /password|pwd/i,
    outcome: { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: 'wrong password; set password to the DDNS password from the domain\'s DNS settings at Dynadot' },
  },
  {
    pattern: /domain/i,
    outcome: { kind: 'not-found', hold: UNTIL_CONFIG_CHANGE, explain: 'check domain: it must be a domain of this Dynadot account with DDNS turned on' },
  },
];

class DynadotProvider implements WriteOnlyProvider {
  private readonly base: string;

  constructor(
    private readonly domain: string,
    private readonly password: string,
    private readonly context: ProviderContext,
  ) {
    this.base = (context.endpoint ?? DYNADOT_BASE).replace(/\/+$/, '');
  }

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const host = hostInDomain('dynadot', spec.name, this.domain);
    const ttl = spec.ttl ?? DEFAULT_TTL;
    const url = new URL(`${this.base}/set_ddns`);
    url.searchParams.set('domain', this.domain);
    // The apex: no subDomain, and containRoot=true; a sub-domain leaves the apex alone.
    if (host !== '@') url.searchParams.set('subDomain', host);
    url.searchParams.set('type', spec.type);
    url.searchParams.set('ip', ip);
    url.searchParams.set('pwd', this.password);
    url.searchParams.set('ttl', String(ttl));
    url.searchParams.set('containRoot', host === '@' ? 'true' : 'false');
    const response = await getUpdate(this.context, url, 'application/json');
    const secrets = [this.password];
    const answer = parseJsonAs(answerSchema, response.text);
    if (answer === undefined || response.status < 200 || response.status >= 300) throw notAReply(response, { service: SERVICE, name: spec.name, secrets });
    if (answer.error_code === -1) {
      const content = answer.content ?? [];
      const said = Array.isArray(content) ? content.map(String).join('; ') : content;
      throw refusalError(SERVICE, spec.name, quotedRefusal(said, ERRORS, secrets, 'error_code -1 without a reason'), response.status, '-1');
    }
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl };
  }
}

export const createDynadotProvider: ProviderFactory<WriteOnlyProvider> = (options, context) =>
  new DynadotProvider(requiredOption(options, 'domain', 'dynadot').toLowerCase().replace(/\.$/, ''), requiredOption(options, 'password', 'dynadot'), context);
