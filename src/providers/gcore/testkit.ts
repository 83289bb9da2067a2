import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeGcore } from './fake.js';

const API_TOKEN = '4321$kitGcoreTokenValue0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'gcore',
  transport: 'http',
  start: () => startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com'] }),
  providerLines: [`api_token = "${API_TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [API_TOKEN],
};
