import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Scaleway (scaleway.com) through its Domains and DNS API. ddns needs the **secret key** of an IAM API key (Scaleway console → IAM → API keys) whose user or application has DomainsDNSFullAccess on the zone\'s project.',
  endpoint: 'https://api.scaleway.com',
  providerKeys: [{ key: 'secret_key', required: true, text: 'the API key\'s secret key (a UUID; the access key "SCW…" is not needed).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: otherwise the organization\'s DNS zones are listed once per run (100 per page) and the deepest one that ends the name is used (a sub-zone such as `dev.example.com` wins over `example.com`).',
    ttl: 'seconds; absent: 3600 on create, and the record keeps its ttl on update.',
  },
  notes: `### How it works
The DNS zones are listed once per run (\`GET /domain/v2beta1/dns-zones\`, every page); the zone's records of
the type are listed (\`GET /domain/v2beta1/dns-zones/{zone}/records?type=A\`, every page) and matched by name.
A record is created with \`PATCH /domain/v2beta1/dns-zones/{zone}/records\` and an \`add\` change, or replaced
by its id with a \`set\` change; ddns always sends \`disallow_new_zone_creation: true\`, so a wrong zone is
refused instead of created. When the PATCH answer does not show the record, ddns reads the records again
to confirm it. Scaleway has no provider-specific record options that a dynamic-DNS record needs, so
\`[[record]]\` takes none.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 \`denied_authentication\` | "Scaleway rejected the secret key …; check secret_key" | no |
| HTTP 403 \`permissions_denied\` | "Scaleway denied … ; give the API key … DomainsDNSFullAccess" | no |
| HTTP 404 \`not_found\` | not found (zone or record) | no |
| HTTP 429 | rate limited (honours Retry-After) | yes |
| HTTP 5xx | server error | yes |
| HTTP 400 \`invalid_arguments\` or other | "refused (HTTP 400 invalid_arguments: <message>; <argument>: <help>)" | no |`,
  example: `[[provider]]
name = "scaleway"
type = "scaleway"
secret_key_env = "SCW_SECRET_KEY"    # or secret_key = "…" / secret_key_file = "scaleway.key"

[[record]]
provider = "scaleway"
name = "home.example.com"
type = "A"

[[record]]
provider = "scaleway"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
