import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeNamecheap } from './fake.js';

const PASSWORD = 'kit0namecheap0ddns0pass0a1b2c3d4';

export const testKit: ProviderTestKit = {
  type: 'namecheap',
  transport: 'http',
  start: () => startFakeNamecheap({ domains: { 'example.com': { password: PASSWORD, hosts: ['home'] } } }),
  providerLines: ['domain = "example.com"', `password = "${PASSWORD}"`],
  recordName: 'home.example.com',
  secrets: [PASSWORD],
};
