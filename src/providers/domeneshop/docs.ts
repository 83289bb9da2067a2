import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Domeneshop (domene.shop, domainnameshop.com) through its REST API v0, with HTTP Basic authentication: an API **token** and **secret** (control panel → API, <https://www.domeneshop.no/admin?view=api>); the domain must be in that account and use Domeneshop\'s DNS service.',
  endpoint: 'https://api.domeneshop.no/v0',
  providerKeys: [
    { key: 'token', required: true, text: 'the API token (the Basic user name).' },
    { key: 'secret', required: true, text: 'the API secret shown with the token.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run and the deepest one with DNS service that ends the name is used; with `zone` set, only that domain is looked up.",
    ttl: 'seconds, 60 to 604800, a multiple of 60 (a ttl between is rounded up); absent: 3600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /v0/domains\`, one answer: the API has no paging; with
\`zone\` set, \`GET /v0/domains?domain=<zone>\`), keeping those with DNS service. The record is looked up by
host (relative to the domain, \`@\` for the apex) and type (\`GET /v0/domains/{id}/dns?host=…&type=…\`) and
created with \`POST /v0/domains/{id}/dns\` or replaced in place with \`PUT /v0/domains/{id}/dns/{recordId}\`
(the whole record; the id is kept). Domeneshop publishes no rate limit.

### Record options
None: Domeneshop A and AAAA records have only host, data and ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 | "Domeneshop rejected the API credentials …: check token and secret …" | no |
| HTTP 403 \`resource:unauthorized\` | "Domeneshop denied access …": the domain is not in this token's account | no |
| HTTP 404 \`resource:unknown\` | not found: the domain or record is gone, or the domain has no DNS service | no |
| HTTP 400 | "refused (HTTP 400, …: DNS record failed validation …)" | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "domeneshop"
type = "domeneshop"
token = "your-api-token"
secret_env = "DOMENESHOP_SECRET"   # or secret = "…" / secret_file = "domeneshop.secret"

[[record]]
provider = "domeneshop"
name = "home.example.com"
type = "A"

[[record]]
provider = "domeneshop"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
