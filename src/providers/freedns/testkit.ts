import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeFreedns } from './fake.js';

const TOKEN = 'S2l0NEZyZWVETlNBVG9rZW4xMjM0NTY3ODk';
const IPV6_TOKEN = 'S2l0NEZyZWVETlNBQUFBVG9rZW45ODc2NTQ';

export const testKit: ProviderTestKit = {
  type: 'freedns',
  transport: 'http',
  start: () =>
    startFakeFreedns({ entries: { [TOKEN]: { name: 'home.mooo.com', type: 'A' }, [IPV6_TOKEN]: { name: 'home.mooo.com', type: 'AAAA' } } }),
  providerLines: [`token = "${TOKEN}"`, `ipv6_token = "${IPV6_TOKEN}"`],
  recordName: 'home.mooo.com',
  secrets: [TOKEN, IPV6_TOKEN],
};
