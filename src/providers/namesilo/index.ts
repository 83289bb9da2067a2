import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { plainZoneName } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { NamesiloClient, type NamesiloRecord } from './client.js';

/** NameSilo's lowest ttl, and what a record gets when the config sets none. */
const DEFAULT_TTL = 3600;

/** The `rrhost` of `name` in `domain`: empty for the apex. */
function hostIn(name: string, domain: string): string {
  return name === domain ? '' : name.slice(0, -(domain.length + 1));
}

function toZonedRecord(record: NamesiloRecord): ZonedRecord {
  // `host` is the fully qualified name.
  return { id: record.record_id, name: plainZoneName(record.host), type: record.type, content: record.value, ttl: record.ttl };
}

function namesiloApi(client: NamesiloClient): ZonedRestApi<string> {
  return {
    service: 'NameSilo',
    zoneNoun: 'NameSilo domain',
    zoneHint: 'check that the domain is in this NameSilo account',
    zones: { listAll: async () => (await client.listDomains()).map(plainZoneName), namesOf: (domain) => [domain] },
    listRecords: async (domain) => (await client.listRecords(domain)).map(toZonedRecord),
    async createRecord(domain, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      const id = await client.addRecord({ domain, rrtype: spec.type, rrhost: hostIn(spec.name, domain), rrvalue: ip, rrttl: ttl });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(domain, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      const id = await client.updateRecord({ domain, rrid: existing.id, rrhost: hostIn(spec.name, domain), rrvalue: ip, rrttl: ttl });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
  };
}

export const createNamesiloProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  if (typeof apiKey !== 'string') throw new ProviderError('config', 'namesilo: api_key is required');
  return createZonedRestProvider(namesiloApi(new NamesiloClient({ http: context.http, apiKey, endpoint: context.endpoint })), context.log);
};
