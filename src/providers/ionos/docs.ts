import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'IONOS (ionos.com, 1&1) through its DNS API. ddns needs an **API key** from the IONOS developer console (developer.hosting.ionos.com → API keys): the public prefix and the secret, joined by a dot.',
  endpoint: 'https://api.hosting.ionos.com',
  providerKeys: [{ key: 'api_key', required: true, text: 'the API key as `<public prefix>.<secret>`.' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s zones are listed once per run (one answer, not paged) and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 3600 on create (IONOS\'s default), and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's zones are listed once per run (\`GET /dns/v1/zones\`); the record is read with
\`GET /dns/v1/zones/{zoneId}?recordName=…&recordType=…\`, created with \`POST /dns/v1/zones/{zoneId}/records\`
(an array of one) or updated in place with \`PUT /dns/v1/zones/{zoneId}/records/{recordId}\`.
IONOS has no provider-specific record options that a dynamic-DNS record needs, so \`[[record]]\` takes none.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "IONOS rejected the API key …; check api_key" | no |
| HTTP 429 | rate limited (honours Retry-After) | yes |
| HTTP 5xx | server error | yes |
| HTTP 404 | not found (zone or record) | no |
| HTTP 400 or other | "refused: <message> (<code>)" | no |`,
  example: `[[provider]]
name = "ionos"
type = "ionos"
api_key_env = "IONOS_API_KEY"    # "<public prefix>.<secret>"; or api_key = "…" / api_key_file = "ionos.key"

[[record]]
provider = "ionos"
name = "home.example.com"
type = "A"

[[record]]
provider = "ionos"
name = "home.example.com"
type = "AAAA"
ttl = 3600`,
};
