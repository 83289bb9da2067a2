import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Hetzner DNS through the **Hetzner Cloud API** (api.hetzner.cloud), where Hetzner DNS zones live now. ddns needs a Cloud **project API token** with Read & Write permission (Hetzner Console → project → Security → API tokens). The old DNS Console API (dns.hetzner.com, `Auth-API-Token`) has been shut down: its tokens do not work.',
  endpoint: 'https://api.hetzner.cloud/v1',
  providerKeys: [{ key: 'api_token', required: true, text: 'the Cloud project API token (Read & Write).' }],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the project's zones are listed once per run (50 per page) and the deepest one that ends the name is used.",
    ttl: "seconds; absent: the zone's default TTL on create, and the record keeps its ttl on update.",
  },
  notes: `### How it works
Hetzner keeps records as RRSets (one name and type, any number of values). The project's zones are
listed once per run (\`GET /zones\`); the RRSet is read by name and type
(\`GET /zones/{zone}/rrsets/{name}/{type}\`, \`@\` for the apex), created with \`POST /zones/{zone}/rrsets\`
or overwritten with the \`set_records\` action (and \`change_ttl\` when the config's ttl differs). An RRSet
holding several values is set to the detected address alone. Hetzner has no record options ddns would set.

### Asynchronous actions
Every change answers an *action*; ddns reads it (\`GET /zones/actions/{id}\`, up to 10 times, waiting a
little longer each time) until it is \`success\`. An action that ends in \`error\` fails the record with
Hetzner's message; one still running after the last check is a retryable error.

### Rate limit
Hetzner allows 3600 requests per hour per project (one per second refills the bucket), so ddns sends
at most one request per second; a 429 waits until \`RateLimit-Reset\`.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401 / 403 | "Hetzner rejected the API token …; check api_token" (a read-only token is 403) | no |
| HTTP 429 \`rate_limit_exceeded\` | rate limited | yes |
| HTTP 5xx | server error | yes |
| action \`error\` | "action set_records failed: <message> (<code>)" | no |
| HTTP 422 \`incorrect_zone_mode\` | the zone is secondary: its records are changed at its primary | no |
| any other error | "refused: <message> (<code>, HTTP N)" | no |`,
  example: `[[provider]]
name = "hetzner"
type = "hetzner"
api_token_env = "HETZNER_API_TOKEN"   # or api_token = "…" / api_token_file = "hetzner.token"

[[record]]
provider = "hetzner"
name = "home.example.com"
type = "A"

[[record]]
provider = "hetzner"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
