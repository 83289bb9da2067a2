import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import { throwIfTransientStatus, type HttpResponse } from '../../http/client.js';
import type { ProviderContext, ProviderFactory, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';

/**
 * DuckDNS: `GET /update?domains=<sub>&token=<token>&ip=<v4>` (or `ipv6=<v6>`), answered `OK` or
 * `KO`. There is no read API, and `KO` gives no reason (bad token, a domain not in the account,
 * a malformed address): none of them improves by resending, so it holds the record until the
 * config changes. Wire facts: WIRE.md in this folder.
 */

export const DUCKDNS_BASE = 'https://www.duckdns.org';
const SUFFIX = '.duckdns.org';
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * The DuckDNS sub-name of a record: "home.duckdns.org" or "home" → "home". Deeper names
 * ("www.home.duckdns.org") are refused: DuckDNS answers them with home's address, so updating
 * them would silently update "home".
 */
export function duckdnsSubdomain(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const sub = lower.endsWith(SUFFIX) ? lower.slice(0, -SUFFIX.length) : lower;
  if (sub.includes('.')) {
    throw new ProviderError(
      'config',
      `DuckDNS record name ${name} must be <sub-name>.duckdns.org with a single sub-name (e.g. "myhome.duckdns.org")`,
    );
  }
  if (!SUBDOMAIN.test(sub)) {
    throw new ProviderError('config', `DuckDNS record name ${name}: the sub-name may contain only letters, digits and "-"`);
  }
  return sub;
}

interface VerboseAnswer {
  ipv4: string | undefined;
  ipv6: string | undefined;
  changed: boolean | undefined;
}

/** The lines after OK with verbose=true: current IPv4, current IPv6 (either may be blank), UPDATED|NOCHANGE. */
function parseVerbose(lines: string[]): VerboseAnswer {
  const blankToUndefined = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text.trim());
  const status = lines[3]?.trim().toUpperCase();
  return {
    ipv4: blankToUndefined(lines[1]),
    ipv6: blankToUndefined(lines[2]),
    changed: status === 'UPDATED' ? true : status === 'NOCHANGE' ? false : undefined,
  };
}

class DuckdnsProvider implements WriteOnlyProvider {
  private readonly base: string;

  constructor(
    private readonly token: string,
    private readonly context: ProviderContext,
  ) {
    this.base = (context.endpoint ?? DUCKDNS_BASE).replace(/\/+$/, '');
  }

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const sub = duckdnsSubdomain(spec.name);
    const url = new URL(`${this.base}/update`);
    url.searchParams.set('domains', sub);
    url.searchParams.set('token', this.token);
    // `ip` alone would have DuckDNS use it as given; `ipv6` keeps the IPv4 out of the AAAA update.
    url.searchParams.set(spec.type === 'AAAA' ? 'ipv6' : 'ip', ip);
    url.searchParams.set('verbose', 'true');
    const response = await this.context.http.request({ method: 'GET', url: url.href, acceptAnyStatus: true });
    this.interpret(response, spec, sub, ip);
    return { id: sub, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }

  private interpret(response: HttpResponse, spec: RecordSpec, sub: string, ip: string): void {
    // Never name the URL: its query holds the token.
    const lines = response.text.split(/\r?\n/);
    const status = lines[0]?.trim().toUpperCase() ?? '';
    if (status === 'KO') {
      throw new ProviderError(
        'auth',
        `DuckDNS answered KO for ${sub}: the token is wrong or ${sub}.duckdns.org is not a domain of this account`,
        { status: response.status, code: 'KO', hold: { until: 'config-change' } },
      );
    }
    throwIfTransientStatus(response, 'DuckDNS');
    if (status !== 'OK' || response.status < 200 || response.status >= 300) {
      const body = response.text.trim().replace(/\s+/g, ' ').slice(0, 60);
      throw new ProviderError(
        'protocol',
        `DuckDNS answered HTTP ${response.status} with ${body === '' ? 'an empty body' : `"${body}"`}, not OK or KO; check endpoint`,
        { status: response.status },
      );
    }
    const verbose = parseVerbose(lines);
    const holds = spec.type === 'AAAA' ? verbose.ipv6 : verbose.ipv4;
    if (holds !== undefined && !sameAddress(holds, ip)) {
      this.context.log.warn(`DuckDNS answered OK for ${sub} but reports ${holds}, not the address sent (${ip})`);
    }
    if (verbose.changed === false) this.context.log.debug(`DuckDNS: ${sub}.duckdns.org already held ${ip} (NOCHANGE)`);
  }
}

export const createDuckdnsProvider: ProviderFactory<WriteOnlyProvider> = (options, context) => {
  const token = options['token'];
  if (typeof token !== 'string' || token === '') throw new ProviderError('config', 'duckdns: token is missing or empty');
  return new DuckdnsProvider(token, context);
};
