import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory } from '../types.js';
import { plainZoneName, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { DOMAINS_PER_CALL, PorkbunClient, type PorkbunRecord } from './client.js';

/** Porkbun's lowest ttl, and what a record gets when the config sets none. */
const DEFAULT_TTL = 600;

/** The subdomain of `name` in `domain`: empty for the apex. */
function subdomainOf(name: string, domain: string): string {
  return name === domain ? '' : name.slice(0, -(domain.length + 1));
}

function toZonedRecord(record: PorkbunRecord): ZonedRecord {
  const ttl = record.ttl === undefined ? undefined : Number(record.ttl);
  // `name` is the full name.
  return { id: String(record.id), name: plainZoneName(record.name), type: record.type, content: record.content, ttl: Number.isFinite(ttl) ? ttl : undefined };
}

function porkbunApi(client: PorkbunClient): ZonedRestApi<string> {
  return {
    service: 'Porkbun',
    zoneNoun: 'Porkbun domain',
    zoneHint: 'check that the domain is in this Porkbun account',
    zones: {
      listAll: () =>
        readAllPages(
          0,
          async (start: number) => {
            const domains = await client.listDomains(start);
            return { items: domains.map(plainZoneName), next: domains.length >= DOMAINS_PER_CALL ? start + domains.length : undefined };
          },
          'Porkbun domain/listAll',
        ),
      namesOf: (domain) => [domain],
    },
    listRecords: async (domain, spec) => (await client.recordsByNameType(domain, spec.type, subdomainOf(plainZoneName(spec.name), domain))).map(toZonedRecord),
    async createRecord(domain, spec, ip) {
      const ttl = spec.ttl ?? DEFAULT_TTL;
      const id = await client.createRecord(domain, { name: subdomainOf(plainZoneName(spec.name), domain), type: spec.type, content: ip, ttl });
      return { id, name: spec.name, type: spec.type, content: ip, ttl };
    },
    async updateRecord(domain, existing, spec, ip) {
      const ttl = spec.ttl ?? existing.ttl ?? DEFAULT_TTL;
      await client.editRecord(domain, existing.id, { name: subdomainOf(plainZoneName(spec.name), domain), type: spec.type, content: ip, ttl });
      return { id: existing.id, name: spec.name, type: spec.type, content: ip, ttl };
    },
  };
}

export const createPorkbunProvider: ProviderFactory = (options, context) => {
  const apiKey = options['api_key'];
  const secretApiKey = options['secret_api_key'];
  if (typeof apiKey !== 'string' || typeof secretApiKey !== 'string') throw new ProviderError('config', 'porkbun: api_key and secret_api_key are required');
  return createZonedRestProvider(porkbunApi(new PorkbunClient({ http: context.http, apiKey, secretApiKey, endpoint: context.endpoint })), context.log);
};
