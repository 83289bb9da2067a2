import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeGandi } from './fake.js';

const TOKEN = 'kit-gandi-pat-0123456789abcdef0123';

export const testKit: ProviderTestKit = {
  type: 'gandi',
  transport: 'http',
  start: () => startFakeGandi({ token: TOKEN, zones: ['example.com'] }),
  providerLines: [`token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
