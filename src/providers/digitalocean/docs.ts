import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'DigitalOcean DNS through API v2 (domains and domain records). ddns needs a **personal access token** (Control Panel → API → Tokens; a custom-scoped token needs `domain:read` and `domain:update`); the domain must be in that account (Networking → Domains).',
  endpoint: 'https://api.digitalocean.com/v2',
  providerKeys: [{ key: 'api_token', required: true, text: 'the personal access token (`dop_v1_…`).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (200 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds, at least 30; absent: 1800 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /v2/domains\`, every page by \`links.pages.next\`); the
record is listed by full name and type (\`GET /v2/domains/{zone}/records?name=…&type=…\`), created with
\`POST /v2/domains/{zone}/records\` or updated in place with \`PUT /v2/domains/{zone}/records/{id}\` (the id is kept).
DigitalOcean allows 250 requests per minute and 5,000 per hour per token: ddns paces itself to 4 per second.

### Record options
None: DigitalOcean A and AAAA records have no options beyond name, data and ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 (\`unauthorized\`) | "DigitalOcean rejected the API token …: check api_token …" | no |
| HTTP 404 (\`not_found\`) | not found: the domain is not in this account | no |
| HTTP 429 (\`too_many_requests\`) | rate limited (waits until \`ratelimit-reset\`, at most a minute) | yes |
| HTTP 5xx | server error | yes |
| HTTP 422 and other 4xx | "refused (HTTP 422, unprocessable_entity: …)" | no |`,
  example: `[[provider]]
name = "digitalocean"
type = "digitalocean"
api_token_env = "DIGITALOCEAN_TOKEN"   # or api_token = "dop_v1_…" / api_token_file = "digitalocean.token"

[[record]]
provider = "digitalocean"
name = "home.example.com"
type = "A"

[[record]]
provider = "digitalocean"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
