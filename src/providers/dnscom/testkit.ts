import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDnscom } from './fake.js';

const API_KEY = 'c0ffee00kitdnscomapikey000000001';
const API_SECRET = 'kitDnscomSecret0123456789abcdef0';

export const testKit: ProviderTestKit = {
  type: 'dnscom',
  transport: 'http',
  start: () => startFakeDnscom({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`, `api_secret = "${API_SECRET}"`],
  recordName: 'home.example.com',
  secrets: [API_SECRET],
};
