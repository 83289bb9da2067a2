import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, ProviderLogger, RecordSpec } from '../types.js';
import { hostIn } from '../cloud-keys.js';
import { plainZoneName, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { addressesOf, AzureClient, type AzureRecordSet, type AzureZone } from './client.js';

/** What a record set gets when the config sets no ttl (the Azure portal's default, one hour). */
const DEFAULT_TTL = 3600;

function zoneName(zone: AzureZone): string {
  return plainZoneName(zone.name);
}

/** A record set as the template sees it: one record, whose content lists every address it holds. */
function toZonedRecord(set: AzureRecordSet, zone: AzureZone): ZonedRecord {
  const type = set.type.split('/').at(-1) ?? '';
  const name = set.name === '@' ? zoneName(zone) : `${set.name}.${zoneName(zone)}`;
  // Several addresses never equal one, so such a set is rewritten to hold this machine's alone.
  return { id: set.id, name: set.properties.fqdn ?? name, type: type.toUpperCase(), content: addressesOf(set).join(', '), ttl: set.properties.TTL ?? undefined };
}

function azureApi(client: AzureClient, resourceGroup: string, log: ProviderLogger): ZonedRestApi<AzureZone> {
  const put = async (zone: AzureZone, spec: RecordSpec, ip: string, ttl: number) =>
    toZonedRecord(await client.putRecordSet(zoneName(zone), spec.type, hostIn(spec.name, zoneName(zone)), ttl, ip), zone);
  return {
    service: 'Azure DNS',
    zoneHint: `check that the zone is in resource group ${resourceGroup} (resource_group) of subscription_id`,
    zones: {
      listAll: () => readAllPages('', (nextLink: string) => client.listZones(nextLink), 'Azure DNS GET …/dnsZones'),
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const set = await client.getRecordSet(zoneName(zone), spec.type, hostIn(spec.name, zoneName(zone)));
      if (set === undefined || addressesOf(set).length === 0) return [];
      const addresses = addressesOf(set);
      if (addresses.length > 1) {
        log.warn(`${spec.type} ${spec.name} in Azure DNS holds ${addresses.length} addresses (${addresses.join(', ')}); the next update replaces them with this machine's address alone`);
      }
      return [toZonedRecord(set, zone)];
    },
    createRecord: (zone, spec, ip) => put(zone, spec, ip, spec.ttl ?? DEFAULT_TTL),
    updateRecord: (zone, existing, spec, ip) => put(zone, spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL),
  };
}

function required(options: Record<string, unknown>, key: string): string {
  const value = options[key];
  if (typeof value !== 'string' || value === '') throw new ProviderError('config', `azure: ${key} is missing or empty`);
  return value;
}

export const createAzureProvider: ProviderFactory = (options, context) => {
  const credentials = {
    tenantId: required(options, 'tenant_id'),
    clientId: required(options, 'client_id'),
    clientSecret: required(options, 'client_secret'),
    subscriptionId: required(options, 'subscription_id'),
    resourceGroup: required(options, 'resource_group'),
  };
  const client = new AzureClient({ http: context.http, endpoint: context.endpoint, ...credentials });
  return createZonedRestProvider(azureApi(client, credentials.resourceGroup, context.log), context.log);
};
