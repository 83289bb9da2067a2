import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDyndns2 } from './fake.js';

const USER = 'ann';
const PASSWORD = 'kit-dyndns2-Pass_w0rd-x8Rt2';

export const testKit: ProviderTestKit = {
  type: 'dyndns2',
  transport: 'http',
  start: () => startFakeDyndns2({ accounts: { [USER]: PASSWORD }, hosts: { 'home.example.com': USER } }),
  providerLines: ['preset = "noip"', `username = "${USER}"`, `password = "${PASSWORD}"`],
  recordName: 'home.example.com',
  secrets: [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64')],
};
