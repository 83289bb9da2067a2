import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeVultr } from './fake.js';

const API_KEY = 'KITVULTRAPIKEY0123456789ABCDEFGHIJ';

export const testKit: ProviderTestKit = {
  type: 'vultr',
  transport: 'http',
  start: () => startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY],
};
