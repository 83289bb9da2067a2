import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Any HTTP API ddns does not support yet (a router, your own service, a DNS host with an update URL): one request per change, ' +
    'built from the `url`, `method`, `headers` and `body` you write, with `{name}`, `{type}`, `{ip}` and `{old_ip}` filled in. ' +
    'Whatever credential the API wants goes in the url or a header.',
  endpoint: 'the scheme, host and port of url',
  providerKeys: [
    {
      key: 'url',
      required: true,
      text: '`http(s)://…`, may use the variables; the whole URL is treated as a secret (webhook URLs carry their key in the path as often as in the query) and masked in logs.',
    },
    { key: 'method', default: '`POST`', text: '`GET`, `POST` or `PUT`, in any case. `GET` sends no body: put the variables in `url`.' },
    { key: 'headers', text: 'a table of strings, e.g. `headers = { Authorization = "Bearer …" }`; every value is treated as a secret.' },
    {
      key: 'body',
      default: '`{"name":"{name}","type":"{type}","ip":"{ip}","old_ip":"{old_ip}"}`',
      text: 'the body template for `POST`/`PUT`.',
    },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### Variables
\`{name}\` (the record's name), \`{type}\` (\`A\` or \`AAAA\`), \`{ip}\` (the new address) and \`{old_ip}\` (the
address the API last confirmed; empty on the first call). An unknown variable is a config error
rather than being sent as written. Values are percent-encoded in the url, so an IPv6 \`:\` cannot
change its structure, and escaped for the body as in notifications: JSON-escaped in a JSON body
(a \`Content-Type\` of \`application/json\` or \`…+json\`, or none and a body that, variables aside,
starts with \`{\` or \`[\`), percent-encoded in an \`application/x-www-form-urlencoded\` body, as written
in any other (so \`body = "{name} changed"\` is sent as \`text/plain\`). A body without a
\`Content-Type\` header gets one.

### Answers
| answer | what ddns does |
|---|---|
| any 2xx | success, whatever the body: every API answers differently, so the status is the only confirmation ddns reads |
| 429, 5xx, network errors | retried within the run (\`Retry-After\` honoured) |
| 3xx | fails: "redirected; put the address it moved to in url" |
| 401, 403 | fails: "refused the credentials; check headers and url" |
| other 4xx | fails naming the status and the start of the body |

Errors name the webhook by its host only: its path and query may hold its key.

### Never resent
The API cannot be read back, so the state file is ddns's only memory of what it holds. ddns calls
the webhook **only when the detected address differs from the one it last confirmed** (or with
\`--force\`); \`recheck\` does not apply.

### endpoint
\`endpoint\` (a proxy, a test receiver) replaces the scheme, host and port of \`url\`; a path in it goes
before the url's path, and the url's own path and query stay.`,
  example: `[[provider]]
name = "router-api"
type = "webhook"
url = "https://dns-api.example.net/v1/records/{name}"   # secret as a whole, masked in logs
method = "PUT"                        # GET | POST | PUT (default POST)
body = '{"type": "{type}", "content": "{ip}", "previous": "{old_ip}"}'   # JSON: Content-Type set for you
headers = { Authorization = "Bearer replace-with-your-api-token" }      # every value is a secret

[[record]]
provider = "router-api"
name = "home.example.com"
type = "A"

[[provider]]
name = "simple"
type = "webhook"
method = "GET"
# A url holding its key is better kept out of this file: url_env (or url_file) gives it, e.g.
# SIMPLE_DDNS_URL="https://update.example.org/?host={name}&addr={ip}&key=…"
url_env = "SIMPLE_DDNS_URL"

[[record]]
provider = "simple"
name = "nas.example.com"
type = "A"`,
};
