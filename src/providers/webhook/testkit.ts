import type { MalformedOutcome, ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeWebhook } from './fake.js';

const SECRET_PATH = 'k-kit-4e1d9c7a0b3f';
const TOKEN = 'Bearer wh-kit-tok-8b2f61d0c9';

/**
 * A webhook confirms a change by its status alone: any 2xx is the API saying "done", whatever the
 * body (the provider promises no more, since every API answers differently). So every malformed
 * body that comes with a 2xx is a success for it, in the malformed-answer suite and among the
 * transport suite's garbage; the non-2xx ones end as the status says, like every provider.
 */
const SUCCESS_BY_STATUS: readonly MalformedOutcome[] = ['ok'];
const TWO_XX_LABELS = [
  'truncated JSON (200)',
  'plain text "OK" (200)',
  'empty body (200)',
  'empty body (204)',
  'HTML 200 page (captive portal)',
  'JSON null',
  'JSON array',
  'JSON string',
  'JSON number 1e999',
  'JSON with a byte-order mark',
  'success:true, result missing',
  'success:true, result null',
  'success:true, result a string',
  'success:true, result an empty object',
  'success:true, result items of the wrong shape',
  'success as the string "true"',
  'success missing',
  '200 with success:false and an error',
  '200 with success:false and no errors',
  'huge numbers (1e999, 30-digit integers) in result_info',
  'huge numbers in the result',
  'result nested 100000 arrays deep',
  'a 5 MB body (cut at 1 MiB: no longer JSON)',
  // The transport-fault suite's garbage.
  'a truncated body (200)',
  'an HTML captive-portal page (200)',
  'an empty body (200)',
];

export const testKit: ProviderTestKit = {
  type: 'webhook',
  transport: 'http',
  start: () => startFakeWebhook({ path: `/hooks/${SECRET_PATH}`, authorization: TOKEN, zones: ['example.com'] }),
  // The name travels in the url, the type and the address in the body: the receiver reads both.
  providerLines: [
    `url = "https://hooks.example.net/hooks/${SECRET_PATH}?name={name}"`,
    'method = "PUT"',
    `body = '{"type": "{type}", "ip": "{ip}", "old_ip": "{old_ip}"}'`,
    `headers = { Authorization = "${TOKEN}" }`,
  ],
  recordName: 'home.example.com',
  secrets: [SECRET_PATH, TOKEN, TOKEN.replace('Bearer ', '')],
  malformedOutcomes: Object.fromEntries(TWO_XX_LABELS.map((label) => [label, SUCCESS_BY_STATUS])),
};
