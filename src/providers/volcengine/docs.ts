import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Volcengine TrafficRoute DNS (火山引擎云解析) through its OpenAPI (version 2018-08-01). ddns needs an **Access Key ID** and ' +
    '**Secret Access Key** (Volcengine console → 访问控制 → 密钥管理) of a user allowed to list zones and records and to create and update records; the domain must be added to TrafficRoute DNS in that account.',
  endpoint: 'https://open.volcengineapi.com',
  providerKeys: [
    { key: 'access_key_id', required: true, text: 'the Access Key ID (AKLT…).' },
    { key: 'secret_access_key', required: true, text: 'the Secret Access Key.' },
  ],
  recordKeys: [
    {
      key: 'line',
      default: '"default"',
      text: 'the resolution line (线路) the record is on, as the API names it (`default`, or an ISP or region line your edition offers, e.g. `telecom`); a record on another line is another record.',
    },
  ],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s zones are listed once per run (100 per page) and the deepest one that ends the name is used; with `zone` set, that zone is asked for by name.',
    ttl: 'seconds; absent: 600 on create (the API\'s default), and the record keeps its ttl on update. The smallest TTL allowed depends on the edition: a smaller one is refused with the API\'s message.',
  },
  notes: `### How it works
Every request is signed (HMAC-SHA256, Volcengine's V4 variant, service \`DNS\`, region \`cn-north-1\`).
The zones are listed once per run (\`ListZones\`); the record is listed by exact host, type and line
(\`ListRecords\` with \`SearchMode=exact\` and \`PageSize=500\`: without them the API answers ten fuzzy
matches a page, which made other clients miss the record and create duplicates), then created
(\`CreateRecord\`) or updated (\`UpdateRecord\`) keeping its line.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| InvalidAccessKey, SignatureDoesNotMatch, InvalidAuthorization (HTTP 401/400) | "Volcengine rejected the credentials …; check access_key_id and secret_access_key" | no |
| AccessDenied (HTTP 403) | "Volcengine denied … ; grant the IAM user …" | no |
| InvalidTimestamp | the system clock is off (signatures are valid for 15 minutes) | no |
| ErrDBDuplicated on create | taken as done once a fresh listing shows the record holds the address | — |
| HTTP 429 or a flow-limit code | rate limited | yes |
| InternalError, HTTP 5xx | server error | yes |
| any other code | "refused (Code: message)" | no |`,
  example: `[[provider]]
name = "volc"
type = "volcengine"
access_key_id = "AKLTexampleKeyId0123"               # 访问控制 → 密钥管理
secret_access_key_env = "VOLCENGINE_SECRET_ACCESS_KEY"

[[record]]
provider = "volc"
name = "home.example.com"
type = "A"
line = "default"

[[record]]
provider = "volc"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
