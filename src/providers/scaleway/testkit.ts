import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeScaleway } from './fake.js';

const SECRET_KEY = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

export const testKit: ProviderTestKit = {
  type: 'scaleway',
  transport: 'http',
  start: () => startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] }),
  providerLines: [`secret_key = "${SECRET_KEY}"`],
  recordName: 'home.example.com',
  secrets: [SECRET_KEY],
};
