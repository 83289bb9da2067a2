import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Tencent Cloud EdgeOne (边缘安全加速平台) DNS records of a site in NS access mode, through the teo API (version 2022-09-01). ddns needs a ' +
    '**SecretId** and **SecretKey** (Tencent Cloud console → CAM → API keys) of a user allowed to list EdgeOne zones and DNS records and to create and modify DNS records.',
  endpoint: 'https://teo.tencentcloudapi.com',
  providerKeys: [
    { key: 'secret_id', required: true, text: 'the SecretId (AKID…).' },
    { key: 'secret_key', required: true, text: 'the SecretKey.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: the EdgeOne site holding the name; otherwise the account\'s sites are listed once per run (100 per page) and the deepest one that ends the name is used.',
    ttl: 'seconds, 60 to 86400 (one outside is held to the range, with a warning at its line); absent: 300 on create (the API\'s default), and the record keeps its ttl on update.',
  },
  notes: `### How it works
Every request is a JSON POST signed with TC3-HMAC-SHA256 (service \`teo\`), as for DNSPod's API 3.0.
The sites are listed once per run (\`DescribeZones\`); the record is listed by its full name and type
(\`DescribeDnsRecords\`, exact filters, 100 a page), then created (\`CreateDnsRecord\`) or updated
(\`ModifyDnsRecords\` with one record). EdgeOne's international site uses the same API; set \`endpoint\` if your account needs another host.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| AuthFailure.SecretIdNotFound, AuthFailure.SignatureFailure | "Tencent Cloud EdgeOne rejected the credentials …; check secret_id and secret_key" | no |
| UnauthorizedOperation, AuthFailure.UnauthorizedOperation | "Tencent Cloud EdgeOne denied … ; grant the CAM user QcloudTEOFullAccess …" | no |
| AuthFailure.SignatureExpire | the system clock is off (signatures are valid for 5 minutes) | no |
| InvalidParameter.DnsRecordExist on create | taken as done once a fresh listing shows the record holds the address; otherwise "such a record already exists; delete the duplicate record" | no |
| RequestLimitExceeded.* | rate limited | yes |
| InternalError, HTTP 5xx | server error | yes |
| any other code | "refused (Code: message)" | no |

### Quirks
Only sites in NS (full) access mode have DNS records here; a CNAME-access site's acceleration
domains are not handled.`,
  example: `[[provider]]
name = "teo"
type = "edgeone"
secret_id = "AKIDexampleSecretId0123"              # CAM → API keys
secret_key_env = "TENCENTCLOUD_SECRET_KEY"

[[record]]
provider = "teo"
name = "home.example.com"
type = "A"

[[record]]
provider = "teo"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
