import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Azure DNS through **Azure Resource Manager** (management.azure.com, API version 2018-05-01), signed in as an app with a client secret (Microsoft Entra ID client credentials). ddns needs an **app registration** (Entra admin center → App registrations → New registration) with a **client secret** (the app → Certificates & secrets), and that app needs the **DNS Zone Contributor** role on the resource group holding the zones (Azure portal → the resource group → Access control (IAM) → Add role assignment).',
  endpoint: 'https://management.azure.com',
  providerKeys: [
    { key: 'tenant_id', required: true, text: 'the Directory (tenant) ID (the app\'s Overview page), or a domain of the tenant (`contoso.onmicrosoft.com`).' },
    { key: 'client_id', required: true, text: 'the app\'s Application (client) ID, a GUID.' },
    { key: 'client_secret', required: true, text: 'the client secret\'s **Value** (shown once when it is created), not its Secret ID.' },
    { key: 'subscription_id', required: true, text: 'the subscription holding the DNS zones (Azure portal → Subscriptions), a GUID.' },
    { key: 'resource_group', required: true, text: 'the resource group holding the DNS zones.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the resource group\'s DNS zones are listed once per run (100 per page) and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 3600 on create, and the record set keeps its TTL on update.',
  },
  notes: `### How it works
On its first request of a run ddns asks Microsoft Entra ID for an access token
(\`POST https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token\`, client credentials, scope
\`https://management.azure.com/.default\`). The token is kept in memory for the run only (never written
to disk) and sent as \`Authorization: Bearer\` to Azure Resource Manager. The resource group's zones are
listed once per run (\`GET …/resourceGroups/{resource_group}/providers/Microsoft.Network/dnsZones\`, every
page by \`nextLink\`); the record set is read with \`GET …/dnsZones/{zone}/{A|AAAA}/{name}\` (\`@\` for the
apex) and created or replaced with \`PUT\` on the same path. Azure keeps records as record sets (one name
and type, any number of addresses): a set holding several addresses is set to the detected one alone
(with a warning). The PUT replaces the whole set, so metadata set on it in the portal is not kept.

\`endpoint\` (tests, a proxy) replaces both \`https://login.microsoftonline.com\` and
\`https://management.azure.com\`: the token is then asked of \`{endpoint}/{tenant_id}/oauth2/v2.0/token\`
and ARM is reached at \`{endpoint}/subscriptions/…\`. Other Azure clouds (Azure China, US Government) use
other hosts for both and are not supported.

### Record options
None: Azure DNS A and AAAA record sets have no options beyond the addresses and the TTL.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| Entra \`AADSTS7000215\` | invalid client secret: check client_secret (the Value, not the Secret ID) | no |
| Entra \`AADSTS7000222\` | the client secret has expired: create a new one | no |
| Entra \`AADSTS700016\` | no such application in the tenant: check client_id and tenant_id | no |
| Entra \`AADSTS90002\` | no such tenant: check tenant_id | no |
| ARM HTTP 401 (\`InvalidAuthenticationToken\`, \`ExpiredAuthenticationToken\`) | ARM rejected the access token | no |
| ARM HTTP 403 \`AuthorizationFailed\` | the app may not do this: give it DNS Zone Contributor on the resource group | no |
| ARM \`SubscriptionNotFound\`, \`ResourceGroupNotFound\` | check subscription_id / resource_group | no |
| HTTP 429 | rate limited (waits for \`Retry-After\`) | yes |
| HTTP 5xx | server error | yes |
| other 4xx | "refused (HTTP 400, code: message)" | no |`,
  example: `[[provider]]
name = "azure"
type = "azure"
tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47"
client_id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
client_secret_env = "AZURE_CLIENT_SECRET"   # or client_secret = "…" / client_secret_file = "azure.secret"
subscription_id = "11111111-2222-3333-4444-555555555555"
resource_group = "dns-rg"

[[record]]
provider = "azure"
name = "home.example.com"
type = "A"

[[record]]
provider = "azure"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
