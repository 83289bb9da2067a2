import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import { firstOfDuplicates } from '../duplicates.js';
import { readAllPages, zoneCandidates, ZoneDirectory, type Page } from '../zones.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { AlidnsClient, DUPLICATE_CODE, hasAlidnsCode, type AlidnsDomain, type AlidnsRecord } from './client.js';

/** The line (线路) records are on unless the config picks another: Alidns' own default. */
export const DEFAULT_LINE = 'default';


/** The host record (RR) of `name` in `zone`: "@" for the apex, "home" for home.example.com. */
export function relativeName(name: string, zone: string): string {
  return name === zone ? '@' : name.slice(0, name.length - zone.length - 1);
}

function lineOf(spec: RecordSpec): string {
  const line = spec.options['line'];
  return typeof line === 'string' && line !== '' ? line : DEFAULT_LINE;
}

function toProviderRecord(record: AlidnsRecord, spec: RecordSpec): ProviderRecord {
  return { id: record.RecordId, name: spec.name, type: spec.type, content: record.Value, ttl: record.TTL };
}

class AlidnsProvider implements Provider {
  /**
   * The account's domains, listed once per run (DescribeDomains, 100 per page) and shared by every
   * record, however many; a configured `zone` needs no lookup at all.
   */
  private readonly zones: ZoneDirectory<AlidnsDomain>;

  constructor(
    private readonly client: AlidnsClient,
    private readonly log: ProviderLogger,
  ) {
    this.zones = new ZoneDirectory<AlidnsDomain>({
      listAll: () => readAllPages(1, (page) => this.domainPage(page), 'Alibaba Cloud DNS DescribeDomains'),
      namesOf: (domain) => [domain.DomainName, ...(domain.PunyCode === undefined ? [] : [domain.PunyCode])],
    });
  }

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.resolveZone(spec);
    const matching = await this.listMatching(zone, spec);
    const first = firstOfDuplicates(
      matching,
      this.log,
      () => `${spec.type} records named ${spec.name} exist on line "${lineOf(spec)}" in Alibaba Cloud DNS domain ${zone}`,
      (record) => `RecordId ${record.RecordId}`,
    );
    if (first === undefined) return undefined;
    if (first.Status !== undefined && first.Status.toUpperCase() === 'DISABLE') {
      this.log.warn(`${spec.type} ${spec.name} (RecordId ${first.RecordId}) is paused in Alibaba Cloud DNS; ddns updates its value but does not enable it`);
    }
    return toProviderRecord(first, spec);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    try {
      const recordId = await this.client.addDomainRecord({
        domainName: zone,
        rr: relativeName(spec.name, zone),
        type: spec.type,
        value: ip,
        ttl: spec.ttl,
        line: lineOf(spec),
      });
      return { id: recordId, name: spec.name, type: spec.type, content: ip, ttl: spec.ttl };
    } catch (error) {
      // A retried AddDomainRecord whose first attempt did succeed is refused as a duplicate:
      // that is success, but only once a fresh listing shows a record holding our IP.
      if (!hasAlidnsCode(error, DUPLICATE_CODE)) throw error;
      const holder = await this.recordHolding(zone, spec, ip, undefined);
      if (holder === undefined) throw error;
      this.log.debug(`Alibaba Cloud DNS: ${spec.type} ${spec.name} already holds ${ip} (RecordId ${holder.RecordId})`);
      return toProviderRecord(holder, spec);
    }
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    // UpdateDomainRecord replaces TTL and Line with their defaults (600, "default") when they are
    // left out, so both are always sent: the configured ttl, or the one the record has now.
    const ttl = spec.ttl ?? existing.ttl;
    if (ttl === undefined) {
      throw new ProviderError('protocol', `Alibaba Cloud DNS listed ${spec.name} without a TTL; cannot update it safely`);
    }
    try {
      const recordId = await this.client.updateDomainRecord({
        recordId: existing.id,
        rr: relativeName(spec.name, zone),
        type: spec.type,
        value: ip,
        ttl,
        line: lineOf(spec),
      });
      return { id: recordId, name: spec.name, type: spec.type, content: ip, ttl };
    } catch (error) {
      // DomainRecordDuplicate: the record already has exactly these values (typically a retried
      // update whose first attempt succeeded), or another record on the same name, type and line
      // holds the IP. Either way the name answers with the IP: confirm it by listing, then report
      // the record that holds it as current.
      if (!hasAlidnsCode(error, DUPLICATE_CODE)) throw error;
      const holder = await this.recordHolding(zone, spec, ip, existing.id);
      if (holder === undefined) throw error;
      if (holder.RecordId !== existing.id) {
        this.log.warn(
          `${spec.type} ${spec.name}: RecordId ${holder.RecordId} already holds ${ip}, so RecordId ${existing.id} (${existing.content}) ` +
            `could not be changed to it; delete RecordId ${existing.id} in Alibaba Cloud DNS`,
        );
        return toProviderRecord(holder, spec);
      }
      this.log.debug(`Alibaba Cloud DNS: ${spec.type} ${spec.name} already holds ${ip} (RecordId ${holder.RecordId})`);
      return toProviderRecord(holder, spec);
    }
  }

  /** A record of the spec's name, type and line that holds `ip`, preferring `preferredId`. */
  private async recordHolding(zone: string, spec: RecordSpec, ip: string, preferredId: string | undefined): Promise<AlidnsRecord | undefined> {
    const holding = (await this.listMatching(zone, spec)).filter((record) => sameAddress(record.Value, ip));
    return holding.find((record) => record.RecordId === preferredId) ?? holding[0];
  }

  /**
   * Records of the spec's exact name, type and line. DescribeSubDomainRecords with DomainName
   * given matches the host exactly; the answer is filtered again so that a record of another
   * line, type or name can never be taken for this one.
   */
  private async listMatching(zone: string, spec: RecordSpec): Promise<AlidnsRecord[]> {
    const rr = relativeName(spec.name, zone);
    const line = lineOf(spec);
    const records = await this.client.describeSubDomainRecords({ subDomain: spec.name, domainName: zone, type: spec.type });
    return records.filter(
      (record) =>
        record.RR.toLowerCase() === rr &&
        record.Type.toUpperCase() === spec.type &&
        (record.Line ?? DEFAULT_LINE) === line &&
        (record.DomainName === undefined || record.DomainName.toLowerCase() === zone),
    );
  }

  private async resolveZone(spec: RecordSpec): Promise<string> {
    if (spec.zone !== undefined) {
      // A configured zone is used as given: it needs no DescribeDomains call (nor its permission).
      const zone = spec.zone.toLowerCase().replace(/\.$/, '');
      if (spec.name !== zone && !spec.name.endsWith(`.${zone}`)) {
        throw new ProviderError('config', `${spec.name} is not inside zone ${zone}`);
      }
      return zone;
    }
    const [deepest] = await this.zones.held(spec.name);
    if (deepest !== undefined) return deepest.name;
    throw new ProviderError(
      'not-found',
      `no Alibaba Cloud DNS domain found for ${spec.name} (tried ${zoneCandidates(spec.name).join(', ')}); ` +
        `add the domain to Alibaba Cloud DNS, set zone = "…" in its [[record]], or allow alidns:DescribeDomains`,
    );
  }

  private async domainPage(page: number): Promise<Page<AlidnsDomain, number>> {
    const { domains, total, pageSize } = await this.client.describeDomainsPage(page);
    const more = total === undefined ? domains.length >= pageSize : (page - 1) * pageSize + domains.length < total;
    return { items: domains, next: more ? page + 1 : undefined };
  }
}

export const createAlidnsProvider: ProviderFactory = (options, context) => {
  const accessKeyId = options['access_key_id'];
  const accessKeySecret = options['access_key_secret'];
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    throw new ProviderError('config', 'alidns: access_key_id is missing or empty');
  }
  if (typeof accessKeySecret !== 'string' || accessKeySecret === '') {
    throw new ProviderError('config', 'alidns: access_key_secret is missing or empty');
  }
  // Such a key would be signed as written and refused as a bad signature, which reads like a
  // wrong secret: typically a key file with a trailing line break or a pasted quote.
  for (const [key, value] of [['access_key_id', accessKeyId], ['access_key_secret', accessKeySecret]] as const) {
    if (/[\s\u0000-\u001f\u007f"']/.test(value)) {
      throw new ProviderError('config', `alidns: ${key} contains spaces, quotes, line breaks or control characters`);
    }
  }
  const client = new AlidnsClient({ http: context.http, accessKeyId, accessKeySecret, endpoint: context.endpoint });
  return new AlidnsProvider(client, context.log);
};
