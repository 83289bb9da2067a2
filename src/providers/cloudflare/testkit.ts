import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeCloudflare } from './fake.js';

const TOKEN = 'kit-cf-token_0123456789abcdefABCDEF';

export const testKit: ProviderTestKit = {
  type: 'cloudflare',
  transport: 'http',
  start: () => startFakeCloudflare({ token: TOKEN, zones: ['example.com'] }),
  providerLines: [`api_token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
