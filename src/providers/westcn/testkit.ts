import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { westcnApiKey } from './client.js';
import { startFakeWestcn } from './fake.js';

const USERNAME = 'kitwestuser';
const API_PASSWORD = 'kit-West-api-Passw0rd';

export const testKit: ProviderTestKit = {
  type: 'westcn',
  transport: 'http',
  start: () => startFakeWestcn({ username: USERNAME, apiPassword: API_PASSWORD, zones: ['example.com'] }),
  providerLines: [`username = "${USERNAME}"`, `api_password = "${API_PASSWORD}"`],
  recordName: 'home.example.com',
  // The apikey (MD5 of the API password) travels in every form: as good as the password to the API.
  secrets: [API_PASSWORD, westcnApiKey(API_PASSWORD)],
};
