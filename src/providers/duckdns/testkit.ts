import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDuckdns } from './fake.js';

const TOKEN = '5d0f3c7e-kit0-4b1a-9e2d-7c6b5a4f3e21';

export const testKit: ProviderTestKit = {
  type: 'duckdns',
  transport: 'http',
  start: () => startFakeDuckdns({ token: TOKEN, domains: ['myhome'] }),
  providerLines: [`token = "${TOKEN}"`],
  recordName: 'myhome.duckdns.org',
  secrets: [TOKEN],
  malformedOutcomes: {
    // "OK" is DuckDNS's own success answer (the whole body without verbose=true, whose extra
    // lines are optional to read), so taking it as success is right.
    'plain text "OK" (200)': ['ok'],
  },
};
