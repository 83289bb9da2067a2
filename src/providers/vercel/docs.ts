import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Vercel DNS through the Vercel REST API. ddns needs an **access token** (Vercel → Account Settings → Tokens) and, for a domain owned by a team, the **team id**.',
  endpoint: 'https://api.vercel.com',
  providerKeys: [
    { key: 'token', required: true, text: 'the access token.' },
    { key: 'team_id', required: false, text: 'the team id (`team_…`) for domains owned by a team; sent as `teamId` on every request.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's (or team's) domains are listed once per run (100 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds, 60 to 2147483647; absent: 60 (Vercel\'s default) on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The domains are listed once per run (\`GET /v5/domains\`, every page through \`pagination.next\`); the
domain's records are listed (\`GET /v5/domains/{domain}/records\`, 100 per page), and the record is created with
\`POST /v2/domains/{domain}/records\` or updated in place with \`PATCH /v1/domains/records/{id}\` (the id is kept).
With \`team_id\` set, every request carries \`teamId\`. Vercel publishes no rate limit for these endpoints, so ddns does not pace them;
a 429 is retried after its \`Retry-After\` (at most a minute).

### Record options
None: Vercel A and AAAA records have no options beyond name, value and ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401, or 403 with \`invalidToken\` | "Vercel rejected the token …: check token (Vercel → Account Settings → Tokens)" | no |
| other HTTP 403 | "Vercel refused access …: check the token's scope, and set team_id for a domain owned by a team" | no |
| HTTP 404 (\`not_found\`) | not found: the domain is not in this account (or team) | no |
| HTTP 409 on create | the record is listed again: done if it holds the address, else a conflict | no |
| HTTP 429 (\`rate_limited\`) | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 (\`bad_request\`) and other 4xx | "refused (HTTP 400, bad_request: …)" | no |`,
  example: `[[provider]]
name = "vercel"
type = "vercel"
token_env = "VERCEL_TOKEN"    # or token = "…" / token_file = "vercel.token"
team_id = "team_abc123"       # only for a domain owned by a team

[[record]]
provider = "vercel"
name = "home.example.com"
type = "A"

[[record]]
provider = "vercel"
name = "home.example.com"
type = "AAAA"
ttl = 60`,
};
