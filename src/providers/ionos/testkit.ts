import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeIonos } from './fake.js';

const API_KEY = 'kitionosprefix01.kit-ionos-secret-0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'ionos',
  transport: 'http',
  start: () => startFakeIonos({ apiKey: API_KEY, zones: ['example.com'] }),
  providerLines: [`api_key = "${API_KEY}"`],
  recordName: 'home.example.com',
  secrets: [API_KEY, 'kit-ionos-secret-0123456789abcdef'],
};
