import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'A self-hosted PowerDNS Authoritative server through its HTTP API. The server needs `api=yes`, an `api-key`, and its webserver reachable from this machine (`webserver=yes`, `webserver-address`, `webserver-allow-from`); the zone must exist on it.',
  endpoint: 'none: `server` names your server, such as `http://127.0.0.1:8081` (`endpoint`, when set, replaces it)',
  providerKeys: [
    { key: 'server', required: true, text: 'the server\'s webserver URL, `http(s)://host:port` (its `webserver-address` and `webserver-port`; a trailing `/api/v1` is accepted).' },
    { key: 'api_key', required: true, text: 'the server\'s `api-key`.' },
    { key: 'server_id', default: '`localhost`', text: 'the server id in the API path (`/api/v1/servers/<server_id>`).' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the server\'s zones are listed once per run and the deepest one that ends the name is used.',
    ttl: 'seconds; absent: 300 for a new RRset, and the RRset keeps its ttl on update.',
  },
  notes: `### How it works
The server's zones are listed once per run (\`GET /api/v1/servers/{server_id}/zones\`); the record's RRset is
read with \`GET …/zones/{zone}?rrset_name=…&rrset_type=…\` (servers before 4.9 ignore the filters and answer
the whole zone, which ddns then filters) and written with \`PATCH …/zones/{zone}\`, changetype \`REPLACE\`: the
RRset of the name and type then holds exactly the one address, so an RRset of several addresses becomes
one. Disabled records are not counted as the record's address. There are no provider-specific record
options. PowerDNS also takes RFC 2136 updates; the \`rfc2136\` provider covers a server with \`dnsupdate=yes\`.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "PowerDNS rejected the API key …; check api_key" | no |
| HTTP 404 | not found; check server and server_id | no |
| HTTP 422 / other 4xx | "refused: <error>" | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "pdns"
type = "powerdns"
server = "http://127.0.0.1:8081"         # the server's webserver-address and webserver-port
api_key_env = "PDNS_API_KEY"             # or api_key = "…" / api_key_file = "pdns.key"

[[record]]
provider = "pdns"
name = "home.example.com"
type = "A"

[[record]]
provider = "pdns"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
