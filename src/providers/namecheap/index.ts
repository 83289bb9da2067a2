import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import type { HttpResponse } from '../../http/client.js';
import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { getUpdate, hostInDomain, notAReply, quotedRefusal, refusalError, requiredOption, UNTIL_CONFIG_CHANGE, type ReplyRule } from '../update-url.js';

/**
 * Namecheap Dynamic DNS: `GET /update?host=<host>&domain=<domain>&password=<ddns password>&ip=<v4>`,
 * answered in XML whose `<ErrCount>` says whether it worked and `<Err1>` why not. IPv4 only (the
 * metadata refuses AAAA records at config load). Wire facts: WIRE.md in this folder.
 */

export const NAMECHEAP_BASE = 'https://dynamicdns.park-your-domain.com';
const SERVICE = 'Namecheap';

/** What an `<Err1>` text means; none improves by resending, so each holds the record. */
const ERRORS: readonly ReplyRule[] = [
  {
    pattern: /password/i,
    outcome: { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: 'wrong password; set password to the Dynamic DNS password shown under Advanced DNS → Dynamic DNS' },
  },
  {
    pattern: /record not found|no records updated/i,
    outcome: { kind: 'not-found', hold: UNTIL_CONFIG_CHANGE, explain: 'the host has no A + Dynamic DNS record; add it under Advanced DNS → Host Records' },
  },
  {
    pattern: /domain.*not found|invalid domain/i,
    outcome: { kind: 'not-found', hold: UNTIL_CONFIG_CHANGE, explain: 'the domain is not in this account or Dynamic DNS is off for it; check domain and turn Dynamic DNS on under Advanced DNS' },
  },
];

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<tag>…</tag>` in `xml`, entities decoded; undefined when absent. */
export function xmlElement(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'i').exec(xml);
  if (match === null) return undefined;
  return (match[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_all, name: string) => ENTITIES[name] ?? '').trim();
}

class NamecheapProvider implements WriteOnlyProvider {
  private readonly base: string;

  constructor(
    private readonly domain: string,
    private readonly password: string,
    private readonly context: ProviderContext,
  ) {
    this.base = (context.endpoint ?? NAMECHEAP_BASE).replace(/\/+$/, '');
  }

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    if (spec.type !== 'A') throw new ProviderError('config', `Namecheap Dynamic DNS sets A records only; ${spec.name} ${spec.type} cannot be updated`);
    const host = hostInDomain('namecheap', spec.name, this.domain);
    const url = new URL(`${this.base}/update`);
    url.searchParams.set('host', host);
    url.searchParams.set('domain', this.domain);
    url.searchParams.set('password', this.password);
    url.searchParams.set('ip', ip);
    const response = await getUpdate(this.context, url, 'text/xml, application/xml, */*');
    this.interpret(response, spec, ip);
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }

  private interpret(response: HttpResponse, spec: RecordSpec, ip: string): void {
    const secrets = [this.password];
    const count = xmlElement(response.text, 'ErrCount');
    const isReply = count !== undefined && /^\d+$/.test(count) && /<interface-response[\s>]/i.test(response.text);
    if (!isReply || response.status < 200 || response.status >= 300) throw notAReply(response, { service: SERVICE, name: spec.name, secrets });
    if (count !== '0') {
      throw refusalError(SERVICE, spec.name, quotedRefusal(xmlElement(response.text, 'Err1') ?? '', ERRORS, secrets, 'an error without text'), response.status);
    }
    const held = xmlElement(response.text, 'IP');
    if (held !== undefined && held !== '' && !sameAddress(held, ip)) {
      this.context.log.warn(`Namecheap set ${spec.name} but reports ${held}, not the address sent (${ip})`);
    }
  }
}

export const createNamecheapProvider: ProviderFactory<WriteOnlyProvider> = (options, context) =>
  new NamecheapProvider(requiredOption(options, 'domain', 'namecheap').toLowerCase().replace(/\.$/, ''), requiredOption(options, 'password', 'namecheap'), context);
