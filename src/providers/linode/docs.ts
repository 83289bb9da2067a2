import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Linode (Akamai Cloud) DNS Manager through the Linode API v4. ddns needs a **personal access token** with the Domains scope (read/write) from Cloud Manager → My Profile → API Tokens; the domain must be in that account.',
  endpoint: 'https://api.linode.com/v4',
  providerKeys: [{ key: 'token', required: true, text: 'the personal access token (Domains: read/write).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (500 per page) and the deepest one that ends the name is used.",
    ttl: "seconds; absent: the domain's default on create (ttl_sec 0), and the record keeps its ttl on update. Linode accepts only 30, 120, 300, 3600, 7200, 14400, 28800, 57600, 86400, 172800, 345600, 604800, 1209600 and 2419200 and rounds any other value, so choose one of these.",
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /domains\`, every page); the domain's records are
listed (\`GET /domains/{id}/records\`, every page), and the record is created with
\`POST /domains/{id}/records\` or updated in place with \`PUT /domains/{id}/records/{id}\`.
There are no Linode-specific record options.

### TTL
Linode rounds a \`ttl\` outside its fixed set (30, 120, 300, 3600, 7200, 14400, 28800, 57600, 86400,
172800, 345600, 604800, 1209600, 2419200 seconds) to a value of the set. A ttl below 30 or above
2419200 is held to the range when the config loads; a value between two steps is sent as written and
Linode stores a rounded one, which then differs from the config on every run, so use a value of the set.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 | "Linode rejected the token …; check token" | no |
| HTTP 403 | "Linode refused the token …; give token the Domains read/write scope" | no |
| HTTP 404 | not found | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 | "refused: <field>: <reason> (HTTP 400)" | no |`,
  example: `[[provider]]
name = "linode"
type = "linode"
token_env = "LINODE_TOKEN"    # or token = "…" / token_file = "linode.token"

[[record]]
provider = "linode"
name = "home.example.com"
type = "A"

[[record]]
provider = "linode"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
