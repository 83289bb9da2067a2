import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeLuadns } from './fake.js';

const EMAIL = 'kit@example.com';
const API_KEY = 'kitluadnskey0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'luadns',
  transport: 'http',
  start: () => startFakeLuadns({ email: EMAIL, apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`email = "${EMAIL}"`, `api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY, Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')],
};
