import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeCloudns } from './fake.js';

const AUTH_ID = '4321';
const PASSWORD = 'kit-cloudns-Password-0123456789';

export const testKit: ProviderTestKit = {
  type: 'cloudns',
  transport: 'http',
  start: () => startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com'] }),
  providerLines: [`auth_id = "${AUTH_ID}"`, `auth_password = "${PASSWORD}"`],
  recordName: 'home.example.com',
  secrets: [PASSWORD],
};
