import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeGodaddy } from './fake.js';

const API_KEY = 'kit0godaddy0key0123456';
const API_SECRET = 'kit0godaddy0secret0123456789';

export const testKit: ProviderTestKit = {
  type: 'godaddy',
  transport: 'http',
  start: () => startFakeGodaddy({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`, `api_secret = "${API_SECRET}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY, API_SECRET, `${API_KEY}:${API_SECRET}`],
  // A write is confirmed by its 200 with no body (GoDaddy answers none): an empty 200 to the write reads as done.
  malformedOutcomes: { 'empty body (200)': ['protocol', 'ok'] },
};
