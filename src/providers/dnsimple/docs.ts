import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'DNSimple through its API v2. ddns needs an **API access token** (DNSimple → Account → Access tokens); the zone must be in that account.',
  endpoint: 'https://api.dnsimple.com (the sandbox: https://api.sandbox.dnsimple.com)',
  providerKeys: [
    { key: 'api_token', required: true, text: 'the API access token (an account token; a user token needs `account_id` as well).' },
    { key: 'account_id', required: false, text: 'the numeric account id (the number in the dashboard URL); absent: the token\'s account from `GET /v2/whoami`.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the account\'s zones are listed once per run (100 per page) and the deepest one that ends the name is used.',
    ttl: 'seconds, at least 60; absent: 3600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account id comes from \`account_id\` or, once per run, from \`GET /v2/whoami\`. The account's zones are
listed once per run (\`GET /v2/{account}/zones\`, every page); the record is listed by its name relative to
the zone (\`""\` for the apex) and type, created with \`POST …/zones/{zone}/records\` or updated in place with
\`PATCH …/records/{id}\`. To try it against the sandbox, set \`endpoint = "https://api.sandbox.dnsimple.com"\`
with a sandbox token. DNSimple records have no option ddns sets beyond the address and ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "DNSimple rejected the token …; check api_token" | no |
| HTTP 404 | "… not found; check account_id and that the zone is in this DNSimple account" | no |
| HTTP 429 | rate limited (2400 requests per hour) | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 | "refused: Validation failed (HTTP 400)" | no |`,
  example: `[[provider]]
name = "dnsimple"
type = "dnsimple"
api_token_env = "DNSIMPLE_TOKEN"   # or api_token = "…" / api_token_file = "dnsimple.token"
# account_id = "1385"              # only for a user token

[[record]]
provider = "dnsimple"
name = "home.example.com"
type = "A"

[[record]]
provider = "dnsimple"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
