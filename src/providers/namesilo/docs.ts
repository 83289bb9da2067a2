import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'NameSilo (namesilo.com) through its API. ddns needs an **API key** from the NameSilo account (API Manager; sub-account keys are refused); the domain must be in that account and use NameSilo\'s name servers.',
  endpoint: 'https://www.namesilo.com/api',
  providerKeys: [{ key: 'api_key', required: true, text: 'the API key (API Manager).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's domains are listed once per run and the deepest one that ends the name is used.",
    ttl: 'seconds, 3600 to 2592001 (NameSilo refuses less; a lower ttl is raised to 3600 with a warning when the config loads); absent: 3600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
Every call is a GET with the key in the query (\`version=1&type=json\`). The account's domains are listed
once per run (\`listDomains\`); the domain's records are listed (\`dnsListRecords\`) and the record is
created with \`dnsAddRecord\` or changed with \`dnsUpdateRecord\`. NameSilo has no record options ddns would set.

### Errors
NameSilo answers HTTP 200 with a code in the reply; 300 is success.

| code | what ddns says | retried |
|---|---|---|
| 110, 112, 113 | "NameSilo rejected the API key …; check api_key" (invalid, a sub-account, or not allowed from this IP) | no |
| 200 | the domain is not active or not in the account | no |
| 201 | server error | yes |
| any other code | "refused: <detail> (code N)" | no |`,
  example: `[[provider]]
name = "namesilo"
type = "namesilo"
api_key_env = "NAMESILO_API_KEY"   # or api_key = "…" / api_key_file = "namesilo.key"

[[record]]
provider = "namesilo"
name = "home.example.com"
type = "A"

[[record]]
provider = "namesilo"
name = "home.example.com"
type = "AAAA"
ttl = 3600`,
};
