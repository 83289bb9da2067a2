import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDigitalocean } from './fake.js';

const TOKEN = 'dop_v1_kit0123456789abcdef0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'digitalocean',
  transport: 'http',
  start: () => startFakeDigitalocean({ token: TOKEN, zones: ['example.com'] }),
  providerLines: [`api_token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
