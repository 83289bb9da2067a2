import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'West.cn (西部数码) through its domain DNS API (`dnsrec.*`); 35.com (三五互联) serves the same API: set `endpoint = "https://api.35.cn"`. ddns needs either the ' +
    '**account name and API password** (West.cn 管理中心 → API 接口配置: set an API password and allow this machine\'s IP if the console asks) or, for one domain, ' +
    'that domain\'s **apikey** (域名管理 → the domain → 管理密码: the 32-character MD5 of its management password).',
  endpoint: 'https://api.west.cn',
  providerKeys: [
    { key: 'username', text: 'the West.cn account name; with `api_password`.' },
    { key: 'api_password', text: 'the account\'s API password (not the login password); ddns sends its MD5 as `apikey`.' },
    { key: 'domain', text: 'the one domain `domain_key` belongs to; with `domain_key`, every record must be inside it.' },
    { key: 'domain_key', text: 'that domain\'s apikey: 32 hex digits, as the console shows it.' },
  ],
  recordKeys: [
    {
      key: 'line',
      default: '"" (the default line)',
      text: 'the ISP line (线路) the record is on: `LTEL` (电信), `LCNC` (联通), `LMOB` (移动), `LEDU` (教育网), `LSEO` (搜索引擎) or `LFOR` (境外); a record on another line is another record.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: with account credentials the API cannot list the account\'s domains, so ddns asks for each candidate (deepest first) once per run; `zone` skips that. With `domain_key` the zone is `domain`.',
    ttl: 'seconds, 60–86400 (a ttl outside is raised or lowered to fit, with a warning); absent: 600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
Every request is one form POST to \`/API/v2/domain/dns/\`, encoded in GBK (ddns sends only ASCII, which
is the same in GBK; names must be in punycode) and answered in GBK. The record is listed by host and
type (\`dnsrec.list\`, 100 a page), then created (\`dnsrec.add\`) or updated in place by its
record_id (\`dnsrec.modify\`).

### Errors
| answer | what ddns says | retried |
|---|---|---|
| a message about the username, apikey or apidomainkey | "West.cn rejected the credentials …; check username and api_password …" | no |
| a message about too many requests | rate limited (West.cn suspends API access for a while when it is called too often) | yes |
| "… already exists" on create | taken as done once a fresh listing shows the record holds the address | — |
| code 404 / "不存在" for a domain | not this domain: the next candidate is tried; none left: "no West.cn domain found for …" | no |
| any other code | "refused (<code>: <msg>)" | no |

### Limits
No request rate is published: the API documentation only warns that calling too often suspends API
access for a while. Non-ASCII text cannot be sent (ddns has no GBK encoder beyond ASCII).`,
  example: `[[provider]]
name = "westcn"
type = "westcn"
username = "your-west-account"
api_password_env = "WESTCN_API_PASSWORD"   # or api_password = "…" / api_password_file = "westcn.secret"
# For 35.com: endpoint = "https://api.35.cn"

[[record]]
provider = "westcn"
name = "home.example.com"
type = "A"

[[record]]
provider = "westcn"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
