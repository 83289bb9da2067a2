import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeSpaceship } from './fake.js';

const API_KEY = 'kit0spaceship0key01234';
const API_SECRET = 'kit0spaceship0secret0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'spaceship',
  transport: 'http',
  start: () => startFakeSpaceship({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`, `api_secret = "${API_SECRET}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY, API_SECRET],
  // A write is confirmed by its 204 alone (Spaceship answers no body): an empty 204 to the write reads as done.
  malformedOutcomes: { 'empty body (204)': ['protocol', 'ok'] },
};
