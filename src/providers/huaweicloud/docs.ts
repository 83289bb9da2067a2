import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Huawei Cloud DNS (华为云云解析服务), public zones, through the DNS API v2/v2.1. ddns needs an **access key pair** ' +
    '(AK/SK) of an IAM user (console: **My Credentials → Access Keys**, or IAM → Users → the user → Security Settings → ' +
    'Access Keys) allowed to list zones and list, create and update record sets.',
  endpoint: 'https://dns.myhuaweicloud.com',
  providerKeys: [
    {
      key: 'access_key',
      required: true,
      text: 'the access key ID (AK). Not a secret in itself, but half of the pair: it accepts `_env` / `_file` too and is masked in logs.',
    },
    { key: 'secret_key', required: true, text: 'its secret access key (SK).' },
    {
      key: 'region',
      text: 'use `https://dns.<region>.myhuaweicloud.com` (e.g. `cn-south-1`) instead of the global endpoint; zones are global, so this is rarely needed. `endpoint` wins over it.',
    },
    { key: 'project_id', text: 'sent (and signed) as `X-Project-Id`: only needed when the zones live in a sub-project.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: the public zone is otherwise found by listing the public zones once per run and taking the deepest one that ends the name (delegated sub-zones and suffixes such as `.com.cn` work); with `zone` set, that zone is asked for by name instead (once per zone).',
    ttl: 'seconds, 1 or more; absent: 300 for a new record set, and an existing one keeps its ttl (possibly set in the console).',
  },
  notes: `### Least privilege
Give the IAM user (through its group) the system policy **DNS FullAccess**, or better a custom
policy (scope "Project-level services") with only what ddns uses:
\`\`\`json
{ "Version": "1.1",
  "Statement": [ { "Effect": "Allow",
    "Action": ["dns:zone:list", "dns:recordset:list", "dns:recordset:create", "dns:recordset:update"] } ] }
\`\`\`

### How it works
Every request is signed with SDK-HMAC-SHA256 over the method, the path with Huawei's trailing \`/\`,
the sorted query, the \`content-type\`, \`host\` (the host actually contacted, so \`endpoint\` works,
with a proxy's path prefix kept and signed) and \`x-sdk-date\` headers, and the SHA-256 of the body.
The public zones are listed once per run (\`GET /v2/zones?type=public\`, every page) and shared by
all records; a configured \`zone\` is asked for by name (\`name=<zone>.&search_mode=equal\`). The
record set is listed with \`GET /v2.1/zones/{id}/recordsets?name=<fqdn>.&type=A|AAAA\`; as the API
matches names loosely, ddns keeps only the exact name and type, on the default line (record sets
of other resolution lines are left alone). It is created with \`POST\` or updated with \`PUT\`, and
the answer must hold the address sent. A record set holding several addresses is set to the
detected one alone (with a warning); of several record sets with the same name, the first is
updated (with a warning naming how many).

### Errors
Huawei refuses requests dated more than 15 minutes from its clock with the same \`APIGW.0301\` as a
wrong secret; ddns compares the answer's \`Date\` with its own clock and says "the system clock is
N minutes off" when that is the cause.

| Huawei answer | what ddns says | retried |
|---|---|---|
| \`APIGW.0301\` "verify aksk signature fail" / "ak not exist" | wrong \`secret_key\` / \`access_key\` | no |
| \`APIGW.0301\` "AK access failed to reach the limit" | the access key is locked for 5 minutes after 5 failures in a row | no |
| \`APIGW.0301\` with Huawei's clock ≥ 15 min away | clock-skew, with the minutes | no |
| other \`APIGW.030x\`, \`DNS.0005\`, \`DNS.0013\`, 401/403 | credentials or permissions (names the IAM actions) | no |
| \`APIGW.0308\`, HTTP 429, \`DNS.0014\` | throttled | yes, honouring \`Retry-After\` |
| HTTP 5xx, \`DNS.0314\` | transient | yes |
| \`DNS.0302\`, \`DNS.0313\`, \`DNS.0004\` | zone or record set not found | no |
| \`DNS.0335\`, \`DNS.0312\`, \`DNS.0016\` on create | taken as done once a fresh listing shows a record set holding the address | — |
| \`DNS.0403\`, \`DNS.0404\` | the account's DNS quota is used up | no |
| \`APIGW.0101\` | no such API: check \`endpoint\` | no |

### IP detection from mainland China
Some of the example's IP sources may not answer there: pick sources that do, e.g.
\`"https://myip.ipip.net"\`, or a \`"cmd:…"\` source that asks your router.`,
  example: `[[provider]]
name = "huawei"                            # records refer to the provider by this name
type = "huaweicloud"
# An access key pair (AK/SK) of an IAM user that has the "DNS FullAccess" policy or a narrower
# custom one (see docs/providers/huaweicloud.md). Create it in the console: My Credentials →
# Access Keys (or IAM → Users → the user → Security Settings → Access Keys).
# Give each value one of three ways:
#   secret_key = "…"                              the value itself (keep this file private)
#   secret_key_env = "HUAWEICLOUD_SDK_SK"         an environment variable holding it
#   secret_key_file = "huawei.sk"                 a file holding it, relative to this file
access_key_env = "HUAWEICLOUD_SDK_AK"
secret_key_env = "HUAWEICLOUD_SDK_SK"
# region = "cn-south-1"      # use https://dns.cn-south-1.myhuaweicloud.com instead of the global
#                            # https://dns.myhuaweicloud.com (the default; zones are global)
# project_id = "…"           # sent as X-Project-Id: only when the zones live in a sub-project
# endpoint = "https://dns.myhuaweicloud.com"   # override the API base URL (proxies, tests); wins over region
# Requests are signed with the time of this machine: Huawei refuses them when its clock is
# more than 15 minutes off (ddns then says so, and by how much).

[[record]]
provider = "huawei"
name = "home.example.com"
type = "A"                 # uses [ip.ipv4]
zone = "example.com"       # optional: without it the public zone is found by listing zones
ttl = 300                  # seconds (1 or more); kept as it is when absent (300 for a new record set)

[[record]]
provider = "huawei"
name = "home.example.com"
type = "AAAA"              # uses [ip.ipv6]
zone = "example.com"

[[record]]
provider = "huawei"
name = "nas.example.com.cn"    # no zone: the deepest listed zone ending the name (example.com.cn)
type = "A"`,
};
