import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeRoute53 } from './fake.js';

const ACCESS_KEY_ID = 'AKIAKITROUTE53EXAMPLE';
const SECRET_ACCESS_KEY = 'kit/Route53+Secret0123456789abcdefEXAMPLE';

export const testKit: ProviderTestKit = {
  type: 'route53',
  transport: 'http',
  start: () => startFakeRoute53({ credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }], zones: [{ name: 'example.com' }] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `secret_access_key = "${SECRET_ACCESS_KEY}"`],
  recordName: 'home.example.com',
  secrets: [ACCESS_KEY_ID, SECRET_ACCESS_KEY],
};
