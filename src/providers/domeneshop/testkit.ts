import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDomeneshop } from './fake.js';

const TOKEN = 'kit0domeneshop0token01';
const SECRET = 'kit0domeneshop0secret0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'domeneshop',
  transport: 'http',
  start: () => startFakeDomeneshop({ token: TOKEN, secret: SECRET, zones: ['example.com'] }),
  providerLines: [`token = "${TOKEN}"`, `secret = "${SECRET}"`],
  recordName: 'home.example.com',
  secrets: [SECRET, Buffer.from(`${TOKEN}:${SECRET}`).toString('base64')],
  // An update is confirmed by its 204 alone (Domeneshop answers no body): an empty 204 to the write reads as done.
  malformedOutcomes: { 'empty body (204)': ['protocol', 'ok'] },
};
