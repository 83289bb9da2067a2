import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const azureMetadata: ProviderMetadata = {
  type: 'azure',
  title: 'Azure DNS',
  credentialKeys: ['tenant_id', 'client_id', 'client_secret', 'subscription_id', 'resource_group'],
  secretKeys: ['client_secret'],
  zonePageSize: 100,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // A tenant is named by its id (a GUID) or one of its domains (contoso.onmicrosoft.com).
        tenant_id: z.string().check(z.regex(/^(?:[0-9a-fA-F-]{36}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63})$/, 'must be the Directory (tenant) ID or a domain of the tenant')),
        client_id: z.string().check(z.regex(GUID, "must be the app's Application (client) ID, a GUID")),
        client_secret: printableCredential,
        subscription_id: z.string().check(z.regex(GUID, 'must be the subscription ID, a GUID')),
        resource_group: z.string().check(z.regex(/^[-\w.()]{0,89}[-\w()]$/, 'must be a resource group name (letters, digits, - _ . ( ), at most 90, not ending in a dot)')),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createAzureProvider,
};
