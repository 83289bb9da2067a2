import * as z from 'zod/mini';
import { sameAddress } from '../address.js';
import { parseJsonAs } from '../answers.js';
import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { getUpdate, judgeReply, requiredOption, UNTIL_CONFIG_CHANGE, type ReplyRule } from '../update-url.js';

/**
 * Njalla dynamic DNS: `GET /update/?h=<fqdn>&k=<key>&a=<v4>` (or `aaaa=<v6>`), answered in JSON
 * whose `message` says what happened. The key belongs to one Dynamic record of the Njalla panel.
 * Wire facts: WIRE.md in this folder.
 */

export const NJALLA_BASE = 'https://njal.la';
const SERVICE = 'Njalla';

const answerSchema = z.object({
  status: z.optional(z.unknown()),
  message: z.string(),
  value: z.optional(z.nullable(z.object({ A: z.optional(z.unknown()), AAAA: z.optional(z.unknown()) }))),
});

const REPLIES: readonly ReplyRule[] = [
  { pattern: /^record updated$/i, outcome: 'updated' },
  {
    pattern: /invalid host or key/i,
    outcome: { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: 'invalid host or key; set key to the key the Njalla panel shows for this Dynamic record, and name the record exactly as there' },
  },
  // Its answer to an address that is no address (recorded with status 500): resending will not help.
  { pattern: /^invalid data$/i, outcome: { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: 'invalid data (the address sent was refused)' } },
];

class NjallaProvider implements WriteOnlyProvider {
  private readonly base: string;

  constructor(
    private readonly key: string,
    private readonly context: ProviderContext,
  ) {
    this.base = (context.endpoint ?? NJALLA_BASE).replace(/\/+$/, '');
  }

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const url = new URL(`${this.base}/update/`);
    url.searchParams.set('h', spec.name);
    url.searchParams.set('k', this.key);
    url.searchParams.set(spec.type === 'AAAA' ? 'aaaa' : 'a', ip);
    const response = await getUpdate(this.context, url, 'application/json');
    const answer = parseJsonAs(answerSchema, response.text);
    judgeReply(response, REPLIES, { service: SERVICE, name: spec.name, secrets: [this.key], text: answer?.message.trim() ?? '' });
    const held = answer?.value?.[spec.type];
    if (typeof held === 'string' && held !== '' && !sameAddress(held, ip)) {
      this.context.log.warn(`Njalla updated ${spec.name} but reports ${held}, not the address sent (${ip})`);
    }
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }
}

export const createNjallaProvider: ProviderFactory<WriteOnlyProvider> = (options, context) => new NjallaProvider(requiredOption(options, 'key', 'njalla'), context);
