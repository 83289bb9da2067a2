import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeHetzner } from './fake.js';

const TOKEN = 'kitHetznerToken0123456789abcdefABCDEFghijklmnopqrstuvwxyz012';

export const testKit: ProviderTestKit = {
  type: 'hetzner',
  transport: 'http',
  start: () => startFakeHetzner({ token: TOKEN, zones: ['example.com'] }),
  providerLines: [`api_token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
