import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Tencent Cloud DNSPod (腾讯云 DNSPod), with either of its two credentials: an **API key pair** (SecretId + SecretKey) of a ' +
    'CAM **sub-user** for Tencent Cloud API 3.0 (console → CAM → Users → the user → API keys; never the root account\'s keys), or a ' +
    '**DNSPod Token** (`ID,Token`, console.dnspod.cn → Account → API 密钥 → DNSPod Token) for the DNSPod token API (dnsapi.cn). ' +
    'Which one the `[[provider]]` gives chooses the API; giving both is a config error.',
  endpoint: 'https://dnspod.tencentcloudapi.com',
  providerKeys: [
    {
      key: 'secret_id',
      text: 'Tencent Cloud API 3.0: the SecretId (`AKID…`). An identifier rather than a password, but kept with its key: it accepts `_env` / `_file` too and is masked in every output. Required with `secret_key`, unless `login_token` is given instead.',
    },
    { key: 'secret_key', text: 'its SecretKey.' },
    {
      key: 'login_token',
      text: 'the DNSPod token API instead: `"ID,TOKEN"` exactly as the DNSPod console shows it. The whole value and the TOKEN part alone are masked in every output.',
    },
    {
      key: 'site',
      default: '`"cn"`',
      text: '`"intl"` for accounts of the international site: the token API at `https://api.dnspod.com` (whose default line is `default`), or API 3.0 at `https://dnspod.intl.tencentcloudapi.com`. `endpoint` wins over it.',
    },
  ],
  recordKeys: [
    {
      key: 'line',
      text: 'the line (split-horizon view) the record is kept on: `"默认"` (default) when absent (`"default"` on the international token API), or e.g. `"电信"`, `"联通"`, `"移动"`, `"境外"` as the console names them. Only records on that line are touched.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: the domain is otherwise found by listing the account\'s domains once per run (`DescribeDomainList`, or `Domain.List` with a token) and taking the deepest one that ends the name (`a.b.example.com.cn` → `example.com.cn`, host `a.b`; never a public suffix such as `com.cn`); with `zone` set there is no lookup (and `dnspod:DescribeDomainList` is not needed).',
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
\`dnspod:DescribeDomainList\` can be left out when every record sets \`zone\`. A DNSPod Token acts
as its whole account: there is nothing to narrow.

### International site
Accounts of tencentcloud.com / dnspod.com set \`site = "intl"\` (or the \`endpoint\` itself). API 3.0
requests are signed for the host they are actually sent to, so any endpoint (or proxy) works.

### The token API (login_token)
Form-encoded \`POST\`s to \`https://dnsapi.cn/<Action>\` with \`login_token\` and \`format=json\`:
\`Domain.List\`, \`Record.List\` (host, type, line), \`Record.Create\` and \`Record.Modify\` (always
with the record's ttl). Every answer is HTTP 200 with \`status.code\`: \`"1"\` is success.

| token API status | what ddns says | retried |
|---|---|---|
| \`-1\` "Login fail", \`10001\` | "DNSPod rejected the login token … check login_token" | no |
| \`-8\`, \`83\`, \`85\` | the account is locked (too many failed logins, locked, or login-area protection): wait, then fix the token | no |
| \`-7\`, \`7\`, \`9\` | the token's account does not own or manage the domain | no |
| \`-2\` | the API limit: rate limited | yes |
| \`3\`, \`-99\` | transient | yes |
| \`6\`, \`8\` | domain or record not found | no |
| \`104\` "already exists" | re-read: done when the record already holds the address | — |
| other codes (\`26\` line, \`29\`/\`32\` TTL, \`34\` value …) | a configuration error quoting code and message | no |

DNSPod locks a record for an hour after more than 5 unchanged modifications within an hour and
treats such updates as abuse; ddns only modifies a record whose address differs.

### How it works (API 3.0)
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
# Or, instead of the pair, a DNSPod Token (console.dnspod.cn → API 密钥 → DNSPod Token), "ID,TOKEN":
# login_token_env = "DNSPOD_LOGIN_TOKEN"     # chooses the DNSPod token API (dnsapi.cn); never both kinds
# site = "intl"              # accounts of the international site (tencentcloud.com / dnspod.com)
# endpoint = "https://dnspod.tencentcloudapi.com"        # override the API base URL (proxies, tests)
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
