import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'deSEC (desec.io, free DNSSEC hosting, also the dedyn.io dynDNS names) through its REST API. ddns needs an **API token** (deSEC web interface → Token Management; a token restricted by a policy needs write access to the RRsets ddns keeps); the domain must be in that account.',
  endpoint: 'https://desec.io/api/v1',
  providerKeys: [{ key: 'token', required: true, text: 'the deSEC API token (sent as `Authorization: Token …`).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (500 per page, by cursor) and the deepest one that ends the name is used.",
    ttl: "seconds, 60 to 86400, and never below the domain's own `minimum_ttl` (3600 for most domains, 60 for dedyn.io names): a lower ttl is raised to it, with a warning. Absent: the domain's minimum_ttl on create, and the RRset keeps its ttl on update.",
  },
  notes: `### How it works
deSEC keeps records as RRsets (one subname and type, any number of values). The account's domains are
listed once per run (\`GET /api/v1/domains/?cursor=\`, every page by the \`Link: …; rel="next"\` header);
the RRset is read by subname and type (\`GET /api/v1/domains/{domain}/rrsets/?subname=…&type=…\`, an
empty subname for the apex), created with \`POST /api/v1/domains/{domain}/rrsets/\` or overwritten with
\`PATCH /api/v1/domains/{domain}/rrsets/{subname}/{type}/\` (\`@\` for the apex). An RRset holding several
values is set to the detected address alone.

### Record options
None: a deSEC RRset has no options beyond its records and ttl.

### Rate limits
deSEC allows 50 reads per minute per account and 15 RRset writes per minute per domain (also 2 per
second, 100 per hour and 300 per day), so ddns sends at most one request every 2 seconds. A 429 says
in \`Retry-After\` how long to wait: ddns waits when that is short, and otherwise leaves the record to
the next run (after an hourly or daily limit, that may be hours).

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 (\`Invalid token.\`) | "deSEC rejected the token …: check token …" | no |
| HTTP 403 (a token policy forbids the write) | "deSEC refused the request …: check token …" | no |
| HTTP 404 | not found: the domain is not in this account | no |
| HTTP 400 \`ttl: Ensure this value is greater than or equal to …\` | refused: set ttl between the domain's minimum_ttl and 86400 | no |
| HTTP 400 other (\`records: …\`, \`non_field_errors: …\`) | "refused (HTTP 400, …)" | no |
| HTTP 429 | throttled, with the limits | yes (when \`Retry-After\` is short) |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "desec"
type = "desec"
token_env = "DESEC_TOKEN"   # or token = "…" / token_file = "desec.token"

[[record]]
provider = "desec"
name = "home.example.com"
type = "A"

[[record]]
provider = "desec"
name = "home.example.com"
type = "AAAA"
ttl = 3600`,
};
