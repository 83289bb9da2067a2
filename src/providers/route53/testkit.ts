import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeRoute53 } from './fake.js';

const ACCESS_KEY_ID = 'AKIAKITROUTE53EXAMPLE';
const SECRET_ACCESS_KEY = 'kit/Route53+Secret0123456789abcdefEXAMPLE';

/**
 * No malformedOutcomes: the JSON-centred table ends the same way for this XML wire. A JSON or HTML
 * body is no Route 53 document, so a 2xx one is a protocol error and a 4xx one without an error
 * document is one too (both in the table's "not retried" set), while a 5xx or 429 without a Route 53
 * error document is judged by its status alone (transient, rate-limit). Its XML-specific malformed answers
 * (a document of another operation, an error document with HTTP 200, entity bombs …) are tested in
 * route53.test.ts. The fake does not throttle here (no requestsPerSecond): the suites call the
 * provider back to back, without the core's spacing.
 */
export const testKit: ProviderTestKit = {
  type: 'route53',
  transport: 'http',
  start: () => startFakeRoute53({ credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }], zones: [{ name: 'example.com' }] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `secret_access_key = "${SECRET_ACCESS_KEY}"`],
  recordName: 'home.example.com',
  secrets: [ACCESS_KEY_ID, SECRET_ACCESS_KEY],
};
