import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeNjalla } from './fake.js';

const KEY = 'kit0njalla0key0Zx81Qw7Lm2Np';

export const testKit: ProviderTestKit = {
  type: 'njalla',
  transport: 'http',
  start: () => startFakeNjalla({ records: { 'home.example.com': KEY } }),
  providerLines: [`key = "${KEY}"`],
  recordName: 'home.example.com',
  secrets: [KEY],
};
