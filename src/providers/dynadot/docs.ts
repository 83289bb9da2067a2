import type { ProviderDocs } from '../docs-types.js';
import { neverResentNotes, RETRIED_AND_UNKNOWN_ROWS } from '../update-url-docs.js';

export const docs: ProviderDocs = {
  summary:
    'Dynadot DDNS (www.dynadot.com/set_ddns), for domains using Dynadot\'s DNS. ddns needs the domain and its **DDNS password**, ' +
    'generated in the domain\'s DNS settings at Dynadot (it is not the account password or an API key).',
  endpoint: 'https://www.dynadot.com',
  providerKeys: [
    { key: 'domain', required: true, text: 'the domain at Dynadot (e.g. `example.com`); every record of this provider must be the domain itself or a name below it.' },
    {
      key: 'password',
      required: true,
      text: 'the DDNS password from the domain\'s DNS settings; it travels in the query string, so it is masked in every log line (and may not hold spaces or control characters).',
    },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'no effect: `domain` in the `[[provider]]` names the domain.',
    ttl: 'sent with every update (`ttl=`); default 300 seconds.',
  },
  notes: `### How it works
Each record is one \`GET https://www.dynadot.com/set_ddns?domain=<domain>&subDomain=<host>&type=A&ip=<IPv4>&pwd=…&ttl=<ttl>&containRoot=false\`
(\`type=AAAA\` for an AAAA record). For the domain itself ddns leaves \`subDomain\` out and sends
\`containRoot=true\`; for a name below it \`containRoot=false\`, so the apex is left as it is. A
\`[[provider]]\` covers one domain; add one per domain.

### Answers
Dynadot answers JSON: \`error_code\` -1 is a refusal whose \`content\` says why; anything else is done.

| answer | what ddns does |
|---|---|
| \`error_code\` other than -1 | success |
| -1, the reason names the password | auth error: the record is **held** until its settings change (or \`--force\`) |
| -1, the reason names the domain | not-found: check \`domain\`; held |
| -1, any other reason | config error quoting Dynadot's text; held |
${RETRIED_AND_UNKNOWN_ROWS}

${neverResentNotes('Dynadot', 'The DDNS URL')}`,
  example: `[[provider]]
name = "dynadot"
type = "dynadot"
domain = "example.com"
# The DDNS password from the domain's DNS settings. Give it one of three ways:
#   password = "…"                         the value itself (keep this file private)
#   password_env = "DYNADOT_DDNS_PASSWORD"   an environment variable holding it
#   password_file = "dynadot.password"     a file holding it, relative to this file
password_env = "DYNADOT_DDNS_PASSWORD"

[[record]]
provider = "dynadot"
name = "home.example.com"             # sent as domain=example.com&subDomain=home
type = "A"
ttl = 300

[[record]]
provider = "dynadot"
name = "home.example.com"
type = "AAAA"`,
};
