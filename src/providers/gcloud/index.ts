import { ProviderError } from '../../http/errors.js';
import type { ProviderFactory, RecordSpec } from '../types.js';
import { plainZoneName, readAllPages } from '../zones.js';
import { createZonedRestProvider, type ZonedRecord, type ZonedRestApi } from '../zoned-rest.js';
import { GcloudClient, type ManagedZone, type ResourceRecordSet } from './client.js';
import { parseServiceAccountKey } from './service-account.js';

/** What a record set gets when the config sets no ttl (the Cloud console's default, 5 minutes). */
const DEFAULT_TTL = 300;

function zoneName(zone: ManagedZone): string {
  return plainZoneName(zone.dnsName);
}

/** A record set as the template sees it: one record, whose content lists every address it holds. */
function toZonedRecord(set: ResourceRecordSet): ZonedRecord {
  // Several addresses never equal one, so such a set is rewritten to hold this machine's alone.
  return { id: `${set.name}/${set.type}`, name: set.name, type: set.type, content: (set.rrdatas ?? []).join(', '), ttl: set.ttl };
}

/** Public zones first: a private zone of the same name (a VPC's view) is used only when no public one exists. */
function publicFirst(zones: readonly ManagedZone[]): ManagedZone[] {
  return [...zones].sort((a, b) => Number(a.visibility === 'private') - Number(b.visibility === 'private'));
}

function gcloudApi(client: GcloudClient, project: string, warn: (message: string) => void): ZonedRestApi<ManagedZone> {
  const body = (spec: RecordSpec, ip: string, ttl: number) => ({ name: `${spec.name}.`, type: spec.type, ttl, rrdatas: [ip] });
  return {
    service: 'Google Cloud DNS',
    zoneNoun: 'Cloud DNS managed zone',
    zoneHint: `check that the zone is a managed zone of project ${project} (Network services → Cloud DNS)`,
    zones: {
      listAll: async () => publicFirst(await readAllPages('', (token: string) => client.listZones(token), 'Google Cloud DNS GET …/managedZones')),
      listNamed: async (name) => publicFirst(await readAllPages('', (token: string) => client.listZones(token, name), 'Google Cloud DNS GET …/managedZones')),
      namesOf: (zone) => [zoneName(zone)],
    },
    async listRecords(zone, spec) {
      const sets = await readAllPages('', (token: string) => client.listRecordSets(zone.name, `${spec.name}.`, spec.type, token), 'Google Cloud DNS GET …/rrsets');
      const records = sets.filter((set) => (set.rrdatas ?? []).length > 0).map(toZonedRecord);
      for (const set of sets) {
        const count = set.rrdatas?.length ?? 0;
        if (count > 1) warn(`${spec.type} ${spec.name} in Google Cloud DNS holds ${count} addresses (${(set.rrdatas ?? []).join(', ')}); the next update replaces them with this machine's address alone`);
      }
      return records;
    },
    createRecord: async (zone, spec, ip) => toZonedRecord(await client.createRecordSet(zone.name, body(spec, ip, spec.ttl ?? DEFAULT_TTL))),
    updateRecord: async (zone, existing, spec, ip) => toZonedRecord(await client.patchRecordSet(zone.name, body(spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL))),
    // A retried create whose first attempt did succeed: Cloud DNS answers 409 alreadyExists.
    isAlreadyExists: (error) => error instanceof ProviderError && error.kind === 'conflict',
  };
}

export const createGcloudProvider: ProviderFactory = (options, context) => {
  const text = options['key'];
  const key = typeof text === 'string' ? parseServiceAccountKey(text) : undefined;
  if (key === undefined) throw new ProviderError('config', 'gcloud: key (key_file or key_env) is not a service-account JSON key with client_email and private_key; download one (IAM & Admin → Service accounts → the account → Keys → Add key → JSON)');
  const configured = options['project'];
  const project = typeof configured === 'string' && configured !== '' ? configured : key.projectId;
  if (project === undefined || project === '') throw new ProviderError('config', 'gcloud: the service-account key names no project_id; set project = "…"');
  const client = new GcloudClient({ http: context.http, key, project, endpoint: context.endpoint });
  return createZonedRestProvider(gcloudApi(client, project, (message) => context.log.warn(message)), context.log);
};
