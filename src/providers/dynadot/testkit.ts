import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDynadot } from './fake.js';

const PASSWORD = 'kit0dynadot0ddns0Pw7Kq2Lm9';

export const testKit: ProviderTestKit = {
  type: 'dynadot',
  transport: 'http',
  start: () => startFakeDynadot({ domains: { 'example.com': PASSWORD } }),
  providerLines: ['domain = "example.com"', `password = "${PASSWORD}"`],
  recordName: 'home.example.com',
  secrets: [PASSWORD],
};
