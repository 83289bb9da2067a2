import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeBunny } from './fake.js';

const API_KEY = 'kit0bunny-1234-5678-9abc-def012345678';

export const testKit: ProviderTestKit = {
  type: 'bunny',
  transport: 'http',
  start: () => startFakeBunny({ apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY],
};
