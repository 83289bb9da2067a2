import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Google Cloud DNS through the **Cloud DNS API v1** (dns.googleapis.com), signed in as a **service account** with its JSON key. ddns needs a service account (IAM & Admin → Service accounts → Create) with the **DNS Administrator** role (`roles/dns.admin`) in the project holding the managed zones, and a JSON key of it (the account → Keys → Add key → JSON); the Cloud DNS API must be enabled in the project.',
  endpoint: 'https://dns.googleapis.com',
  providerKeys: [
    {
      key: 'key',
      required: true,
      text: 'the service account\'s JSON key, as the console downloads it: usually `key_file = "…json"` (its path, relative to this file), or `key_env` naming a variable that holds the JSON. ddns reads `client_email`, `private_key`, `token_uri` and `project_id` from it.',
    },
    { key: 'project', text: 'the project ID holding the managed zones.', default: "the key's `project_id`" },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: the zone's DNS name (`example.com`, not the managed zone's name); otherwise the project's managed zones are listed once per run (100 per page) and the deepest one that ends the name is used (a public zone before a private one of the same name).",
    ttl: 'seconds; absent: 300 on create, and the record set keeps its TTL on update.',
  },
  notes: `### How it works
On its first request of a run ddns signs a JWT with the key's private key (RS256; \`iss\` the account's
\`client_email\`, \`scope\` \`https://www.googleapis.com/auth/ndev.clouddns.readwrite\`, \`aud\` the key's
\`token_uri\`, valid for an hour) and exchanges it at \`token_uri\` (\`https://oauth2.googleapis.com/token\`)
for an access token. The token is kept in memory for the run only (never written to disk) and sent as
\`Authorization: Bearer\`. The project's managed zones are listed once per run
(\`GET /dns/v1/projects/{project}/managedZones\`, every page by \`nextPageToken\`; a configured \`zone\` is
asked for by \`dnsName\`); the record set is read with \`GET …/managedZones/{zone}/rrsets?name=…&type=…\`,
created with \`POST …/rrsets\` or changed with \`PATCH …/rrsets/{name}/{type}\`. Cloud DNS keeps records as
record sets (one name and type, any number of addresses): a set holding several is set to the detected
address alone (with a warning).

The key file's path may appear in messages, its content never. \`endpoint\` (tests, a proxy) replaces
\`https://dns.googleapis.com\` and the token endpoint: the token is then asked of \`{endpoint}/token\` (the
JWT's \`aud\` stays the key's \`token_uri\`).

### Record options
None: Cloud DNS A and AAAA record sets have no options beyond the addresses and the TTL.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| token \`invalid_grant\` (Invalid JWT Signature) | the key was deleted or disabled: create a new JSON key, update key_file | no |
| token \`invalid_grant\` (account not found) | the service account no longer exists | no |
| token \`invalid_grant\` (iat/exp, "reasonable timeframe") | clock skew: set this machine's clock right | no |
| HTTP 401 (\`authError\`) | Cloud DNS rejected the access token | no |
| HTTP 403 \`forbidden\` | the account may not do this: give it roles/dns.admin, or check project | no |
| HTTP 403 \`accessNotConfigured\` | the Cloud DNS API is not enabled in the project | no |
| HTTP 404 \`notFound\` | not found: check project and the zone | no |
| HTTP 409 \`alreadyExists\` on a create | a retried create that had succeeded: counts as done when the set holds the address | no |
| HTTP 429 (\`rateLimitExceeded\`) | rate limited (waits for \`Retry-After\`) | yes |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "gcloud"
type = "gcloud"
# The service account's JSON key: key_file = "ddns-service-account.json" (relative to this file),
# or key_env naming an environment variable that holds the JSON.
key_env = "GOOGLE_DNS_KEY"
# project = "my-project"   # default: the key's project_id

[[record]]
provider = "gcloud"
name = "home.example.com"
type = "A"

[[record]]
provider = "gcloud"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
