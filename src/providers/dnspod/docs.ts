import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Tencent Cloud DNSPod (腾讯云 DNSPod), through Tencent Cloud API 3.0 (version 2021-03-23). ddns needs an **API key pair** ' +
    '(SecretId + SecretKey) of a CAM **sub-user**, never the root account\'s keys (console → CAM → Users → the user → API keys), ' +
    'allowed to list domains and to list, create and modify records.',
  endpoint: 'https://dnspod.tencentcloudapi.com',
  providerKeys: [
    {
      key: 'secret_id',
      required: true,
      text: 'the SecretId (`AKID…`). An identifier rather than a password, but kept with its key: it accepts `_env` / `_file` too and is masked in every output.',
    },
    { key: 'secret_key', required: true, text: 'its SecretKey.' },
  ],
  recordKeys: [
    {
      key: 'line',
      text: 'the line (split-horizon view) the record is kept on: `"默认"` (default) when absent, or e.g. `"电信"`, `"联通"`, `"移动"`, `"境外"` as the console names them. Only records on that line are touched.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: the domain is otherwise found by listing the account\'s domains once per run (`DescribeDomainList`) and taking the deepest one that ends the name (`a.b.example.com.cn` → `example.com.cn`, host `a.b`; never a public suffix such as `com.cn`); with `zone` set there is no lookup (and `dnspod:DescribeDomainList` is not needed).',
    ttl: 'seconds; the free plan\'s minimum is 600. Absent: the domain\'s default (600) for a new record, and an existing record keeps its own.',
  },
  notes: `### Permissions
Attach the preset policy **QcloudDNSPodFullAccess** to the sub-user, or, for least privilege, a
custom policy with only the four actions ddns calls:
\`\`\`json
{ "version": "2.0",
  "statement": [ { "effect": "allow",
    "action": ["dnspod:DescribeDomainList", "dnspod:DescribeRecordList", "dnspod:CreateRecord", "dnspod:ModifyDynamicDNS"],
    "resource": ["*"] } ] }
\`\`\`
\`dnspod:DescribeDomainList\` can be left out when every record sets \`zone\`.

### International site
Accounts of tencentcloud.com (rather than cloud.tencent.com) use
\`endpoint = "https://dnspod.intl.tencentcloudapi.com"\`. Requests are signed for the host they are
actually sent to, so any endpoint (or proxy) works.

### How it works
JSON \`POST\`s signed with TC3-HMAC-SHA256 (service \`dnspod\`), the signature covering
\`content-type\` and \`host\`. The record is read with \`DescribeRecordList\` (host, type, line;
\`ResourceNotFound.NoDataOfRecord\` means "no record yet"), created with \`CreateRecord\` and updated
with \`ModifyDynamicDNS\`, which changes only the value and TTL (the current TTL is always sent,
since an absent one resets the record to the domain's default). A new record may not be listed for
up to 30 seconds, so a create's success answer is its confirmation. A paused (DISABLE) record gets
its value updated but stays paused, with a warning.

### Errors
Tencent Cloud answers business errors with HTTP 200 and \`Response.Error\`; ddns maps the code:

| Tencent Cloud answer | what ddns says | retried |
|---|---|---|
| \`AuthFailure.SignatureFailure\`, \`AuthFailure.SecretIdNotFound\`, other \`AuthFailure.*\` | "Tencent Cloud rejected the credentials … check secret_id and secret_key" | no |
| \`UnauthorizedOperation\`, \`OperationDenied.*\`, \`FailedOperation.NotDomainOwner\` | names the CAM permissions above | no |
| \`AuthFailure.SignatureExpire\` | "the system clock is N minutes off" (signatures are valid for 5 minutes) | no |
| \`RequestLimitExceeded*\`, \`FailedOperation.FrequencyLimit\` | rate limited (20 requests per second) | yes |
| \`InternalError*\`, \`FailedOperation.UnknowError\`, HTTP 5xx | transient | yes |
| \`InvalidParameterValue.DomainNotExists\`, \`InvalidParameter.RecordIdInvalid\` | domain or record not found | no |
| \`InvalidParameter.DomainRecordExist\` | re-read: done when the record already holds the address, else a conflict (delete the duplicate) | — |
| any other code | a configuration error quoting the code, message and RequestId | no |

### IP detection from mainland China
Some of the example's IP sources may not answer there: pick sources that do, e.g.
\`"https://myip.ipip.net"\`, or a \`"cmd:…"\` source that asks your router.`,
  example: `[[provider]]
name = "dnspod"                            # records refer to the provider by this name
type = "dnspod"
# An API key pair (SecretId + SecretKey) of a CAM sub-user that has QcloudDNSPodFullAccess or
# a narrower policy (see docs/providers/dnspod.md). Create it in the Tencent Cloud console:
# CAM → Users → the user → API keys. Give each value one of three ways:
#   secret_key = "…"                           the value itself (keep this file private)
#   secret_key_env = "TENCENTCLOUD_SECRET_KEY"  an environment variable holding it
#   secret_key_file = "dnspod.key"             a file holding it, relative to this file
secret_id_env = "TENCENTCLOUD_SECRET_ID"
secret_key_env = "TENCENTCLOUD_SECRET_KEY"
# endpoint = "https://dnspod.tencentcloudapi.com"        # the default
# endpoint = "https://dnspod.intl.tencentcloudapi.com"   # accounts of the international site (tencentcloud.com)
# Requests are signed with the time of this machine: Tencent Cloud refuses them when its clock
# is more than 5 minutes off (ddns then says so, and by how much).

[[record]]
provider = "dnspod"
name = "home.example.com"
type = "A"                 # uses [ip.ipv4]
zone = "example.com"       # optional: without it the domain is found with DescribeDomainList
ttl = 600                  # seconds; the free plan's minimum is 600. Kept as it is when absent
# line = "默认"            # the line (split-horizon view) of the record; "默认" (default) when absent.
#                          # Other lines ("电信", "联通", "移动", "境外" …) are named as the console and
#                          # DescribeRecordLineList name them; DNSPod refuses a record on another line
#                          # (FailedOperation.MustAddDefaultLineFirst) until a 默认 one exists.

[[record]]
provider = "dnspod"
name = "home.example.com"
type = "AAAA"              # uses [ip.ipv6]
zone = "example.com"

[[record]]
provider = "dnspod"
name = "nas.example.com.cn"    # no zone: DescribeDomainList finds example.com.cn (never com.cn)
type = "A"`,
};
