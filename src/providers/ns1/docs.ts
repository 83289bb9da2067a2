import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'NS1 (IBM NS1 Connect) through its REST API. ddns needs an **API key** from the NS1 portal (Account settings → API keys) that may read zones and manage records.',
  endpoint: 'https://api.nsone.net',
  providerKeys: [{ key: 'api_key', required: true, text: 'the API key.' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s zones are listed once per run (every page: NS1 answers 2,500 zones per page) and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 3600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's zones are listed once per run (\`GET /v1/zones\`, following the \`Link: …; rel="next"\` header
over 2,500 zones); the record is read with
\`GET /v1/zones/{zone}/{domain}/{type}\` (404 "record not found" when absent), created with \`PUT\` on the
same path and updated with \`POST\`. An NS1 record holds all answers of its name and type: ddns writes
one answer, so an update replaces any others (filters and metadata are left alone).
NS1 has no record options a dynamic-DNS record needs, so \`[[record]]\` takes none.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "NS1 rejected the API key …; check api_key" | no |
| HTTP 429 | rate limited (waits Retry-After, or period ÷ limit from X-RateLimit-*) | yes |
| HTTP 5xx | server error | yes |
| HTTP 404 | not found (zone) | no |
| "record already exists" | a retried create: done when the record holds the address | — |
| HTTP 400 or other | "refused: <message>" | no |`,
  example: `[[provider]]
name = "ns1"
type = "ns1"
api_key_env = "NS1_API_KEY"    # or api_key = "…" / api_key_file = "ns1.key"

[[record]]
provider = "ns1"
name = "home.example.com"
type = "A"

[[record]]
provider = "ns1"
name = "home.example.com"
type = "AAAA"
ttl = 3600`,
};
