import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'GoDaddy through its Domains API v1, with a **Production API key and secret** (<https://developer.godaddy.com/keys>), sent as `Authorization: sso-key KEY:SECRET`; the domain must be in that account. **GoDaddy refuses API access to small accounts**: only accounts with 10 or more domains or a Discount Domain Club plan may use it (see below).',
  endpoint: 'https://api.godaddy.com',
  providerKeys: [
    { key: 'api_key', required: true, text: 'the API key (Production; an OTE key works only with `endpoint = "https://api.ote-godaddy.com"`).' },
    { key: 'api_secret', required: true, text: 'the API secret shown once with the key.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: with it, only that domain is looked up (`GET /v1/domains/{domain}`); otherwise the account's domains are listed once per run (1000 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds, at least 600 (GoDaddy\'s minimum); absent: 600 on create, and the set keeps its ttl on update.',
  },
  notes: `### Account eligibility: 403 ACCESS_DENIED
Since May 2024 GoDaddy refuses API access to small accounts: its production Domains and DNS APIs answer
**HTTP 403 \`ACCESS_DENIED\` ("Authenticated user is not allowed access") to accounts with fewer than 10
domains and no Discount Domain Club plan**, whatever the key. ddns reports it as an auth error saying
exactly this; a new key does not help. Such an account can delegate the domain to another DNS provider
ddns supports (change the name servers at GoDaddy) and update the records there.

### How it works
The account's domains are listed once per run (\`GET /v1/domains\`, 1000 per page, the next page after the
last domain by \`marker\`); the record set of the name (relative to the domain, \`@\` for the apex) and type is
read with \`GET /v1/domains/{domain}/records/{type}/{name}\` (\`[]\`: none yet) and written with \`PUT\` to the same
path, \`[{"data":ip,"ttl":…}]\`, which creates the set or replaces it: a set holding several addresses ends up
holding the one ddns writes. GoDaddy allows 60 requests per minute per endpoint: ddns paces itself to one
request per second.

### Record options
None: ddns writes only the address and the ttl of a GoDaddy record.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 403 \`ACCESS_DENIED\` | "GoDaddy refuses API access to this account …: … only to accounts with 10 or more domains or a Discount Domain Club plan" | no |
| HTTP 401 \`UNABLE_TO_AUTHENTICATE\` / \`MISSING_CREDENTIALS\` | "GoDaddy rejected the API key …: check api_key and api_secret …" | no |
| HTTP 404 | not found: the domain is not in this account | no |
| HTTP 422 \`INVALID_BODY\` | "refused (HTTP 422, INVALID_BODY …; records[0].ttl: …)" | no |
| HTTP 429 | rate limited (after \`retryAfterSec\` when GoDaddy sends it) | yes |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "godaddy"
type = "godaddy"
api_key = "your-api-key"
api_secret_env = "GODADDY_API_SECRET"   # or api_secret = "…" / api_secret_file = "godaddy.secret"

[[record]]
provider = "godaddy"
name = "home.example.com"
type = "A"

[[record]]
provider = "godaddy"
name = "home.example.com"
type = "AAAA"
ttl = 3600`,
};
