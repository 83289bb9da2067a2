import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeLinode } from './fake.js';

const TOKEN = 'kit-linode-token-0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'linode',
  transport: 'http',
  start: () => startFakeLinode({ token: TOKEN, zones: ['example.com'] }),
  providerLines: [`token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
