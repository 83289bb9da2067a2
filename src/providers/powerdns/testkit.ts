import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakePowerdns } from './fake.js';

const API_KEY = 'kit-powerdns-api-key-0123456789';

export const testKit: ProviderTestKit = {
  type: 'powerdns',
  transport: 'http',
  start: () => startFakePowerdns({ apiKey: API_KEY, zones: ['example.com'] }),
  endpointKey: 'server',
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY],
  // PowerDNS answers a PATCH with exactly this (204, no body): a write taking it is right, a read taking it is not.
  malformedOutcomes: { 'empty body (204)': ['ok', 'protocol'] },
};
