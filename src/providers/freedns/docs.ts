import type { ProviderDocs } from '../docs-types.js';
import { neverResentNotes, RETRIED_AND_UNKNOWN_ROWS } from '../update-url-docs.js';

export const docs: ProviderDocs = {
  summary:
    'FreeDNS (freedns.afraid.org), free sub-domains of shared domains and own domains. Each dynamic entry on the **Dynamic DNS** page ' +
    'has its own update URL, `https://freedns.afraid.org/dynamic/update.php?<token>`: ddns needs the **token** of the host\'s A entry, ' +
    'and for IPv6 the token of its AAAA entry. Create the entries (type A, type AAAA) on freedns.afraid.org first.',
  endpoint: 'https://freedns.afraid.org',
  providerKeys: [
    {
      key: 'token',
      text: 'the update token of the host\'s **A** entry (the part after `?` of its update URL); needed for an A record. It travels in the query string, so it is masked in every log line.',
    },
    {
      key: 'ipv6_token',
      text: 'the update token of the host\'s **AAAA** entry; needed for an AAAA record. Set `token`, `ipv6_token` or both.',
    },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### How it works
Each record is one \`GET https://freedns.afraid.org/dynamic/update.php?<token>&address=<ip>\`, with
\`token\` for an A record and \`ipv6_token\` for an AAAA record: a FreeDNS entry is one record of one type,
and its token updates only that entry. A \`[[provider]]\` therefore serves one host name; add one per host.

### Answers
| answer | what ddns does |
|---|---|
| \`Updated 1 host(s) …\` | success |
| \`ERROR: Address … has not changed.\`, \`No IP change detected …\` | success (noted at debug level) |
| \`ERROR: Unable to locate this record …\` | auth error: the token is wrong or the entry is gone; the record is **held** until its settings change (or \`--force\`) |
| any other \`ERROR: …\` | config error quoting FreeDNS's text; held |
${RETRIED_AND_UNKNOWN_ROWS}

${neverResentNotes('FreeDNS')}`,
  example: `[[provider]]
name = "freedns-home"
type = "freedns"
# The tokens of the host's A and AAAA entries (from their update URLs on the Dynamic DNS page).
# Give each one of three ways: token = "…", token_env = "VARIABLE" or token_file = "file".
token_env = "FREEDNS_HOME_TOKEN"
ipv6_token_env = "FREEDNS_HOME_IPV6_TOKEN"

[[record]]
provider = "freedns-home"
name = "home.mooo.com"
type = "A"                            # sent with token

[[record]]
provider = "freedns-home"
name = "home.mooo.com"
type = "AAAA"                         # sent with ipv6_token`,
};
