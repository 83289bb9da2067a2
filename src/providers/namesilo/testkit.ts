import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeNamesilo } from './fake.js';

const API_KEY = 'kitNamesiloKey0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'namesilo',
  transport: 'http',
  start: () => startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY],
};
