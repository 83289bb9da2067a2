import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDnsla } from './fake.js';

const API_ID = 'kitDnslaApiId01';
const API_SECRET = 'kit-dnsla-secret-0123456789';

export const testKit: ProviderTestKit = {
  type: 'dnsla',
  transport: 'http',
  start: () => startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones: ['example.com'] }),
  providerLines: [`api_id = "${API_ID}"`, `api_secret = "${API_SECRET}"`],
  recordName: 'home.example.com',
  secrets: [API_SECRET, Buffer.from(`${API_ID}:${API_SECRET}`).toString('base64')],
};
