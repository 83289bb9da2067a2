import { z } from 'zod';
import type { ProviderMetadata } from '../types.js';

export const alidnsMetadata: ProviderMetadata = {
  type: 'alidns',
  title: 'Alibaba Cloud DNS',
  secretKeys: ['access_key_secret'],
  configSchema: z.strictObject({
    access_key_id: z.string().min(1, 'must not be empty'),
    access_key_secret: z.string().min(1, 'must not be empty'),
  }),
  recordSchema: z.strictObject({
    // The resolution line (解析线路): "default", "telecom", "unicom", "mobile", "oversea", … or a
    // custom line's code. Only records on this line are read and written.
    line: z
      .string()
      .min(1, 'must not be empty')
      .max(64)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'must be a line code such as "default", "telecom", "unicom", "mobile" or "oversea"')
      .optional(),
  }),
  load: async () => (await import('./index.js')).createAlidnsProvider,
};
