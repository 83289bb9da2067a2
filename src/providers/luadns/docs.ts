import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary: 'LuaDNS through its REST API. ddns needs the account email and an **API key** (LuaDNS → Account → API Keys, with the API enabled); the zone must be in LuaDNS.',
  endpoint: 'https://api.luadns.com/v1',
  providerKeys: [
    { key: 'email', required: true, text: 'the account email (the Basic user name).' },
    { key: 'api_key', required: true, text: 'the API key (the Basic password).' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's zones are listed once per run and the deepest one that ends the name is used.",
    ttl: 'seconds; absent: 300 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The zones are listed once per run (\`GET /zones\`), the zone's records are listed (\`GET /zones/{id}/records\`),
then the record is created (\`POST /zones/{id}/records\`) or replaced (\`PUT /zones/{id}/records/{id}\`), with
the absolute name and a trailing dot. LuaDNS has no record options ddns needs: there are no \`[[record]]\` keys.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "LuaDNS rejected the credentials …; check email and api_key" | no |
| HTTP 404 | not found: the zone is not in this account | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| other 4xx | "… refused" with LuaDNS's answer | no |`,
  example: `[[provider]]
name = "luadns"
type = "luadns"
email = "me@example.com"
api_key_env = "LUADNS_API_KEY"    # or api_key = "…" / api_key_file = "luadns.key"

[[record]]
provider = "luadns"
name = "home.example.com"
type = "A"`,
};
