import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Porkbun (porkbun.com) through its API v3. ddns needs an **API key** and **secret API key** (porkbun.com/account/api), and **API ACCESS** switched on for the domain in Domain Management; the domain must be in that account.',
  endpoint: 'https://api.porkbun.com/api/json/v3',
  providerKeys: [
    { key: 'api_key', required: true, text: 'the API key (`pk1_…`).' },
    { key: 'secret_api_key', required: true, text: 'the secret API key (`sk1_…`).' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (`domain/listAll`, 1000 a call) and the deepest one that ends the name is used.",
    ttl: 'seconds, at least 600 (a lower ttl is raised to 600 with a warning when the config loads); absent: 600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
Every call is a JSON POST to \`https://api.porkbun.com/api/json/v3\` with \`apikey\` and \`secretapikey\` in the
body. The account's domains are listed once per run (\`domain/listAll\`); the record is read by name and
type (\`dns/retrieveByNameType/<domain>/<type>/<subdomain>\`), created with \`dns/create/<domain>\` or changed
in place, keeping its id, with \`dns/edit/<domain>/<id>\`. Porkbun has no record options ddns would set.

Porkbun publishes no rate limit for these calls; its support has told users one request a second per API key,
and over that the API answers HTTP 503. ddns sends at most one request a second to Porkbun, and retries a 503.

A new Porkbun domain carries a parking record, \`ALIAS @ → pixie.porkbun.com\` (and \`CNAME * → pixie.porkbun.com\`),
which keeps an A or AAAA record at the apex (or the wildcard) from being created: delete it in the Porkbun
console first. ddns never deletes records.

### Errors
Porkbun answers a failure with HTTP 400 and \`{"status":"ERROR","message":"…"}\`.

| message | what ddns says | retried |
|---|---|---|
| Invalid API key. (…) | "Porkbun rejected the API keys …; check api_key and secret_api_key" | no |
| Domain is not opted in to API access. | switch on API ACCESS for the domain (Domain Management → Details) | no |
| Invalid domain. | the domain is not in this account | no |
| anything else (e.g. "Edit error: …") | "refused: <message>" | no |
| HTTP 503 (an HTML page: too many requests) | server error | yes |`,
  example: `[[provider]]
name = "porkbun"
type = "porkbun"
api_key_env = "PORKBUN_API_KEY"                 # or api_key = "pk1_…" / api_key_file = "porkbun.key"
secret_api_key_env = "PORKBUN_SECRET_API_KEY"   # or secret_api_key = "sk1_…" / secret_api_key_file = "porkbun.secret"

[[record]]
provider = "porkbun"
name = "home.example.com"
type = "A"

[[record]]
provider = "porkbun"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
