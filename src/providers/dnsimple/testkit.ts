import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDnsimple } from './fake.js';

const API_TOKEN = 'dnsimple_a_kitTokenValue0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'dnsimple',
  transport: 'http',
  start: () => startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] }),
  providerLines: [`api_token = "${API_TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [API_TOKEN],
};
