import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary: 'Gcore DNS through its API (api.gcore.com/dns). ddns needs a permanent **API token** (Gcore portal → Profile → API tokens); the zone must be in that account.',
  endpoint: 'https://api.gcore.com/dns',
  providerKeys: [{ key: 'api_token', required: true, text: 'the API token, sent as `Authorization: APIKey <token>`.' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: when set, the zone is asked for by name (`GET /v2/zones?name=…`); otherwise the account\'s zones are listed once per run (100 per request, every page) and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 300 on create, and the rrset keeps its ttl on update.',
  },
  notes: `### How it works
The account's zones are listed once per run (\`GET /v2/zones\`, every page). Gcore keeps one rrset per
name and type: ddns reads it (\`GET /v2/zones/{zone}/{name}/{type}\`, 404 when there is none), creates it
with \`POST\` or replaces it with \`PUT\` on the same path, holding the one address; both answer the rrset,
which must hold the address sent. Other values of that rrset are replaced. Gcore's GeoDNS metadata and
pickers are not something a dynamic-DNS record needs, so \`[[record]]\` takes no options. Gcore publishes
no TTL minimum or rate limit for the API; ddns-go notes 120 seconds as the free plan's minimum TTL.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "Gcore rejected the API token …; check api_token" | no |
| HTTP 404 (zone) | "… check that the zone is in this Gcore account (DNS → Zones)" | no |
| HTTP 409 on create | a retried create: done when the rrset holds the address | — |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 | "refused: <error> (HTTP 400)" | no |`,
  example: `[[provider]]
name = "gcore"
type = "gcore"
api_token_env = "GCORE_API_TOKEN"   # or api_token = "…" / api_token_file = "gcore.token"

[[record]]
provider = "gcore"
name = "home.example.com"
type = "A"

[[record]]
provider = "gcore"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
