import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeVercel } from './fake.js';

const TOKEN = 'kitVercelToken0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'vercel',
  transport: 'http',
  start: () => startFakeVercel({ token: TOKEN, zones: ['example.com'], teamId: 'team_kit01' }),
  providerLines: [`token = "${TOKEN}"`, 'team_id = "team_kit01"'],
  recordName: 'home.example.com',
  secrets: [TOKEN],
};
