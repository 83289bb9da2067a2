import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'JD Cloud DNS (京东云云解析) through its OpenAPI (domainservice v2). ddns needs an **AccessKey ID** and **AccessKey Secret** ' +
    '(JD Cloud console → 账号管理 → AccessKey管理) of an account or sub-user allowed to list domains and resource records and to create and modify records; the domain must be added to 云解析 in that account.',
  endpoint: 'https://domainservice.jdcloud-api.com/v2',
  providerKeys: [
    { key: 'access_key_id', required: true, text: 'the AccessKey ID.' },
    { key: 'secret_access_key', required: true, text: 'the AccessKey Secret.' },
  ],
  recordKeys: [
    {
      key: 'line',
      default: '-1',
      text: 'the resolution line (线路) id the record is on (`viewValue`): `-1` is every line (默认); an ISP line has its own numeric id, as JD Cloud\'s describeViewTree lists it. A record on another line is another record.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s domains are listed once per run (10 per page) and the deepest one that ends the name is used; with `zone` set, that domain is asked for by name.',
    ttl: 'seconds; absent: 600 on create, and the record keeps its ttl on update. The smallest TTL allowed depends on the package (套餐): a smaller one is refused with the API\'s message.',
  },
  notes: `### How it works
Every request is signed (JDCLOUD2-HMAC-SHA256, service \`domainservice\`, region \`cn-north-1\`).
The domains are listed once per run (\`describeDomains\`); the record is looked up with
\`describeResourceRecord\` and \`search=<host>\`, which matches every host that *contains* it, so ddns
reads every page (10 a page) and keeps only the exact host, type and line; then it creates
(\`createResourceRecord\`) or modifies (\`modifyResourceRecord\`) the record and, since what a
modification answers is not documented, reads the record back to confirm it.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| UNAUTHENTICATED (HTTP 401) | "JD Cloud rejected the credentials …; check access_key_id and secret_access_key" | no |
| PERMISSION_DENIED (HTTP 403) | "JD Cloud denied … ; grant the sub-user the DNS policy …" | no |
| ALREADY_EXISTS on create | taken as done once a fresh listing shows the record holds the address | — |
| RESOURCE_EXHAUSTED, HTTP 429 | rate limited | yes |
| INTERNAL, UNAVAILABLE, HTTP 5xx | server error | yes |
| any other status | "refused (STATUS: message)" | no |

The error status names and the signature's validity window are not published in JD Cloud's DNS
documents; a signature refused for the clock shows as a credentials error with the server's
message, so check the system clock (NTP) too.`,
  example: `[[provider]]
name = "jd"
type = "jdcloud"
access_key_id = "JDC_EXAMPLEKEYID0123456789"        # 账号管理 → AccessKey管理
secret_access_key_env = "JDCLOUD_SECRET_ACCESS_KEY"

[[record]]
provider = "jd"
name = "home.example.com"
type = "A"
line = -1

[[record]]
provider = "jd"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
