import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'OVHcloud DNS zones through the OVHcloud API v1, with requests signed by an **application key**, its **application secret** and a **consumer key** (create the application at `https://eu.api.ovh.com/createApp/` — `ca.api.ovh.com` or `api.us.ovhcloud.com` for the other regions — and a consumer key with the rules `GET /domain/zone` and `GET`, `POST`, `PUT` on `/domain/zone/*`, e.g. at `https://eu.api.ovh.com/createToken/`). This type uses the API, not OVHcloud\'s DynHost logins.',
  endpoint: 'https://eu.api.ovh.com/1.0',
  providerKeys: [
    { key: 'application_key', required: true, text: 'the application key (AK).' },
    { key: 'application_secret', required: true, text: 'the application secret (AS).' },
    { key: 'consumer_key', required: true, text: 'the consumer key (CK) with the rules above.' },
    { key: 'region', default: '"ovh-eu"', text: 'the API region of the account: `"ovh-eu"` (eu.api.ovh.com), `"ovh-ca"` (ca.api.ovh.com) or `"ovh-us"` (api.us.ovhcloud.com); `endpoint` overrides it.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's zones are listed once per run (`GET /domain/zone`) and the deepest one that ends the name is used.",
    ttl: "seconds; absent: 0 on create (the zone's default TTL), and the record keeps its ttl on update.",
  },
  notes: `### How it works
Every call but the clock is signed: \`X-Ovh-Signature\` is \`$1$\` and the SHA-1 of the application secret, the
consumer key, the method, the full URL, the body and the timestamp joined by \`+\`. The timestamp is OVHcloud's
own: ddns reads \`GET /auth/time\` once per run and signs with the server's clock. OVHcloud does not publish how
far a timestamp may stray (ddns assumes the 30 s under Limits); since the request time is OVHcloud's, a wrong clock
on this machine does not get the signature refused, and \`ddns doctor\`'s clock warning is only a hint here. The zones are listed once per run; the record is looked up by
\`fieldType\` and \`subDomain\` (relative to the zone, empty for the apex; ids only, each record then read; the
filter matches like SQL LIKE, so ddns keeps only the exact name) and created with
\`POST /domain/zone/{zone}/record\` or changed in place with \`PUT /domain/zone/{zone}/record/{id}\` (read back to
confirm). After each change ddns calls \`POST /domain/zone/{zone}/refresh\`, without which OVHcloud does not publish
the zone; a refresh that failed is called again before the zone is next read in the same run (the retry).

### Record options
None: ddns writes only the target and the ttl of an OVHcloud record.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 400 \`INVALID_SIGNATURE\` | "OVHcloud refused the request signature …: check application_secret and consumer_key" | no |
| HTTP 403 "This call has not been granted" | "OVHcloud refused the call …: the consumer key lacks the rule …" | no |
| HTTP 403 \`INVALID_CREDENTIAL\`, \`INVALID_KEY\`, \`NOT_CREDENTIAL\` | "OVHcloud rejected the API credentials …" | no |
| HTTP 404 | not found: the zone is not in this account or region | no |
| HTTP 400 \`Client::BadRequest\` | "refused (HTTP 400, Client::BadRequest: …)" | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |

Messages quote OVHcloud's \`X-Ovh-Queryid\` for support requests.`,
  example: `[[provider]]
name = "ovh"
type = "ovh"
application_key = "your-application-key"
application_secret_env = "OVH_APPLICATION_SECRET"   # or application_secret = "…" / application_secret_file = "ovh.secret"
consumer_key_env = "OVH_CONSUMER_KEY"
# region = "ovh-ca"

[[record]]
provider = "ovh"
name = "home.example.com"
type = "A"

[[record]]
provider = "ovh"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
