import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { PowerdnsClient, type PowerdnsRrset, type PowerdnsZone } from './client.js';

/** What a record gets when the config sets no ttl and the RRset is new. */
const DEFAULT_TTL = 300;

const absolute = (name: string): string => `${name.replace(/\.$/, '')}.`;
const zoneName = (zone: PowerdnsZone): string => zone.name.replace(/\.$/, '').toLowerCase();

/** An RRset is one record to ddns: its id is name/type, its content every enabled address (", "-joined, as rfc2136 shows them). */
function toZonedRecord(rrset: PowerdnsRrset): ZonedRecord | undefined {
  const contents = rrset.records.filter((record) => record.disabled !== true).map((record) => record.content);
  if (contents.length === 0) return undefined;
  return { id: `${rrset.name}/${rrset.type}`, name: rrset.name, type: rrset.type, content: contents.join(', '), ttl: rrset.ttl };
}

function powerdnsApi(client: PowerdnsClient): ZonedRestApi<PowerdnsZone> {
  const write = async (zone: PowerdnsZone, spec: RecordSpec, ip: string, ttl: number): Promise<ZonedRecord> => {
    // REPLACE sets the whole RRset of the name and type to the one address.
    await client.replace(zone, { name: absolute(spec.name), type: spec.type, ttl, content: ip });
    return { id: `${absolute(spec.name)}/${spec.type}`, name: spec.name, type: spec.type, content: ip, ttl };
  };
  return {
    service: 'PowerDNS',
    zoneNoun: 'PowerDNS zone',
    zoneHint: 'check that the server (server, server_id) holds the zone',
    zones: { listAll: () => client.listZones(), namesOf: (zone) => [zoneName(zone)] },
    async listRecords(zone, spec) {
      // The template keeps only the name and type asked for: servers before 4.9 answer the whole zone.
      const rrsets = await client.rrsets(zone, absolute(spec.name), spec.type);
      return rrsets.flatMap((rrset) => toZonedRecord(rrset) ?? []);
    },
    createRecord: (zone, spec, ip) => write(zone, spec, ip, spec.ttl ?? DEFAULT_TTL),
    updateRecord: (zone, existing, spec, ip) => write(zone, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL),
  };
}

export const createPowerdnsProvider: ProviderFactory = (options, context) => {
  const server = options['server'];
  const apiKey = options['api_key'];
  const serverId = options['server_id'] ?? 'localhost';
  if (typeof server !== 'string' || typeof apiKey !== 'string' || typeof serverId !== 'string') throw new ProviderError('config', 'powerdns: server and api_key are required');
  return createZonedRestProvider(powerdnsApi(new PowerdnsClient({ http: context.http, server: context.endpoint ?? server, apiKey, serverId })), context.log);
};
