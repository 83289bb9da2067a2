import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDnspod } from './fake.js';

const SECRET_ID = 'AKIDkitDnspodSecretId0123456789';
const SECRET_KEY = 'kitDnspodSecretKey0123456789abcd';

export const testKit: ProviderTestKit = {
  type: 'dnspod',
  transport: 'http',
  start: () => startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] }),
  providerLines: [`secret_id = "${SECRET_ID}"`, `secret_key = "${SECRET_KEY}"`],
  recordName: 'home.example.com',
  secrets: [SECRET_ID, SECRET_KEY],
};
