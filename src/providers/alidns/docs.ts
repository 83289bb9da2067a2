import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Alibaba Cloud DNS (阿里云解析 DNS, "Alidns"), through its RPC API (version 2015-01-09). ddns needs an **AccessKey pair** ' +
    'of a **RAM user** (RAM console → Identities → Users → Create AccessKey), never the main account\'s, allowed to list ' +
    'domains and to list, add and update records.',
  endpoint: 'https://alidns.aliyuncs.com',
  providerKeys: [
    { key: 'access_key_id', required: true, text: 'the AccessKey ID of the RAM user (`LTAI…`). An identifier, not a secret: it may appear in logs.' },
    { key: 'access_key_secret', required: true, text: 'its AccessKey secret.' },
  ],
  recordKeys: [
    {
      key: 'line',
      text: 'the resolution line (解析线路) to read and write: `default` (when absent), `telecom`, `unicom`, `mobile`, `oversea`, `edu`, … or a custom line\'s code. Only records on that line are touched.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: the domain is otherwise found by listing the account\'s domains once per run and taking the deepest one that ends the name (`a.b.example.com.cn` → `example.com.cn`, host `a.b`); with `zone` set there is no lookup at all (and `alidns:DescribeDomains` is not needed).',
    ttl: 'seconds; **the free edition accepts 600–86400** (paid editions go lower). Absent: 600 for a new record, and an existing record keeps its own.',
  },
  notes: `### Permissions
Attach the system policy \`AliyunDNSFullAccess\`, or (least privilege) a custom policy with exactly
the four actions ddns calls, the record actions limited to your domain:
\`\`\`json
{
  "Version": "1",
  "Statement": [
    { "Effect": "Allow", "Action": "alidns:DescribeDomains", "Resource": "*" },
    { "Effect": "Allow",
      "Action": ["alidns:DescribeSubDomainRecords", "alidns:AddDomainRecord", "alidns:UpdateDomainRecord"],
      "Resource": "acs:alidns:*:*:domain/example.com" }
  ]
}
\`\`\`
\`alidns:DescribeDomains\` is only needed when a record has no \`zone = "…"\`.

### How it works
Requests are signed with the RPC signature V1 (HMAC-SHA1, \`SignatureVersion\` 1.0, a fresh
\`SignatureNonce\` and UTC \`Timestamp\` per attempt); it covers the parameters, not the host, so
\`endpoint\` can point anywhere. The domain is found by listing the account's domains once per run
(\`DescribeDomains\`, every page; shared by all records), or taken from \`zone\`. The record is read
with \`DescribeSubDomainRecords\` (exact host and type, filtered again by host, type and line),
created with \`AddDomainRecord\` and updated with \`UpdateDomainRecord\`, always sending the ttl and
line because Alidns resets omitted ones to 600 and \`default\`. A paused (DISABLE) record gets its
value updated but stays paused, with a warning.

### Errors
| Alibaba Cloud answer | what ddns says | retried |
|---|---|---|
| \`SignatureDoesNotMatch\`, \`IncompleteSignature\` | "Alibaba Cloud rejected the signature: access_key_secret is wrong" | no |
| \`InvalidAccessKeyId.NotFound\`, \`InvalidAccessKeyId.Inactive\` | wrong or disabled \`access_key_id\` | no |
| \`Forbidden.RAM\`, \`Forbidden\`, \`NoPermission\` | names the RAM permissions above | no |
| \`InvalidTimeStamp.Expired\` | "the system clock is N minutes off" (measured against Alibaba Cloud's \`Date\` header) | no |
| \`Throttling\`, \`Throttling.User\`, HTTP 429 | rate limited | yes |
| \`InternalError\`, \`ServiceUnavailable\`, HTTP 5xx, \`SignatureNonceUsed\` | transient | yes |
| \`IncorrectDomainUser\`, \`InvalidDomainName.NoExist\`, \`DomainRecordNotBelongToUser\` | domain or record not in this account | no |
| \`QuotaExceeded.TTL\` | the ttl range of the edition | no |
| \`DomainRecordDuplicate\` | on an update or a retried add: done, once a fresh listing shows the address | — |
| \`DomainRecordLocked\` | unlock the record in the DNS console | no |

### IP detection from mainland China
Some of the example's IP sources may not answer there: pick sources that do, e.g.
\`"https://myip.ipip.net"\`, or a \`"cmd:…"\` source that asks your router.`,
  example: `[[provider]]
name = "ali"                               # records refer to the provider by this name
type = "alidns"
# An AccessKey pair of a RAM user (RAM console > Identities > Users > Create AccessKey), never the
# main account's. Grant it AliyunDNSFullAccess, or a custom policy allowing
# alidns:DescribeDomains, alidns:DescribeSubDomainRecords, alidns:AddDomainRecord and
# alidns:UpdateDomainRecord (see docs/providers/alidns.md).
access_key_id = "LTAI5t0000000000EXAMPLE"
# The secret, one of three ways:
#   access_key_secret = "…"                              the value itself (keep this file private)
#   access_key_secret_env = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"   an environment variable holding it
#   access_key_secret_file = "alidns.secret"             a file holding it, relative to this file
access_key_secret_env = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
# endpoint = "https://alidns.aliyuncs.com"   # override the API base URL (regional endpoints, proxies, tests)
# Requests are signed with the time of this machine: Alibaba Cloud refuses them when its clock is
# more than 15 minutes off (ddns then says so, and by how much).

[[record]]
provider = "ali"
name = "home.example.com.cn"
type = "A"                 # uses [ip.ipv4]
# zone = "example.com.cn"  # optional: skips the DescribeDomains lookup (and its permission)
ttl = 600                  # seconds; the free edition accepts 600-86400 (paid editions go lower); 600 when absent
# line = "default"         # 解析线路: "default", "telecom", "unicom", "mobile", "oversea", "edu", …

[[record]]
provider = "ali"
name = "home.example.com.cn"
type = "AAAA"              # uses [ip.ipv6]
zone = "example.com.cn"`,
};
