import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Rainyun (雨云, rainyun.com) DNS through its API v2. ddns needs an **API key** (Rainyun console → 用户中心 → API 密钥); the domain must be in that account.',
  endpoint: 'https://api.v2.rainyun.com',
  providerKeys: [{ key: 'api_key', required: true, text: 'the API key, sent as the `x-api-key` header.' }],
  recordKeys: [
    {
      key: 'line',
      default: '"DEFAULT"',
      text: 'the resolution line (线路) the record is on, as the API names it; a record on another line is another record.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s domains are listed once per run (100 per page) and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /product/domain/\`); the domain's records are
read page by page (\`GET /product/domain/{id}/dns\`, 100 a page), then the record is created
(\`POST\`) or updated in place (\`PATCH\`, same record id). The create answer carries no record id,
so ddns reads the list once more after a create.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| code 30039 (密钥认证错误或已失效), HTTP 401/403 | "Rainyun rejected the credentials …; check api_key" | no |
| HTTP 429 or a message about too many requests | rate limited | yes |
| "记录已存在" on create | taken as done once a fresh listing shows the record holds the address | — |
| HTTP 5xx | server error | yes |
| any other code | "refused (<code>: <message>)" | no |

### Limits
Rainyun publishes no request rate limit or minimum TTL for the DNS API; a refused TTL comes back
with the API's message.`,
  example: `[[provider]]
name = "rainyun"
type = "rainyun"
api_key_env = "RAINYUN_API_KEY"   # or api_key = "…" / api_key_file = "rainyun.key"

[[record]]
provider = "rainyun"
name = "home.example.com"
type = "A"

[[record]]
provider = "rainyun"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
