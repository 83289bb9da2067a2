import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { fakeServiceAccountKey, startFakeGcloud } from './fake.js';

const PROJECT = 'ddns-kit-project';
const EMAIL = 'ddns-kit@ddns-kit-project.iam.gserviceaccount.com';
// With `endpoint` set the token is asked of {endpoint}/token; the assertion's aud stays the key's token_uri.
const TOKEN_URI = 'https://oauth2.googleapis.com/token';
const KEY = fakeServiceAccountKey({ project: PROJECT, clientEmail: EMAIL });
const TOKEN_PREFIX = 'ya29.c.kitGoogleAccessToken';
/** The PEM's base64 body: any run of it in the open would be the key leaking. */
const KEY_BODY = KEY.privateKeyPem.split('\n').slice(1, 4).join('');

export const testKit: ProviderTestKit = {
  type: 'gcloud',
  transport: 'http',
  start: () => startFakeGcloud({ project: PROJECT, clientEmail: EMAIL, publicKey: KEY.publicKey, audience: TOKEN_URI, zones: ['example.com'], tokenPrefix: TOKEN_PREFIX }),
  // The JSON key inline as a TOML literal string (a real config names the file: key_file = "…").
  providerLines: [`key = '${KEY.json(TOKEN_URI)}'`],
  recordName: 'home.example.com',
  secrets: [KEY_BODY.slice(0, 64), KEY_BODY.slice(-64), TOKEN_PREFIX],
};
