import type { ProviderFactory } from '../types.js';
import { ProviderError } from '../errors.js';

// Placeholder replaced by the Cloudflare implementation.
export const createCloudflareProvider: ProviderFactory = () => {
  throw new ProviderError('config', 'cloudflare provider not implemented yet');
};
