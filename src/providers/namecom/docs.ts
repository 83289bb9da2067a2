import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Name.com through its API v4, with HTTP Basic authentication: your Name.com **username** and an **API token** (Name.com account → Settings → Security → API Token Management); the domain must be in that account.',
  endpoint: 'https://api.name.com/v4',
  providerKeys: [
    { key: 'username', required: true, text: 'the Name.com account username (for the test environment: the username followed by `-test`).' },
    { key: 'token', required: true, text: 'the API token (production and test environment tokens differ).' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (1000 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds, at least 300; absent: 300 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /v4/domains\`, every page by \`nextPage\`); the domain's
records are listed (\`GET /v4/domains/{domain}/records\`, every page: the API has no name filter) and the
record, by \`host\` (empty for the apex) and type, is created with \`POST /v4/domains/{domain}/records\` or
updated in place with \`PUT /v4/domains/{domain}/records/{id}\` (the id is kept).
Name.com allows 20 requests per second and 3,000 per hour: ddns paces itself to 20 per second.

### Test environment
Name.com's sandbox is \`https://api.dev.name.com\`: set \`endpoint = "https://api.dev.name.com/v4"\` in the
\`[[provider]]\`, with the test username (\`<username>-test\`) and the test token from the same page.

### Record options
None: Name.com A and AAAA records have no options beyond host, answer and ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 \`Unauthenticated\` / 403 \`Permission Denied\` | "Name.com rejected the API credentials …: check username and token …" | no |
| HTTP 404 \`Not Found\` | not found: the domain is not in this account | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 \`Invalid Argument\` | "refused (HTTP 400, Invalid Argument: …)" | no |`,
  example: `[[provider]]
name = "namecom"
type = "namecom"
username = "your-username"
token_env = "NAMECOM_TOKEN"   # or token = "…" / token_file = "namecom.token"
# endpoint = "https://api.dev.name.com/v4"   # the test environment (username "your-username-test")

[[record]]
provider = "namecom"
name = "home.example.com"
type = "A"

[[record]]
provider = "namecom"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
