import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDdnss } from './fake.js';

const KEY = 'kit0ddnss0key0c4f2a9e7b1d3';

export const testKit: ProviderTestKit = {
  type: 'ddnss',
  transport: 'http',
  start: () => startFakeDdnss({ key: KEY, hosts: ['myhost.ddnss.de'] }),
  providerLines: [`key = "${KEY}"`],
  recordName: 'myhost.ddnss.de',
  secrets: [KEY],
};
