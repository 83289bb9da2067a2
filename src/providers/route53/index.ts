import { ProviderError } from '../../http/errors.js';
import { plainZoneName, readAllPages, zoneCandidates, ZoneDirectory, type Page } from '../zones.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { Route53Client, type HostedZone, type ResourceRecordSet } from './client.js';
import { ZONES_PER_PAGE } from './limits.js';

/** TTL of a record ddns creates when the config sets none (Route 53 itself has no default). */
export const DEFAULT_TTL = 300;
const CHANGE_COMMENT = 'ddns';
/**
 * Zones with the same name (a public and a private one, or duplicates) are consecutive in
 * ListHostedZonesByName's order, so one small page nearly always holds all of them; more pages
 * are read only while every zone on the page still has the name looked for.
 */
const ZONE_PAGE_SIZE = 10;
const MAX_ZONE_PAGES = 10;

/** Where the next page of ListHostedZonesByName starts (nothing: the first zone). */
interface ZoneCursor {
  dnsName?: string | undefined;
  hostedZoneId?: string | undefined;
}

export interface Route53Options {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  hostedZoneId: string | undefined;
  /** Pick private (VPC) zones instead of public ones when finding the zone by name. */
  privateZone: boolean;
}

interface ZoneChoice {
  id: string;
  /** Known when the zone was found by name; undefined for a configured hosted_zone_id. */
  name: string | undefined;
}

/**
 * Route 53 returns names fully qualified, lower-case, with characters outside a-z0-9-_. written
 * as \ooo octal escapes (`\052` for `*`): compare names in one normal form.
 */
export function normalizeRoute53Name(name: string): string {
  const unescaped = name.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const lower = unescaped.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

function fullyQualified(name: string): string {
  return normalizeRoute53Name(name);
}

class Route53Provider implements Provider {
  /**
   * The account's hosted zones, listed once per run (ListHostedZonesByName from the start, 100 per
   * page) and shared by every record, however many; a configured `zone` is looked up by name instead.
   */
  private readonly zones: ZoneDirectory<HostedZone>;

  constructor(
    private readonly client: Route53Client,
    private readonly options: Route53Options,
    private readonly log: ProviderLogger,
  ) {
    this.zones = new ZoneDirectory<HostedZone>({
      listAll: () => readAllPages<HostedZone, ZoneCursor>({}, (cursor) => this.zonePage(cursor), 'Route 53 ListHostedZonesByName'),
      listNamed: (name) => this.listZonesNamed(name),
      namesOf: (zone) => [normalizeRoute53Name(zone.name)],
    });
  }

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.resolveZone(spec);
    const name = fullyQualified(spec.name);
    const page = await this.client.listResourceRecordSets(zone.id, { name, type: spec.type, maxItems: 1 });
    // The answer starts AT (name, type) in the zone's order: when our record does not exist it
    // holds the next record set instead (home.example.com AAAA, www.example.com A …), which
    // must not be taken for ours.
    const set = page.recordSets.find((candidate) => normalizeRoute53Name(candidate.name) === name && candidate.type === spec.type);
    if (set === undefined) return undefined;
    if (set.alias) {
      throw new ProviderError(
        'config',
        `${spec.type} ${spec.name} in Route 53 is an alias record; ddns updates only simple records holding an address — delete the alias or use another name`,
      );
    }
    if (set.setIdentifier !== undefined) {
      throw new ProviderError(
        'config',
        `${spec.type} ${spec.name} in Route 53 uses a routing policy (set identifier "${set.setIdentifier}"); ddns updates only simple records`,
      );
    }
    if (set.values.length > 1) {
      this.log.warn(
        `${spec.type} ${spec.name} in Route 53 holds ${set.values.length} addresses (${set.values.join(', ')}); ` +
          'the next update replaces them with this machine\'s address alone',
      );
    }
    return this.toProviderRecord(zone, spec, set);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    return this.upsert(spec, ip, spec.ttl ?? DEFAULT_TTL);
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    // A TTL chosen in the console is kept unless the config sets one.
    return this.upsert(spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL);
  }

  /**
   * UPSERT creates the record set or replaces it whole, so create and update are one request,
   * and a retry after a lost answer is harmless (the same UPSERT again).
   */
  private async upsert(spec: RecordSpec, ip: string, ttl: number): Promise<ProviderRecord> {
    const zone = await this.resolveZone(spec);
    const name = fullyQualified(spec.name);
    const change = await this.client.changeResourceRecordSets(zone.id, [{ action: 'UPSERT', name, type: spec.type, ttl, values: [ip] }], CHANGE_COMMENT);
    // PENDING means Route 53 validated and accepted the batch and is copying it to its name
    // servers (INSYNC, usually within a minute). We do not poll GetChange: that would cost extra
    // requests on every run that changes something (Route 53 allows five per second per
    // account), and nothing here depends on propagation; the next recheck reads the record back.
    if (change.status !== 'PENDING' && change.status !== 'INSYNC') {
      throw new ProviderError('protocol', `Route 53 answered the change of ${spec.type} ${spec.name} with status "${change.status}", not PENDING or INSYNC`);
    }
    this.log.debug(`Route 53: ${spec.type} ${spec.name} → ${ip} accepted as change ${change.id} (${change.status})`);
    return { id: recordId(zone, spec), name: spec.name, type: spec.type, content: ip, ttl };
  }

  private toProviderRecord(zone: ZoneChoice, spec: RecordSpec, set: ResourceRecordSet): ProviderRecord {
    // Several values never equal one address, so such a set is rewritten to hold ours alone.
    return { id: recordId(zone, spec), name: spec.name, type: spec.type, content: set.values.join(', '), ttl: set.ttl };
  }

  private async resolveZone(spec: RecordSpec): Promise<ZoneChoice> {
    if (this.options.hostedZoneId !== undefined) return { id: this.options.hostedZoneId, name: undefined };
    const kind = this.options.privateZone ? 'private' : 'public';
    const otherKind = this.options.privateZone ? 'public' : 'private';
    const tried: string[] = [];
    const ofOtherKind: string[] = [];
    const held =
      spec.zone === undefined ? await this.zones.held(spec.name) : [{ name: plainZoneName(spec.zone), zones: await this.zones.named(spec.zone) }];
    for (const { name: candidate, zones } of held) {
      tried.push(candidate);
      const wanted = zones.filter((zone) => zone.privateZone === this.options.privateZone);
      if (wanted.length > 1) {
        throw new ProviderError(
          'config',
          `${wanted.length} ${kind} Route 53 hosted zones are named ${candidate} (${wanted.map((zone) => zone.id).join(', ')}); ` +
            'set hosted_zone_id to the one holding the record',
        );
      }
      const [found] = wanted;
      if (found !== undefined) return { id: found.id, name: candidate };
      if (zones.length > 0) ofOtherKind.push(candidate);
    }
    const hint =
      ofOtherKind.length > 0
        ? `; ${otherKind} zones named ${ofOtherKind.join(', ')} exist: set private_zone = ${!this.options.privateZone} or hosted_zone_id to use one`
        : '';
    throw new ProviderError(
      'not-found',
      `no ${kind} Route 53 hosted zone found for ${spec.name} (tried ${(spec.zone === undefined ? zoneCandidates(spec.name) : tried).join(', ')})${hint}; ` +
        'set hosted_zone_id, or check the access key may use route53:ListHostedZonesByName',
    );
  }

  private async zonePage(cursor: ZoneCursor): Promise<Page<HostedZone, ZoneCursor>> {
    const page = await this.client.listHostedZonesByName(cursor.dnsName, { hostedZoneId: cursor.hostedZoneId, maxItems: ZONES_PER_PAGE });
    const next = page.isTruncated && page.nextDnsName !== undefined ? { dnsName: page.nextDnsName, hostedZoneId: page.nextHostedZoneId } : undefined;
    return { items: page.zones, next };
  }

  /** Every hosted zone named exactly `name` (public and private). */
  private async listZonesNamed(name: string): Promise<HostedZone[]> {
    const wanted = fullyQualified(name);
    const found: HostedZone[] = [];
    let dnsName = wanted;
    let hostedZoneId: string | undefined;
    for (let page = 0; page < MAX_ZONE_PAGES; page++) {
      const result = await this.client.listHostedZonesByName(dnsName, { hostedZoneId, maxItems: ZONE_PAGE_SIZE });
      // The list starts AT the name: zones with that name come first, then zones sorting after it.
      const named = result.zones.filter((zone) => normalizeRoute53Name(zone.name) === wanted);
      found.push(...named);
      const onlyThisName = named.length === result.zones.length;
      if (!result.isTruncated || !onlyThisName || result.nextDnsName === undefined) break;
      dnsName = result.nextDnsName;
      hostedZoneId = result.nextHostedZoneId;
    }
    return found;
  }
}

function recordId(zone: ZoneChoice, spec: RecordSpec): string {
  // Route 53 record sets have no id of their own: the zone, name and type identify one.
  return `${zone.id}/${spec.name}/${spec.type}`;
}

function optionalString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function requiredString(options: Record<string, unknown>, key: string): string {
  const value = optionalString(options, key);
  if (value === undefined) throw new ProviderError('config', `route53: ${key} is missing or empty`);
  // Such a value could only produce a wrong signature, reported as a confusing auth error.
  if (/\s/.test(value)) throw new ProviderError('config', `route53: ${key} contains spaces or line breaks`);
  return value;
}

export const createRoute53Provider: ProviderFactory = (options, context) => {
  const route53Options: Route53Options = {
    accessKeyId: requiredString(options, 'access_key_id'),
    secretAccessKey: requiredString(options, 'secret_access_key'),
    sessionToken: optionalString(options, 'session_token'),
    hostedZoneId: optionalString(options, 'hosted_zone_id')?.replace(/^\/hostedzone\//, ''),
    privateZone: options['private_zone'] === true,
  };
  const client = new Route53Client({
    http: context.http,
    credentials: {
      accessKeyId: route53Options.accessKeyId,
      secretAccessKey: route53Options.secretAccessKey,
      sessionToken: route53Options.sessionToken,
    },
    endpoint: context.endpoint,
  });
  return new Route53Provider(client, route53Options, context.log);
};
