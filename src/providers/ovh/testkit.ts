import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeOvh } from './fake.js';

const APPLICATION_KEY = 'kitOvhAppKey0123';
const APPLICATION_SECRET = 'kit0ovh0application0secret0123456';
const CONSUMER_KEY = 'kit0ovh0consumer0key0abcdefghijkl';

export const testKit: ProviderTestKit = {
  type: 'ovh',
  transport: 'http',
  start: () => startFakeOvh({ applicationKey: APPLICATION_KEY, applicationSecret: APPLICATION_SECRET, consumerKey: CONSUMER_KEY, zones: ['example.com'] }),
  providerLines: [`application_key = "${APPLICATION_KEY}"`, `application_secret = "${APPLICATION_SECRET}"`, `consumer_key = "${CONSUMER_KEY}"`],
  recordName: 'home.example.com',
  secrets: [APPLICATION_SECRET, CONSUMER_KEY],
};
