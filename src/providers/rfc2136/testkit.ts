import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeRfc2136 } from './fake.js';

/** Base64 of 32 bytes, as `tsig-keygen -a hmac-sha256` prints one: a key for tests only. */
const SECRET = 'a2l0LXJmYzIxMzYtdHNpZy1zZWNyZXQtMDEyMzQ1Njc=';

export const testKit: ProviderTestKit = {
  type: 'rfc2136',
  transport: 'dns',
  start: () => startFakeRfc2136({ zones: ['example.test'], keys: [{ name: 'ddns-key', algorithm: 'hmac-sha256', secret: SECRET }] }),
  endpointKey: 'server',
  providerLines: ['tsig_name = "ddns-key"', 'tsig_algorithm = "hmac-sha256"', `tsig_secret = "${SECRET}"`],
  recordName: 'home.example.test',
  secrets: [SECRET],
};
