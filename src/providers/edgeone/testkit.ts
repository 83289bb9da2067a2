import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeEdgeone } from './fake.js';

const SECRET_ID = 'AKIDkitEdgeone0123456789abcdef';
const SECRET_KEY = 'kitEdgeoneSecretKey0123456789ab';

export const testKit: ProviderTestKit = {
  type: 'edgeone',
  transport: 'http',
  start: () => startFakeEdgeone({ secretId: SECRET_ID, secretKey: SECRET_KEY, zones: ['example.com'] }),
  providerLines: [`secret_id = "${SECRET_ID}"`, `secret_key = "${SECRET_KEY}"`],
  recordName: 'home.example.com',
  secrets: [SECRET_KEY],
};
