import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDynv6 } from './fake.js';

const TOKEN = 'kitDynv6HttpToken_0123456789abcdefABCD';

export const testKit: ProviderTestKit = {
  type: 'dynv6',
  transport: 'http',
  start: () => startFakeDynv6({ token: TOKEN, zones: ['example.dynv6.net'] }),
  providerLines: [`token = "${TOKEN}"`],
  recordName: 'home.example.dynv6.net',
  secrets: [TOKEN],
};
