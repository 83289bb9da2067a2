import { sameAddress } from '../address.js';
import { firstOfDuplicates } from '../duplicates.js';
import { ProviderError } from '../../http/errors.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { nameOfHost, nextPageOf, relativeHost } from '../listing.js';
import { plainZoneName, readAllPages, zoneCandidates, type Page } from '../zones.js';
import { RECORDS_PER_PAGE, WestcnClient, type WestcnAuth, type WestcnRecord } from './client.js';

/** What a record gets when the config sets no ttl. */
const DEFAULT_TTL = 600;

function lineOf(spec: RecordSpec): string {
  const line = spec.options['line'];
  return typeof line === 'string' ? line : '';
}


/**
 * West.cn's DNS API has no listing of an account's domains, so the zone of a name is found by
 * asking for records in each candidate (deepest first): a domain not in the account answers
 * "not found". A domain key belongs to one domain, which the provider table then names.
 */
class WestcnProvider implements Provider {
  /** Candidate zone → whether the account holds it, learned once per run. */
  private readonly held = new Map<string, Promise<boolean>>();

  constructor(
    private readonly client: WestcnClient,
    private readonly log: ProviderLogger,
    private readonly domain: string | undefined,
  ) {}

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.zoneOf(spec);
    const first = firstOfDuplicates(await this.matching(zone, spec), this.log, () => `${spec.type} records named ${spec.name} exist in West.cn domain ${zone}`, (record) => `record_id ${record.id}`);
    return first;
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.zoneOf(spec);
    const ttl = this.ttlOf(spec, undefined);
    try {
      const id = await this.client.addRecord(zone, { hostname: relativeHost(spec.name, zone), type: spec.type, value: ip, ttl, line: lineOf(spec) });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    } catch (error) {
      // A retried create whose first attempt did succeed: done once a fresh listing shows the address.
      if (!(error instanceof ProviderError && error.kind === 'conflict')) throw error;
      const existing = (await this.matching(zone, spec)).find((record) => sameAddress(record.content, ip));
      if (existing === undefined) throw error;
      this.log.debug(`West.cn: ${spec.type} ${spec.name} already holds ${ip} (record_id ${existing.id})`);
      return existing;
    }
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.zoneOf(spec);
    const ttl = this.ttlOf(spec, existing.ttl);
    await this.client.modifyRecord(zone, existing.id, { hostname: relativeHost(spec.name, zone), type: spec.type, value: ip, ttl, line: lineOf(spec) });
    return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
  }

  /** The TTL to send: the config's (held to West.cn's range when the config loaded), or the record's own. */
  private ttlOf(spec: RecordSpec, current: number | undefined): number {
    return spec.ttl ?? current ?? DEFAULT_TTL;
  }

  private async matching(zone: string, spec: RecordSpec): Promise<ProviderRecord[]> {
    const records = await this.listAll(zone, spec);
    const line = lineOf(spec);
    return records
      .filter((record) => record.record_type.toUpperCase() === spec.type && (record.record_line ?? '') === line)
      .map((record) => ({ id: String(record.record_id), name: nameOfHost(record.hostname, zone), type: spec.type, content: record.record_value, ttl: ttlNumber(record.record_ttl) }))
      .filter((record) => record.name === spec.name);
  }

  private listAll(zone: string, spec: RecordSpec): Promise<WestcnRecord[]> {
    const filter = { hostname: relativeHost(spec.name, zone), type: spec.type };
    return readAllPages(
      1,
      async (page: number): Promise<Page<WestcnRecord, number>> => {
        const { items, total } = await this.client.listRecords(zone, filter, page);
        return { items, next: nextPageOf(page, RECORDS_PER_PAGE, items.length, total) };
      },
      'West.cn dnsrec.list',
    );
  }

  private async zoneOf(spec: RecordSpec): Promise<string> {
    const configured = spec.zone === undefined ? this.domain : plainZoneName(spec.zone);
    if (configured !== undefined) {
      if (spec.name !== configured && !spec.name.endsWith(`.${configured}`)) throw new ProviderError('config', `${spec.name} is not inside West.cn domain ${configured}`);
      return configured;
    }
    const candidates = zoneCandidates(spec.name);
    for (const candidate of candidates) {
      if (await this.holds(candidate)) return candidate;
    }
    throw new ProviderError('not-found', `no West.cn domain found for ${spec.name} (tried ${candidates.join(', ')}); set zone = "…" in its [[record]] or check that the domain is in this West.cn account`);
  }

  private holds(candidate: string): Promise<boolean> {
    let verdict = this.held.get(candidate);
    if (verdict === undefined) {
      verdict = this.client.listRecords(candidate, { hostname: '@', type: 'A' }, 1, 1).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ProviderError && error.kind === 'not-found') return false;
          throw error;
        },
      );
      const pending = verdict;
      this.held.set(candidate, pending);
      pending.catch(() => {
        if (this.held.get(candidate) === pending) this.held.delete(candidate);
      });
    }
    return verdict;
  }
}

function ttlNumber(value: number | string | undefined): number | undefined {
  const ttl = typeof value === 'string' ? Number(value) : value;
  return ttl !== undefined && Number.isFinite(ttl) ? ttl : undefined;
}

export const createWestcnProvider: ProviderFactory = (options, context) => {
  const { username, api_password: apiPassword, domain, domain_key: domainKey } = options;
  let auth: WestcnAuth;
  if (typeof domainKey === 'string' && typeof domain === 'string') auth = { kind: 'domain', domainKey };
  else if (typeof username === 'string' && typeof apiPassword === 'string') auth = { kind: 'account', username, apiPassword };
  else throw new ProviderError('config', 'westcn: set username and api_password, or domain and domain_key');
  const client = new WestcnClient({ http: context.http, auth, endpoint: context.endpoint });
  return new WestcnProvider(client, context.log, typeof domain === 'string' ? plainZoneName(domain) : undefined);
};
