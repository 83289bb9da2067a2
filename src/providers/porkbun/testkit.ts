import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakePorkbun } from './fake.js';

const API_KEY = 'pk1_kitPorkbunApiKey0123456789abcdef';
const SECRET_API_KEY = 'sk1_kitPorkbunSecret0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'porkbun',
  transport: 'http',
  start: () => startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET_API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`, `secret_api_key = "${SECRET_API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY, SECRET_API_KEY],
};
