import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeTodaynic } from './fake.js';

const ACCESS_INSTANCE_ID = 'kitTodaynicInstance01';
const ACCESS_KEY_SECRET = 'kit-todaynic-secret_0123456789';

export const testKit: ProviderTestKit = {
  type: 'todaynic',
  transport: 'http',
  start: () => startFakeTodaynic({ accessInstanceId: ACCESS_INSTANCE_ID, accessKeySecret: ACCESS_KEY_SECRET, zones: ['example.com'] }),
  providerLines: [`access_instance_id = "${ACCESS_INSTANCE_ID}"`, `access_key_secret = "${ACCESS_KEY_SECRET}"`],
  recordName: 'home.example.com',
  // The AccessInstanceID travels in the query; only the secret is masked.
  secrets: [ACCESS_KEY_SECRET],
};
