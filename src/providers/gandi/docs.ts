import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Gandi LiveDNS through its v5 API, with a **personal access token** (Gandi account → Authentication options → Personal Access Tokens, with permission to manage the domain\'s technical configuration). The older Gandi API key (`Authorization: Apikey …`) is deprecated by Gandi and not supported: create a token instead.',
  endpoint: 'https://api.gandi.net/v5/livedns',
  providerKeys: [{ key: 'token', required: true, text: 'the personal access token.' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the domains LiveDNS serves for the token are listed once per run (100 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds, 300 to 2592000 (Gandi\'s range); absent: 300 on create, and the rrset keeps its ttl on update.',
  },
  notes: `### How it works
The token's LiveDNS domains are listed once per run (\`GET /domains\`, every page); the rrset of the name
(relative to the domain, \`@\` for the apex) and type is read with \`GET /domains/{fqdn}/records/{name}/{type}\`
(404: none yet) and written with \`PUT\` to the same path, \`{"rrset_values":[ip],"rrset_ttl":…}\`. The PUT
replaces the whole set: an rrset holding several addresses ends up holding the one ddns writes.

### Record options
None: Gandi LiveDNS rrsets have only values and a ttl.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 | "Gandi rejected the token …: check token …" | no |
| HTTP 403 | "Gandi denied access …": the token lacks the permission or the domain | no |
| HTTP 404 on the domain | not found: the domain is not on LiveDNS in this account | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 | "refused (HTTP 400, Validation error; rrset_ttl: …)" | no |`,
  example: `[[provider]]
name = "gandi"
type = "gandi"
token_env = "GANDI_PAT"   # or token = "…" / token_file = "gandi.token"

[[record]]
provider = "gandi"
name = "home.example.com"
type = "A"

[[record]]
provider = "gandi"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
