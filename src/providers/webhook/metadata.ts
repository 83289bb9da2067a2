import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { headersSchema, methodSchema, noBodyWithGet } from '../../http-template.js';
import { webhookTemplates } from './template.js';
import { WEBHOOK_METHODS } from './limits.js';
import { lazyProperty } from '../lazy.js';

export { WEBHOOK_METHODS };

function webhookConfigSchema() {
  return z
    .strictObject({
      url: webhookTemplates.urlTemplateSchema('ip'),
      method: methodSchema(WEBHOOK_METHODS, 'POST'),
      headers: z.optional(headersSchema),
      body: z.optional(webhookTemplates.templateSchema()),
    })
    .check(noBodyWithGet('is not sent with method GET: put the variables in url, or use POST or PUT'));
}

export const webhookMetadata: ProviderMetadata = {
  type: 'webhook',
  title: 'Webhook (any HTTP API)',
  credentialKeys: ['url'],
  // The whole url is a secret: webhook URLs carry their key in the path (…/hooks/<id>/<key>) as
  // often as in the query. It also accepts url_env / url_file.
  secretKeys: ['url'],
  // Header values carry the credentials (Authorization, X-Api-Key …).
  secretTables: ['headers'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', webhookConfigSchema);
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  writeOnly: true,
  load: async () => (await import('./index.js')).createWebhookProvider,
};
