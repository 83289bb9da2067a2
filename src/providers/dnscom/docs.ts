import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    '51DNS (www.51dns.com, also dns.com / 帝恩思) through its signed API. ddns needs an **apiKey** and **apiSecret** (设置中心 → API 密钥管理); the domain must be in that account.',
  endpoint: 'https://www.51dns.com',
  providerKeys: [
    { key: 'api_key', required: true, text: 'the apiKey.' },
    { key: 'api_secret', required: true, text: 'the apiSecret, which signs every request (it is never sent).' },
  ],
  recordKeys: [
    {
      key: 'line',
      default: '"0" (the default line)',
      text: 'the numeric view (line, 线路) id the record is on, as the domain\'s line list in the 51DNS console or API gives it; a record on another view is another record.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s domains are listed once per run (100 per page) and the deepest one that ends the name is used; with `zone` set, that domain is asked for by name.',
    ttl: 'seconds; absent: 600 on create, and the record keeps its ttl on update. A ttl the plan does not allow is refused with the API\'s message.',
  },
  notes: `### How it works
Every request is a form POST carrying \`apiKey\`, \`timestamp\` (unix seconds) and \`hash\`: the MD5 of the
parameters sorted by name as \`name=value\` joined by \`&\`, followed by the apiSecret. The domains are
listed once per run (\`domain/list\`); the record is listed by host (\`record/list\`, 500 a page), then
created (\`record/create\`) or updated in place (\`record/modify\`, by its recordID). The machine's clock
must be right: the timestamp is checked.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| a message about the apiKey or the hash (签名) | "51DNS rejected the credentials …; check api_key and api_secret" | no |
| a message about the timestamp | the system clock is off | no |
| a message about too many requests | rate limited | yes |
| "记录已存在" on create | taken as done once a fresh listing shows the record holds the address | — |
| HTTP 5xx | server error | yes |
| any other code (e.g. 3 非法参数) | "refused (<code>: <message>)" | no |

### Limits
51DNS publishes no request rate limit or timestamp window for its API.`,
  example: `[[provider]]
name = "dnscom"
type = "dnscom"
api_key = "your-api-key"
api_secret_env = "DNSCOM_API_SECRET"   # or api_secret = "…" / api_secret_file = "dnscom.secret"

[[record]]
provider = "dnscom"
name = "home.example.com"
type = "A"

[[record]]
provider = "dnscom"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
