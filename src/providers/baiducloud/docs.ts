import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Baidu AI Cloud DNS (百度智能云 公网 DNS) through its REST API (`/v1/dns/zone`). ddns needs an **Access Key ID** and **Secret Access Key** ' +
    '(Baidu AI Cloud console → 安全认证 → Access Key) of a user allowed to list zones and records and to create and update records; the domain must be added to the DNS service in that account. ' +
    'Domains kept only in the older registrar console (BCD, `bcd.baidubce.com`) are not reached by this API: add the domain to 公网 DNS first.',
  endpoint: 'https://dns.baidubce.com',
  providerKeys: [
    { key: 'access_key_id', required: true, text: 'the Access Key ID (AK).' },
    { key: 'secret_access_key', required: true, text: 'the Secret Access Key (SK).' },
  ],
  recordKeys: [
    {
      key: 'line',
      default: '"default"',
      text: 'the resolution line (线路) the record is on, as the API names it (`default`, or an ISP line your edition offers, e.g. `ct` for China Telecom); a record on another line is another record. The line is set on create; an update keeps it.',
    },
  ],
  zoneAndTtl: {
    zone: "optional: otherwise the account's zones are listed once per run (1000 per page) and the deepest one that ends the name is used; with `zone` set, that zone is asked for by name.",
    ttl: "seconds; absent: 300 on create (the free edition's minimum), and the record keeps its ttl on update. A TTL below your edition's minimum is refused with the API's message.",
  },
  notes: `### How it works
Every request is signed (bce-auth-v1, HMAC-SHA256, valid 30 minutes). The zones are listed once per run;
the record is listed by host (\`rr\`), then created (\`POST …/record\`) or updated (\`PUT …/record/{id}\`), each
write with a fresh \`clientToken\`. The writes answer nothing but their status, so ddns lists the host once more
to confirm what was written (one extra read per change).

### Errors
| answer | what ddns says | retried |
|---|---|---|
| InvalidAccessKeyId, SignatureDoesNotMatch, InvalidHTTPAuthHeader | "Baidu AI Cloud rejected the credentials …; check access_key_id and secret_access_key" | no |
| AccessDenied, OptInRequired (HTTP 403) | "Baidu AI Cloud denied … ; grant the IAM user DNS access …" | no |
| RequestExpired | the system clock is off (signatures are valid for 30 minutes) | no |
| a "record already exists" code on create | taken as done once a fresh listing shows the record holds the address | — |
| HTTP 429 or a rate-limit code | rate limited | yes |
| InternalError, HTTP 5xx | server error | yes |
| any other code | "refused (code: message)" | no |`,
  example: `[[provider]]
name = "baidu"
type = "baiducloud"
access_key_id = "exampleAccessKeyId0123456789abcd"       # 安全认证 → Access Key
secret_access_key_env = "BAIDUCLOUD_SECRET_ACCESS_KEY"

[[record]]
provider = "baidu"
name = "home.example.com"
type = "A"
line = "default"

[[record]]
provider = "baidu"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
