import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'netcup (netcup.com) through its CCP DNS API, for domains on netcup\'s nameservers. ddns needs the **customer number**, an **API key** and the **API password**, all from the netcup CCP (Master Data → API).',
  endpoint: 'https://ccp.netcup.net',
  providerKeys: [
    { key: 'customer_number', required: true, text: 'the netcup customer number (shown next to your name in the CCP); a number or a string of digits.' },
    { key: 'api_key', required: true, text: 'an API key (CCP → Master Data → API → Create API key).' },
    { key: 'api_password', required: true, text: 'the API password (CCP → Master Data → API → Generate API password; shown once).' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: the netcup domain ("example.com"). Otherwise ddns asks netcup (`infoDnsZone`) for the name\'s parents, deepest first, once per run, and uses the first one netcup serves.',
    ttl: 'not sent: a netcup zone has one TTL for all its records, set in the CCP (Domains → DNS); a record\'s `ttl` is ignored with a warning.',
  },
  notes: `### How it works
Every request is a JSON \`POST\` to \`/run/webservice/servers/endpoint.php?JSON\`. ddns logs in once per run
(\`login\`) and uses that session for every record; when netcup answers that the session is no longer valid
(4001), it logs in again once. ddns has no end-of-run step, so it does not call \`logout\`: the session expires
on its own. The zone's records are read with \`infoDnsRecords\`, and one record is created (no id) or updated
in place (its id) with \`updateDnsRecords\`, which sends only that record. netcup has no provider-specific
record options that a dynamic-DNS record needs, so \`[[record]]\` takes none.

netcup allows 180 requests per minute; ddns paces its requests to 3 per second.

### Errors
netcup answers HTTP 200 with \`status\` and \`statuscode\` in the body.

| answer | what ddns says | retried |
|---|---|---|
| \`login\` refused (any code; a wrong API key is answered "More than 180 requests per minute") | "netcup rejected the credentials …; check customer_number, api_key and api_password" | no |
| 4001 again after a fresh login | the same | no |
| "More than 180 requests per minute" after login | rate limited | yes |
| 5028 "… could not be found" | "netcup serves no such zone …" | no |
| 5029 on \`infoDnsRecords\` | an empty zone (the record is created) | — |
| 4013 "Validation Error." or other | "refused (<code>: <message>)" | no |
| HTTP 429 / 5xx without the envelope | rate limited / server error | yes |`,
  example: `[[provider]]
name = "netcup"
type = "netcup"
customer_number = "123456"                 # CCP, next to your name
api_key_env = "NETCUP_API_KEY"             # or api_key = "…" / api_key_file = "netcup.key"
api_password_env = "NETCUP_API_PASSWORD"   # CCP → Master Data → API

[[record]]
provider = "netcup"
name = "home.example.com"
type = "A"

[[record]]
provider = "netcup"
name = "home.example.com"
type = "AAAA"
zone = "example.com"`,
};
