import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Cloudflare DNS through the API v4. ddns needs an **API token** (dash.cloudflare.com → My Profile → API Tokens) with ' +
    '**Zone → DNS → Edit** and **Zone → Zone → Read** for the zone(s); never the Global API Key.',
  endpoint: 'https://api.cloudflare.com/client/v4',
  providerKeys: [{ key: 'api_token', required: true, text: 'the API token.' }],
  recordKeys: [
    { key: 'proxied', text: 'route HTTP(S) traffic through Cloudflare; an existing record keeps its setting when absent.' },
    { key: 'comment', text: 'a note stored with the record (at most 500 characters); kept as it is when absent.' },
  ],
  zoneAndTtl: {
    zone: 'optional: the zone is otherwise found by listing the token\'s active zones once per run and taking the deepest one that ends the name (delegated sub-zones work); with `zone` set, that zone is asked for by name instead (once per zone), cheaper for a token that sees thousands of zones.',
    ttl: 'seconds, 60–86400 (30 on Enterprise); absent: 1, Cloudflare\'s "automatic" on create, and the record keeps its ttl on update. A proxied record always has ttl 1.',
  },
  notes: `### How it works
The token's active zones are listed once per run (\`GET /zones?status=active\`, 50 per page, every page)
and shared by all records of the provider. The record is listed by type and exact name, created with
\`POST\`, or updated with \`PATCH\` carrying only the content and the keys the config sets.
The deepest zone wins: \`a.b.example.co.uk\` is looked for as \`a.b.example.co.uk\`, \`b.example.co.uk\`,
\`example.co.uk\`, …, so delegated sub-zones work. \`endpoint\` replaces the whole base, including
\`/client/v4\`.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| 9109, 10000, 6003 | "Cloudflare rejected the API token …: check api_token and its permissions" | no |
| 7003, 81044 | the zone or record was not found | no |
| 81058 on create | taken as done once a fresh listing shows the record holds the address | — |
| 429, 971 | rate limited, \`Retry-After\` honoured | yes |
| 5xx | server error | yes |

Cloudflare allows 1200 requests per 5 minutes per token; an unchanged run sends none.`,
  example: `[[provider]]
name = "cf"                                # records refer to the provider by this name
type = "cloudflare"
# An API token with "Zone > DNS > Edit" for the zone (dash.cloudflare.com > My Profile > API Tokens).
# Give it one of three ways:
#   api_token = "…"                          the value itself (keep this file private)
#   api_token_env = "CLOUDFLARE_API_TOKEN"   an environment variable holding it
#   api_token_file = "cloudflare.token"      a file holding it, relative to this file
api_token_env = "CLOUDFLARE_API_TOKEN"
# endpoint = "https://api.cloudflare.com/client/v4"   # override the API base URL (proxies, tests)

[[record]]
provider = "cf"
name = "home.example.com"
type = "A"                 # uses [ip.ipv4]
zone = "example.com"       # optional: saves a zone lookup
ttl = 300                  # seconds; Cloudflare's "automatic" when absent
proxied = false            # true routes HTTP(S) traffic through Cloudflare's proxy
comment = "managed by ddns"

[[record]]
provider = "cf"
name = "home.example.com"
type = "AAAA"              # uses [ip.ipv6]
zone = "example.com"
ttl = 300`,
};
