import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { getUpdate, judgeReply, requiredOption, UNTIL_CONFIG_CHANGE, type ReplyRule } from '../update-url.js';

/**
 * DDNSS (ddnss.de): `GET /upd.php?key=<update key>&host=<fqdn>&ip=<v4>` (or `ip6=<v6>`), answered
 * by an HTML page whose words say what happened. Wire facts: WIRE.md in this folder.
 */

export const DDNSS_BASE = 'https://ddnss.de';
const SERVICE = 'DDNSS';

/** Refusals first: a page that names one is a refusal whatever else it says. */
const REPLIES: readonly ReplyRule[] = [
  { pattern: /\bbadauth\b/i, outcome: { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: 'badauth (wrong key); set key to the update key from your ddnss.de account' } },
  { pattern: /\b(?:notfqdn|nohost)\b/i, outcome: { kind: 'not-found', hold: UNTIL_CONFIG_CHANGE, explain: 'the host is not in this ddnss.de account; check the record name' } },
  { pattern: /\bbady?sys\b/i, outcome: { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: 'the service rejected the request (badsys)' } },
  { pattern: /\babuse\b/i, outcome: { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: 'the host or account is blocked for abuse; unblock it on ddnss.de' } },
  { pattern: /\bUpdated \d+ hostname/i, outcome: 'updated' },
  { pattern: /\bNo change\b|\bnochg\b/i, outcome: 'unchanged' },
  { pattern: /\bgood\b/i, outcome: 'updated' },
];

class DdnssProvider implements WriteOnlyProvider {
  private readonly base: string;

  constructor(
    private readonly key: string,
    private readonly context: ProviderContext,
  ) {
    this.base = (context.endpoint ?? DDNSS_BASE).replace(/\/+$/, '');
  }

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const url = new URL(`${this.base}/upd.php`);
    url.searchParams.set('key', this.key);
    url.searchParams.set('host', spec.name);
    url.searchParams.set(spec.type === 'AAAA' ? 'ip6' : 'ip', ip);
    const response = await getUpdate(this.context, url);
    const { outcome } = judgeReply(response, REPLIES, { service: SERVICE, name: spec.name, secrets: [this.key] });
    if (outcome === 'unchanged') this.context.log.debug(`DDNSS: ${spec.name} already held ${ip} (no change)`);
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }
}

export const createDdnssProvider: ProviderFactory<WriteOnlyProvider> = (options, context) => new DdnssProvider(requiredOption(options, 'key', 'ddnss'), context);
