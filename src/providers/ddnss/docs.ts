import type { ProviderDocs } from '../docs-types.js';
import { neverResentNotes, RETRIED_AND_UNKNOWN_ROWS } from '../update-url-docs.js';

export const docs: ProviderDocs = {
  summary:
    'DDNSS (ddnss.de), free dynamic host names under ddnss.de and other domains of the service, and own domains hosted there. ddns ' +
    'needs the account\'s **update key**, shown in the ddnss.de account once signed in; the host names must be created there first.',
  endpoint: 'https://ddnss.de',
  providerKeys: [
    {
      key: 'key',
      required: true,
      text: 'the update key of your ddnss.de account; it travels in the query string, so it is masked in every log line (and may not hold spaces or control characters).',
    },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### How it works
Each record is one \`GET https://ddnss.de/upd.php?key=…&host=<name>&ip=<IPv4>\`; an AAAA record sends
\`ip6=<IPv6>\` instead of \`ip\`. One key serves every host of the account.

### Answers
DDNSS answers an HTML page; ddns reads the words in it.

| answer | what ddns does |
|---|---|
| \`Updated 1 hostname\`, \`good\` | success |
| \`No change\`, \`nochg\` | success (noted at debug level) |
| \`badauth\` | auth error: the record is **held** until its settings change (or \`--force\`) |
| \`notfqdn\`, \`nohost\` | not-found: the host is not in the account; held |
| \`badsys\`, \`abuse\` | held |
${RETRIED_AND_UNKNOWN_ROWS}

${neverResentNotes('DDNSS')}`,
  example: `[[provider]]
name = "ddnss"
type = "ddnss"
# The update key of your ddnss.de account. Give it one of three ways:
#   key = "…"                          the value itself (keep this file private)
#   key_env = "DDNSS_KEY"              an environment variable holding it
#   key_file = "ddnss.key"             a file holding it, relative to this file
key_env = "DDNSS_KEY"

[[record]]
provider = "ddnss"
name = "myhost.ddnss.de"
type = "A"                            # sent as ip=<IPv4>

[[record]]
provider = "ddnss"
name = "myhost.ddnss.de"
type = "AAAA"                         # sent as ip6=<IPv6>`,
};
