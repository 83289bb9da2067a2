import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDesec } from './fake.js';

const TOKEN = 'i-T3b1hKitOIH9ab8tRS98stGtURe';

export const testKit: ProviderTestKit = {
  type: 'desec',
  transport: 'http',
  start: () => startFakeDesec({ token: TOKEN, zones: ['example.com'] }),
  providerLines: [`token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
