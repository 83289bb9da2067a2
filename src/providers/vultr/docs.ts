import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Vultr DNS through API v2. ddns needs a **personal access token** (Vultr console → Account → API) whose access control allows the address ddns runs from; the domain must be in Vultr DNS.',
  endpoint: 'https://api.vultr.com/v2',
  providerKeys: [{ key: 'api_key', required: true, text: 'the API key (sent as `Authorization: Bearer`).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run (500 per page) and the deepest one that ends the name is used.",
    ttl: 'seconds; absent: 300 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The account's domains are listed once per run (\`GET /domains\`, cursor paging through \`meta.links.next\`);
the domain's records are listed (\`GET /domains/{domain}/records\`, every page: the API has no name or type
filter), then the record is created with \`POST /domains/{domain}/records\` or updated with
\`PATCH /domains/{domain}/records/{id}\` (only \`data\`, and \`ttl\` when the config sets one), which answers 204
with no body, so the record is read back (\`GET /domains/{domain}/records/{id}\`) before it counts as set. The apex is
the record named \`""\`. Requests are paced to Vultr's published 30 per second. Vultr has no record
options ddns needs: there are no \`[[record]]\` keys.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403 | "Vultr rejected the API key …; check api_key … and that its access control allows this address" | no |
| HTTP 404 | not found: the domain is not in this account | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 | "Vultr refused …" with Vultr's \`error\` text | no |`,
  example: `[[provider]]
name = "vultr"
type = "vultr"
api_key_env = "VULTR_API_KEY"    # or api_key = "…" / api_key_file = "vultr.key"

[[record]]
provider = "vultr"
name = "home.example.com"
type = "A"

[[record]]
provider = "vultr"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
