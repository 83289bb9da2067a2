import { sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import { firstOfDuplicates } from '../duplicates.js';
import { nameOfHost, relativeHost } from '../listing.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { plainZoneName, zoneCandidates } from '../zones.js';
import { NetcupClient, type NetcupRecord, type ZoneProbe } from './client.js';

/**
 * netcup's DNS API has no zone listing (WIRE.md), so this provider is not on the zoned-REST
 * template: the zone is the configured one, or the deepest parent of the name that `infoDnsZone`
 * knows, each asked once per run. Records carry no TTL: a netcup zone has one.
 */
class NetcupProvider implements Provider {
  private readonly probes = new Map<string, Promise<ZoneProbe>>();
  private readonly ttlWarned = new Set<string>();

  constructor(
    private readonly client: NetcupClient,
    private readonly log: ProviderLogger,
  ) {}

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = await this.zoneOf(spec);
    const matching = (await this.client.listRecords(zone)).filter((record) => this.holds(record, zone, spec));
    const first = firstOfDuplicates(matching, this.log, () => `${spec.type} records named ${spec.name} exist in netcup zone ${zone}`, (record) => `id ${record.id}`);
    return first === undefined ? undefined : toProviderRecord(first, spec);
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = await this.zoneOf(spec);
    this.warnTtl(spec);
    const after = await this.client.updateRecords(zone, [{ hostname: relativeHost(spec.name, zone), type: spec.type, destination: ip, deleterecord: false }]);
    // The answer holds every record of the zone; the new one is the newest holding what was sent.
    const created = after.filter((record) => this.holds(record, zone, spec) && sameAddress(record.destination, ip)).sort((a, b) => Number(b.id) - Number(a.id))[0];
    if (created === undefined) throw new ProviderError('protocol', `netcup answered success but its zone ${zone} holds no ${spec.type} ${spec.name} with ${ip}`);
    return toProviderRecord(created, spec);
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = await this.zoneOf(spec);
    this.warnTtl(spec);
    const after = await this.client.updateRecords(zone, [{ id: existing.id, hostname: relativeHost(spec.name, zone), type: spec.type, destination: ip, deleterecord: false }]);
    const updated = after.find((record) => record.id === existing.id);
    if (updated === undefined || !this.holds(updated, zone, spec) || !sameAddress(updated.destination, ip)) {
      const now = updated === undefined ? 'is gone' : `holds ${updated.type} ${updated.destination}`;
      throw new ProviderError('protocol', `netcup answered success but the record ${spec.name} (id ${existing.id}) ${now}, not ${spec.type} ${ip}`);
    }
    return toProviderRecord(updated, spec);
  }

  private holds(record: NetcupRecord, zone: string, spec: RecordSpec): boolean {
    return record.type.toUpperCase() === spec.type && nameOfHost(record.hostname, zone) === spec.name;
  }

  private warnTtl(spec: RecordSpec): void {
    const key = `${spec.name}/${spec.type}`;
    if (spec.ttl === undefined || this.ttlWarned.has(key)) return;
    this.ttlWarned.add(key);
    this.log.warn(`netcup: ttl = ${spec.ttl} of ${spec.type} ${spec.name} is not sent: a netcup zone has one TTL, set in the CCP (Domains → DNS)`);
  }

  private async zoneOf(spec: RecordSpec): Promise<string> {
    if (spec.zone !== undefined) {
      const zone = plainZoneName(spec.zone);
      if (spec.name !== zone && !spec.name.endsWith(`.${zone}`)) throw new ProviderError('config', `${spec.name} is not inside zone ${zone}`);
      return zone;
    }
    const tried = zoneCandidates(spec.name);
    let reason = '';
    for (const candidate of tried) {
      const probe = await this.probe(candidate);
      if (probe.held) return candidate;
      reason = probe.reason;
    }
    throw new ProviderError(
      'not-found',
      `no netcup domain found for ${spec.name} (tried ${tried.join(', ')}; last answer ${reason}); set zone = "…" in its [[record]] or check that the domain is in this netcup account`,
    );
  }

  /** One infoDnsZone per name and run; a failed one is asked again. */
  private probe(name: string): Promise<ZoneProbe> {
    const cached = this.probes.get(name);
    if (cached !== undefined) return cached;
    const pending = this.client.probeZone(name);
    this.probes.set(name, pending);
    pending.catch(() => {
      if (this.probes.get(name) === pending) this.probes.delete(name);
    });
    return pending;
  }
}

function toProviderRecord(record: NetcupRecord, spec: RecordSpec): ProviderRecord {
  return { id: record.id, name: spec.name, type: spec.type, content: record.destination, ttl: undefined };
}

export const createNetcupProvider: ProviderFactory = (options, context) => {
  const customerNumber = options['customer_number'];
  const apiKey = options['api_key'];
  const apiPassword = options['api_password'];
  if ((typeof customerNumber !== 'string' && typeof customerNumber !== 'number') || typeof apiKey !== 'string' || typeof apiPassword !== 'string') {
    throw new ProviderError('config', 'netcup: customer_number, api_key and api_password are required');
  }
  const client = new NetcupClient({ http: context.http, customerNumber: String(customerNumber), apiKey, apiPassword, endpoint: context.endpoint });
  return new NetcupProvider(client, context.log);
};
