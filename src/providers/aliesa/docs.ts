import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Alibaba Cloud ESA (Edge Security Acceleration, 边缘安全加速) DNS records through its OpenAPI (version 2024-09-10). ddns needs an ' +
    '**AccessKey ID** and **AccessKey Secret** of a RAM user (RAM console → AccessKey) allowed to list ESA sites and records and to create and update records; the domain must be added to ESA as a site in that account.',
  endpoint: 'https://esa.cn-hangzhou.aliyuncs.com',
  providerKeys: [
    { key: 'access_key_id', required: true, text: 'the AccessKey ID (LTAI…).' },
    { key: 'access_key_secret', required: true, text: 'the AccessKey Secret.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: the ESA site holding the name; otherwise the account\'s sites are listed once per run (500 per page) and the deepest one that ends the name is used.',
    ttl: 'seconds, 30 or more (a smaller one is raised to 30, with a warning at its line), or 1 for ESA\'s automatic TTL; absent: 1 (automatic) on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
Every request carries Alibaba's RPC signature (HMAC-SHA1, SignatureVersion 1.0, the same as Alibaba Cloud DNS).
The sites are listed once per run (\`ListSites\`); the record is listed by its full name and type
(\`ListRecords\` with \`RecordMatchType=exact\` and \`PageSize=500\`), then created (\`CreateRecord\`, not proxied)
or updated (\`UpdateRecord\`, keeping its TTL unless one is configured).

### Errors
| answer | what ddns says | retried |
|---|---|---|
| InvalidAccessKeyId.NotFound, SignatureDoesNotMatch | "Alibaba Cloud ESA rejected the credentials …; check access_key_id and access_key_secret" | no |
| Forbidden.RAM, NoPermission | "Alibaba Cloud ESA denied … ; grant the RAM user AliyunESAFullAccess …" | no |
| InvalidTimeStamp.Expired | the system clock is off (signatures are valid for 15 minutes) | no |
| a "record exists" code on create | taken as done once a fresh listing shows the record holds the address; otherwise "such a record already exists; delete the duplicate record" | no |
| Throttling.* or HTTP 429 | rate limited | yes |
| InternalError, ServiceUnavailable, HTTP 5xx | server error | yes |
| any other code | "refused (Code: message)" | no |

### Quirks
ESA can hold an address record whose type is \`A/AAAA\` (one record with both families); ddns reads
and writes records typed \`A\` or \`AAAA\` only. Sites added in CNAME access mode only take proxied
records: ddns creates records unproxied, which such a site refuses.`,
  example: `[[provider]]
name = "esa"
type = "aliesa"
access_key_id = "LTAI5tExampleKeyId012"              # RAM console → AccessKey
access_key_secret_env = "ALIYUN_ACCESS_KEY_SECRET"

[[record]]
provider = "esa"
name = "home.example.com"
type = "A"

[[record]]
provider = "esa"
name = "home.example.com"
type = "AAAA"
ttl = 60`,
};
