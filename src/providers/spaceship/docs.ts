import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Spaceship (spaceship.com) through its DNS records API. ddns needs an **API key** and its **API secret** (Spaceship → API Manager → New API key) with the `domains:read`, `dnsrecords:read` and `dnsrecords:write` permissions; the domain must be in that account and use Spaceship\'s name servers.',
  endpoint: 'https://spaceship.dev/api/v1',
  providerKeys: [
    { key: 'api_key', required: true, text: 'the API key.' },
    { key: 'api_secret', required: true, text: 'the API secret shown once when the key is made.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (100 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds, 60 to 3600; absent: 3600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /v1/domains\`, every page by \`take\`/\`skip\`); the
domain's records are listed (\`GET /v1/dns/records/{domain}\`, 500 per page: the API has no name filter)
and the record, by its name relative to the domain (\`@\` for the apex) and type, is written with
\`PUT /v1/dns/records/{domain}\` and \`"force": true\`, which overwrites that name and type's records.
Spaceship records have no id: ddns names one \`<name>/<type>\`.
Spaceship allows 300 requests per 300 seconds: ddns sends at most one request per second.

### Record options
None: Spaceship A and AAAA records have no options beyond name, address and ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 / 403 | "Spaceship rejected the API key …: check api_key and api_secret and that the key has the … permissions (Spaceship → API Manager)" (403: a permission is missing) | no |
| HTTP 404 \`SOA record for domain … not found.\` | not found: the domain is not in this account or not on Spaceship's name servers | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 / 422 with \`detail\` and \`data\` | "refused (HTTP 422, <detail>; <field>: <details> (<Spaceship-Error-Code>))" | no |`,
  example: `[[provider]]
name = "spaceship"
type = "spaceship"
api_key = "your-api-key"
api_secret_env = "SPACESHIP_API_SECRET"   # or api_secret = "…" / api_secret_file = "spaceship.secret"

[[record]]
provider = "spaceship"
name = "home.example.com"
type = "A"

[[record]]
provider = "spaceship"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
