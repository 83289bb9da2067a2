import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeNs1 } from './fake.js';

const API_KEY = 'kitNs1ApiKey0123456789abc';

export const testKit: ProviderTestKit = {
  type: 'ns1',
  transport: 'http',
  start: () => startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY],
};
