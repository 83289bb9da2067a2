import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'dynv6 (free dynamic DNS: dynv6.net, v6.army … names and your own domains) through its REST API v2 — the record API, not the write-only update URL. ddns needs an **HTTP token** (dynv6 → Keys → HTTP Tokens); a token restricted to one zone reaches only that zone.',
  endpoint: 'https://dynv6.com/api/v2',
  providerKeys: [{ key: 'token', required: true, text: 'the dynv6 HTTP token (sent as `Authorization: Bearer …`).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's zones are listed once per run and the deepest one that ends the name is used; a configured zone is looked up by name (`GET /zones/by-name/{name}`).",
    ttl: "no effect: dynv6's API has no ttl for records; dynv6 serves its own.",
  },
  notes: `### How it works
The account's zones are listed once per run (\`GET /api/v2/zones\`). A name inside a zone is a record:
the zone's records are listed (\`GET /api/v2/zones/{id}/records\`), and one is created with
\`POST /api/v2/zones/{id}/records\` (\`name\` relative to the zone) or updated in place with
\`PATCH /api/v2/zones/{id}/records/{recordID}\`. The zone's own name is not a record at dynv6: its A and
AAAA are the zone's \`ipv4address\` and \`ipv6prefix\`, read with \`GET /api/v2/zones/{id}\` and set with
\`PATCH /api/v2/zones/{id}\`. An AAAA that dynv6 stores as a suffix of the zone's prefix is compared by
its expanded address (\`expandedData\`).

### Record options
None: the A and AAAA records ddns keeps have no options beyond name and address.

### Limits
dynv6 publishes no rate limit for the REST API, and its records carry no ttl (a \`ttl\` in the
\`[[record]]\` has no effect).

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 | "dynv6 rejected the token …: check token …" | no |
| HTTP 403 (a zone-restricted token, another zone) | "dynv6 refused the request …: check token …" | no |
| HTTP 404 | not found: the zone is not in this account | no |
| HTTP 422 (\`ValidationError\` with its fields), 400 | "refused (HTTP 422, ValidationError: …)" | no |
| HTTP 429 | rate limited (waits for \`Retry-After\` when short) | yes |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "dynv6"
type = "dynv6"
token_env = "DYNV6_TOKEN"   # or token = "…" / token_file = "dynv6.token"

[[record]]
provider = "dynv6"
name = "myhome.dynv6.net"
type = "A"

[[record]]
provider = "dynv6"
name = "nas.myhome.dynv6.net"
type = "AAAA"`,
};
