import { ProviderError } from '../../http/errors.js';
import { firstOfDuplicates } from '../duplicates.js';
import { relativeHost } from '../listing.js';
import { plainZoneName } from '../zones.js';
import type { Provider, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { TodaynicClient, TODAYNIC_SITES, type TodaynicRecord, type TodaynicSite } from './client.js';

/** What a record gets when the config sets no ttl (ddns-go's default for this API). */
const DEFAULT_TTL = 600;

/**
 * The API has no domain listing (WIRE.md): the zone is the configured one, or else the name's
 * last two labels (example.com for home.example.com); set `zone` for example.com.cn and the like.
 */
function zoneOf(spec: RecordSpec): string {
  if (spec.zone !== undefined) {
    const zone = plainZoneName(spec.zone);
    if (spec.name !== zone && !spec.name.endsWith(`.${zone}`)) throw new ProviderError('config', `${spec.name} is not inside zone ${zone}`);
    return zone;
  }
  return spec.name.split('.').slice(-2).join('.');
}

class TodaynicProvider implements Provider {
  constructor(
    private readonly client: TodaynicClient,
    private readonly log: ProviderLogger,
  ) {}

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const zone = zoneOf(spec);
    const host = relativeHost(spec.name, zone);
    const records = (await this.client.describeRecords(zone, host, spec.type)).filter(
      (record) => record.Host.toLowerCase() === host && record.Type.toUpperCase() === spec.type,
    );
    const first = firstOfDuplicates(records, this.log, () => `${spec.type} records named ${spec.name} exist in TodayNIC domain ${zone}`, (record: TodaynicRecord) => `id ${record.id}`);
    return first === undefined ? undefined : { id: String(first.id), name: spec.name, type: spec.type, content: first.Value, ttl: undefined };
  }

  async create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const zone = zoneOf(spec);
    const ttl = spec.ttl ?? DEFAULT_TTL;
    const id = await this.client.addRecord({ domain: zone, host: relativeHost(spec.name, zone), type: spec.type, value: ip, ttl });
    return { id, name: spec.name, type: spec.type, content: ip, ttl };
  }

  async update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    const zone = zoneOf(spec);
    // The listing carries no TTL, and the update takes one: the configured ttl, or the default.
    const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
    await this.client.updateRecord(existing.id, { domain: zone, host: relativeHost(spec.name, zone), type: spec.type, value: ip, ttl });
    return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
  }
}

export const createTodaynicProvider: ProviderFactory = (options, context) => {
  const accessInstanceId = options['access_instance_id'];
  const accessKeySecret = options['access_key_secret'];
  const site = options['site'] ?? 'nowcn';
  if (typeof accessInstanceId !== 'string' || typeof accessKeySecret !== 'string') {
    throw new ProviderError('config', 'todaynic: access_instance_id and access_key_secret are required');
  }
  if (typeof site !== 'string' || !(site in TODAYNIC_SITES)) throw new ProviderError('config', 'todaynic: site must be "nowcn", "eranet" or "tnethk"');
  const client = new TodaynicClient({ http: context.http, accessInstanceId, accessKeySecret, site: site as TodaynicSite, endpoint: context.endpoint });
  return new TodaynicProvider(client, context.log);
};
