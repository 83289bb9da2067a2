import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    "ClouDNS (cloudns.net) through its HTTP API. ddns needs an **API user** (its numeric auth-id and password) or an **API sub-user**, made under API & Resellers in the ClouDNS panel; the API is for paid plans only, and the zone must be a master zone in that account.",
  endpoint: 'https://api.cloudns.net',
  providerKeys: [
    { key: 'auth_id', text: 'the API user\'s id (auth-id). Set exactly one of `auth_id`, `sub_auth_id` and `sub_auth_user`.' },
    { key: 'sub_auth_id', text: 'an API sub-user\'s id (sub-auth-id), instead of `auth_id`.' },
    { key: 'sub_auth_user', text: 'an API sub-user\'s name (sub-auth-user), instead of `auth_id`.' },
    { key: 'auth_password', required: true, text: 'the password of that API user or sub-user.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: "optional: otherwise the account's zones are listed once per run (100 per page) and the deepest one that ends the name is used; with it, ddns asks for that zone alone (`search`).",
    ttl: 'seconds; ClouDNS accepts only 60, 300, 900, 1800, 3600, 21600, 43200, 86400, 172800, 259200, 604800, 1209600 and 2592000, and ddns sends the least of them not below the ttl; absent: 3600 on create, and the record keeps its ttl on update. Changing the ttl needs a Premium, DDoS or GeoDNS plan.',
  },
  notes: `### How it works
Every call is a form POST to \`https://api.cloudns.net/dns/<method>.json\` with the user's id and
\`auth-password\` as parameters (never in the URL). The zones are listed once per run (\`list-zones\`);
the record is listed by host and type (\`records\`, empty host for the apex), created with
\`add-record\` or changed in place, keeping its id, with \`mod-record\`. ClouDNS has no record options
ddns would set.

A ttl between ClouDNS's values (say 350) is written rounded up (900), and a record holding 900 counts as
current for that config, so it is not written again on every run.

ClouDNS allows 20 requests a second, 600 a minute and 36,000 an hour per IP address; ddns sends at most
10 a second.

The per-record "Dynamic URL" of free plans is not used: it cannot be read, and ddns needs the record API.

### Errors
ClouDNS answers HTTP 200 with \`{"status":"Failed","statusDescription":"…"}\`.

| statusDescription | what ddns says | retried |
|---|---|---|
| Invalid authentication … | "ClouDNS rejected the credentials …" naming the id key and \`auth_password\` (a wrong id or password, an IP not allowed for the API user, or a plan without API access) | no |
| Request blocked … more than 20 requests per second | rate limited | yes |
| Missing domain-name | the zone is not in the account (or not among the sub-user's zones) | no |
| Invalid record-id param. | the record was deleted meanwhile; the next run creates it | no |
| Invalid TTL … | check the ttl (the plan may not allow changing it) | no |
| anything else | "refused: <statusDescription>" | no |`,
  example: `[[provider]]
name = "cloudns"
type = "cloudns"
auth_id = "12345"                           # or sub_auth_id = "…" / sub_auth_user = "…"
auth_password_env = "CLOUDNS_AUTH_PASSWORD" # or auth_password = "…" / auth_password_file = "cloudns.password"

[[record]]
provider = "cloudns"
name = "home.example.com"
type = "A"

[[record]]
provider = "cloudns"
name = "home.example.com"
type = "AAAA"
ttl = 300`,
};
