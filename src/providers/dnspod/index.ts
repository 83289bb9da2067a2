import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import { firstOfDuplicates } from '../duplicates.js';
import { readAllPages, zoneCandidates, ZoneDirectory, type Page } from '../zones.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { registerSecrets } from '../../log/redact.js';
import { CODE_RECORD_EXISTS, DNSPOD_ENDPOINT, DnspodClient, type DnspodApi, type DnspodDomain, type DnspodRecord } from './client.js';
import { DEFAULT_LINE, INTL_TOKEN_DEFAULT_LINE } from './limits.js';
import { DnspodTokenClient, secretsOfLoginToken, TOKEN_CODE_RECORD_EXISTS, type DnspodSite } from './token-client.js';

/** Tencent Cloud API 3.0 for accounts of the international site (tencentcloud.com). */
const DNSPOD_INTL_ENDPOINT = 'https://dnspod.intl.tencentcloudapi.com';

/** "Already exists" in either API: Tencent Cloud API 3.0's code and the token API's. */
const RECORD_EXISTS_CODES: ReadonlySet<string> = new Set([CODE_RECORD_EXISTS, TOKEN_CODE_RECORD_EXISTS]);

/** Domains asked for per DescribeDomainList page (the API's default and documented page size). */
const DOMAIN_PAGE_SIZE = 3000;
/** More records than this for one host, type and line would be a misconfiguration; one page is enough. */
const RECORD_PAGE_SIZE = 100;

/** The zone a record lives in, as DNSPod names it. */
interface DnspodZone {
  /** ASCII (punycode) name, lower-case, as sent in `Domain`. */
  name: string;
}

/** The host part DNSPod calls SubDomain: "home" for home.example.com in example.com, "@" for the apex. */
export function subdomainOf(name: string, zone: string): string {
  if (name === zone) return '@';
  if (!name.endsWith(`.${zone}`)) throw new ProviderError('config', `${name} is not inside zone ${zone}`);
  return name.slice(0, -(zone.length + 1));
}

function lineOf(spec: RecordSpec, defaultLine: string): string {
  const line = spec.options['line'];
  return typeof line === 'string' && line !== '' ? line : defaultLine;
}

function toProviderRecord(record: DnspodRecord, spec: RecordSpec): ProviderRecord {
  return { id: String(record.RecordId), name: spec.name, type: spec.type, content: record.Value, ttl: record.TTL };
}

function recordIdOf(record: ProviderRecord): number {
  if (!/^\d+$/.test(record.id)) throw new ProviderError('protocol', `DNSPod record id "${record.id}" is not a number`);
  return Number(record.id);
}

class DnspodProvider implements Provider {
  /**
   * The account's domains, fetched once per run (one request per 3,000 domains, however many
   * records), then shared by every record.
   */
  private readonly zones: ZoneDirectory<DnspodDomain>;

  constructor(
    private readonly client: DnspodApi,
    private readonly log: ProviderLogger,
    /** The line a record is on when its config names none. */
    private readonly defaultLine: string,
  ) {
    this.zones = new ZoneDirectory<DnspodDomain>({
      listAll: () => readAllPages(0, (offset) => this.domainPage(offset), 'DNSPod DescribeDomainList'),
      namesOf: (domain) => [domain.Name, domain.Punycode ?? ''],
    });
  }

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.resolveZone(spec);
    const matching = await this.listMatching(zone, spec);
    const first = firstOfDuplicates(
      matching,
      this.log,
      () => `${spec.type} records named ${spec.name} on line ${this.line(spec)} exist in DNSPod domain ${zone.name}`,
      (record) => `id ${record.RecordId}`,
    );
    if (first === undefined) return undefined;
    if (first.Status !== undefined && first.Status !== 'ENABLE') {
      this.log.warn(`DNSPod record ${spec.name} ${spec.type} (id ${first.RecordId}) is ${first.Status}: ddns keeps its value current but does not enable it`);
    }
    return toProviderRecord(first, spec);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    const line = this.line(spec);
    let recordId: number;
    try {
      recordId = await this.client.createRecord({
        Domain: zone.name,
        SubDomain: subdomainOf(spec.name, zone.name),
        RecordType: spec.type,
        RecordLine: line,
        Value: ip,
        ...(spec.ttl === undefined ? {} : { TTL: spec.ttl }),
      });
    } catch (error) {
      // A retried CreateRecord whose first attempt did succeed is refused as "already exists":
      // success, but only once a fresh listing shows a record holding our IP.
      if (!isRecordExists(error)) throw error;
      const existing = (await this.listMatching(zone, spec)).find((record) => sameAddress(record.Value, ip));
      if (existing === undefined) throw error;
      this.log.debug(`DNSPod: ${spec.type} ${spec.name} already holds ${ip} (id ${existing.RecordId})`);
      return toProviderRecord(existing, spec);
    }
    // CreateRecord answers only the id, and a new record is not listed for up to 30 s (index
    // delay, per the DescribeRecordList doc), so the success answer is the confirmation.
    return { id: String(recordId), name: spec.name, type: spec.type, content: ip, ttl: spec.ttl };
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    const recordId = recordIdOf(existing);
    // ModifyDynamicDNS changes only the value (and TTL), leaving weight, remark, status and MX as
    // they are, unlike ModifyRecord whose absent Status/Weight mean "ENABLE"/"no weight". Its TTL
    // falls back to the domain's default when absent, so the record's own TTL is always sent.
    const ttl = spec.ttl ?? existing.ttl;
    try {
      const change = {
        Domain: zone.name,
        SubDomain: subdomainOf(spec.name, zone.name),
        RecordId: recordId,
        RecordLine: this.line(spec),
        Value: ip,
        ...(ttl === undefined ? {} : { Ttl: ttl }),
      };
      const answered = await this.client.modifyDynamicDns(change, spec.type);
      return { id: String(answered), name: spec.name, type: spec.type, content: ip, ttl };
    } catch (error) {
      // "记录已经存在": the record already holds this value (another run got there first), or
      // another record with the same host, type, line and value exists. Re-read to tell which.
      if (!isRecordExists(error)) throw error;
      const current = (await this.listMatching(zone, spec)).find((record) => record.RecordId === recordId);
      if (current !== undefined && sameAddress(current.Value, ip)) {
        this.log.debug(`DNSPod: ${spec.type} ${spec.name} (id ${recordId}) already holds ${ip}`);
        return toProviderRecord(current, spec);
      }
      throw new ProviderError(
        'conflict',
        `DNSPod refused to set ${spec.name} ${spec.type} to ${ip}: another ${spec.type} record on line ${this.line(spec)} already holds it ` +
          `(${error.message}); delete the duplicate record`,
        { ...(error.status === undefined ? {} : { status: error.status }), ...(error.code === undefined ? {} : { code: error.code }) },
      );
    }
  }

  private line(spec: RecordSpec): string {
    return lineOf(spec, this.defaultLine);
  }

  /** Records of the spec's host, type and line (filtered again here in case the API ignored a filter). */
  private async listMatching(zone: DnspodZone, spec: RecordSpec): Promise<DnspodRecord[]> {
    const subdomain = subdomainOf(spec.name, zone.name);
    const line = this.line(spec);
    const records = await this.client.describeRecordList({
      Domain: zone.name,
      Subdomain: subdomain,
      RecordType: spec.type,
      RecordLine: line,
      Limit: RECORD_PAGE_SIZE,
    });
    return records.filter((record) => record.Name.toLowerCase() === subdomain && record.Type === spec.type && record.Line === line);
  }

  private async resolveZone(spec: RecordSpec): Promise<DnspodZone> {
    // A configured zone is used as given: no lookup, and no dnspod:DescribeDomainList permission needed.
    if (spec.zone !== undefined) return { name: spec.zone.toLowerCase().replace(/\.$/, '') };
    // The deepest suffix of the name the account holds wins, so a sub-domain hosted as its own
    // DNSPod domain beats its parent; a public suffix such as com.cn is never held, so never matches.
    const [deepest] = await this.zones.held(spec.name);
    if (deepest !== undefined) return { name: deepest.name };
    const count = await this.zones.count();
    throw new ProviderError(
      'not-found',
      `no DNSPod domain holds ${spec.name}: the ${count} domain(s) these credentials can see include none of ${zoneCandidates(spec.name).join(', ')}; ` +
        `add the domain to DNSPod, set zone = "…" in its [[record]], or check the CAM user's access to the domain`,
    );
  }

  private async domainPage(offset: number): Promise<Page<DnspodDomain, number>> {
    const { domains, total } = await this.client.describeDomainList(offset, DOMAIN_PAGE_SIZE);
    const seen = offset + domains.length;
    const more = total === undefined ? domains.length === DOMAIN_PAGE_SIZE : seen < total;
    return { items: domains, next: more ? seen : undefined };
  }
}

function isRecordExists(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.code !== undefined && RECORD_EXISTS_CODES.has(error.code);
}

export const createDnspodProvider: ProviderFactory = (options, context) => {
  const site: DnspodSite = options['site'] === 'intl' ? 'intl' : 'cn';
  const loginToken = options['login_token'];
  if (typeof loginToken === 'string' && loginToken !== '') {
    // The config masks the whole "ID,TOKEN"; the TOKEN alone is just as secret.
    registerSecrets(secretsOfLoginToken(loginToken));
    const client = new DnspodTokenClient({ http: context.http, loginToken, site, endpoint: context.endpoint });
    return new DnspodProvider(client, context.log, site === 'intl' ? INTL_TOKEN_DEFAULT_LINE : DEFAULT_LINE);
  }
  const secretId = options['secret_id'];
  const secretKey = options['secret_key'];
  if (typeof secretId !== 'string' || secretId === '') throw new ProviderError('config', 'dnspod: secret_id is missing or empty');
  if (typeof secretKey !== 'string' || secretKey === '') throw new ProviderError('config', 'dnspod: secret_key is missing or empty');
  const endpoint = context.endpoint ?? (site === 'intl' ? DNSPOD_INTL_ENDPOINT : DNSPOD_ENDPOINT);
  const client = new DnspodClient({ http: context.http, secretId, secretKey, endpoint });
  return new DnspodProvider(client, context.log, DEFAULT_LINE);
};
