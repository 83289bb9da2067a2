import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeRainyun } from './fake.js';

const API_KEY = 'kitRainyunApiKey0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'rainyun',
  transport: 'http',
  start: () => startFakeRainyun({ apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY],
};
