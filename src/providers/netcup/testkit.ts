import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeNetcup } from './fake.js';

const CUSTOMER_NUMBER = '123456';
const API_KEY = 'KitNetcupApiKey0123456789abcdef';
const API_PASSWORD = 'KitNetcupApiPassword0123456789';

export const testKit: ProviderTestKit = {
  type: 'netcup',
  transport: 'http',
  start: () => startFakeNetcup({ customerNumber: CUSTOMER_NUMBER, apiKey: API_KEY, apiPassword: API_PASSWORD, zones: ['example.com'] }),
  providerLines: [`customer_number = "${CUSTOMER_NUMBER}"`, `api_key = "${API_KEY}"`, `api_password = "${API_PASSWORD}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY, API_PASSWORD],
};
