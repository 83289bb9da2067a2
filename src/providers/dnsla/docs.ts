import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'DNS.LA (dns.la) through its REST API. ddns needs an **APIID** and **API secret** from the DNS.LA console (API 密钥); the domain must be in that account.',
  endpoint: 'https://api.dns.la',
  providerKeys: [
    { key: 'api_id', required: true, text: 'the APIID.' },
    { key: 'api_secret', required: true, text: 'the API secret.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s domains are listed once per run (100 per page) and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /api/domainList\`); the record is listed by host and
type (\`GET /api/recordList\`), created with \`POST /api/record\` or updated with \`PUT /api/record\`.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 or code 401/403 | "DNS.LA rejected the API credentials …; check api_id and api_secret" | no |
| code 429 or HTTP 429 | rate limited | yes |
| HTTP 5xx or code ≥ 500 | server error | yes |
| any other code | "refused: <msg> (code N)" | no |`,
  example: `[[provider]]
name = "dnsla"
type = "dnsla"
api_id = "your-api-id"                 # DNS.LA console → API 密钥
api_secret_env = "DNSLA_API_SECRET"    # or api_secret = "…" / api_secret_file = "dnsla.secret"

[[record]]
provider = "dnsla"
name = "home.example.com"
type = "A"

[[record]]
provider = "dnsla"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
