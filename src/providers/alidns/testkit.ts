import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeAlidns } from './fake.js';

const ACCESS_KEY_ID = 'LTAIkitAccessKeyId01';
const ACCESS_KEY_SECRET = 'kit-alidns-secret_0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'alidns',
  transport: 'http',
  start: () => startFakeAlidns({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, domains: ['example.com'] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `access_key_secret = "${ACCESS_KEY_SECRET}"`],
  recordName: 'home.example.com',
  // The AccessKey ID is not a secret key of the provider (only access_key_secret is masked).
  secrets: [ACCESS_KEY_SECRET],
};
