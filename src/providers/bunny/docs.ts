import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary: 'Bunny DNS through the bunny.net API. ddns needs the account **API key** (bunny.net dashboard → Account settings → API key); the zone must be in Bunny DNS.',
  endpoint: 'https://api.bunny.net',
  providerKeys: [{ key: 'api_key', required: true, text: 'the account API key (sent as the `AccessKey` header).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's zones are listed once per run (1,000 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds; absent: 300 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The zones are listed once per run (\`GET /dnszone\`, every page while \`HasMoreItems\`); the records are inside
the zone, so the zone is read afresh (\`GET /dnszone/{id}\`) to find the record, which is created with
\`PUT /dnszone/{id}/records\` or updated with \`POST /dnszone/{id}/records/{recordId}\`. The update answers 204
with no body, so the zone is read back before the record counts as set. Types are numbers on this wire
(A = 0, AAAA = 1); names are relative to the zone, the apex is \`""\`. Bunny DNS has no record options ddns
needs: there are no \`[[record]]\` keys.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "bunny.net rejected the API key …; check api_key" | no |
| HTTP 404 | not found: the zone is not in this account | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 | "… refused" with bunny.net's \`Message\` | no |`,
  example: `[[provider]]
name = "bunny"
type = "bunny"
api_key_env = "BUNNY_API_KEY"    # or api_key = "…" / api_key_file = "bunny.key"

[[record]]
provider = "bunny"
name = "home.example.com"
type = "A"`,
};
