import type { ProviderDocs } from '../docs-types.js';
import { neverResentNotes, RETRIED_AND_UNKNOWN_ROWS } from '../update-url-docs.js';

export const docs: ProviderDocs = {
  summary:
    'Njalla (njal.la) dynamic records. In the Njalla panel, add the host to the domain as a record of type **Dynamic**; the panel then ' +
    'shows that record\'s **key**, which is all ddns needs. The key belongs to one host name and sets both its IPv4 and its IPv6.',
  endpoint: 'https://njal.la',
  providerKeys: [
    {
      key: 'key',
      required: true,
      text: 'the key of the Dynamic record, from the Njalla panel; it travels in the query string, so it is masked in every log line (and may not hold spaces or control characters).',
    },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### How it works
Each record is one \`GET https://njal.la/update/?h=<name>&k=…&a=<IPv4>\`; an AAAA record sends
\`aaaa=<IPv6>\` instead of \`a\`. The key is per host name, so a \`[[provider]]\` serves one host (its A and
AAAA records); add one \`[[provider]]\` per Dynamic record.

### Answers
| answer | what ddns does |
|---|---|
| \`{"message": "record updated", …}\` | success; a \`value\` other than the address sent earns a warning |
| \`invalid host or key\` (or HTTP 401/403) | auth error: the record is **held** until its settings change (or \`--force\`) |
| \`invalid data\` | config error: Njalla refused the address; held |
${RETRIED_AND_UNKNOWN_ROWS}

${neverResentNotes('Njalla')}`,
  example: `[[provider]]
name = "njalla-home"
type = "njalla"
# The Dynamic record's key from the Njalla panel. Give it one of three ways:
#   key = "…"                          the value itself (keep this file private)
#   key_env = "NJALLA_HOME_KEY"        an environment variable holding it
#   key_file = "njalla-home.key"       a file holding it, relative to this file
key_env = "NJALLA_HOME_KEY"

[[record]]
provider = "njalla-home"
name = "home.example.com"             # the Dynamic record's host name
type = "A"                            # sent as a=<IPv4>

[[record]]
provider = "njalla-home"
name = "home.example.com"
type = "AAAA"                         # sent as aaaa=<IPv6>`,
};
