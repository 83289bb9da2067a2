import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeAzure } from './fake.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const SECRET = 'kit~Q8X8Q~s3cr3tValue.0123456789abcdefABCD';
const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const TOKEN_PREFIX = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.kitAzureAccessToken';

export const testKit: ProviderTestKit = {
  type: 'azure',
  transport: 'http',
  start: () => startFakeAzure({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, subscriptionId: SUBSCRIPTION, resourceGroup: 'dns-rg', zones: ['example.com'], tokenPrefix: TOKEN_PREFIX }),
  providerLines: [`tenant_id = "${TENANT}"`, `client_id = "${CLIENT}"`, `client_secret = "${SECRET}"`, `subscription_id = "${SUBSCRIPTION}"`, 'resource_group = "dns-rg"'],
  recordName: 'home.example.com',
  // The secret as written and as the token request's form encodes it ('~' → %7E), and the tokens the fake issues.
  secrets: [SECRET, new URLSearchParams({ s: SECRET }).toString().slice(2), TOKEN_PREFIX],
};
