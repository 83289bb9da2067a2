import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeNamecom } from './fake.js';

const USERNAME = 'kitnamecomuser';
const TOKEN = 'kit0namecom0token0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'namecom',
  transport: 'http',
  start: () => startFakeNamecom({ username: USERNAME, token: TOKEN, zones: ['example.com'] }),
  providerLines: [`username = "${USERNAME}"`, `token = "${TOKEN}"`],
  recordName: 'home.example.com',
  secrets: [TOKEN, Buffer.from(`${USERNAME}:${TOKEN}`).toString('base64')],
};
