import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'DuckDNS (duckdns.org), free sub-names under duckdns.org. ddns needs the account **token** shown at the top of duckdns.org once ' +
    'you are signed in; the sub-names must be added to the account there first.',
  endpoint: 'https://www.duckdns.org',
  providerKeys: [
    {
      key: 'token',
      required: true,
      text: 'the account token from duckdns.org; it travels in the query string, so it is masked in every log line (and may not hold spaces or control characters).',
    },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### Record names
A record's \`name\` is \`<sub-name>.duckdns.org\`, or just \`<sub-name>\` as duckdns.org writes it
(\`myhome\` means \`myhome.duckdns.org\`). Deeper names (\`www.myhome.duckdns.org\`) are refused: DuckDNS
answers them with the sub-name's address, so updating them would silently update \`myhome\`.

### How it works
Each record is one \`GET https://www.duckdns.org/update?domains=<sub>&token=…&ip=<v4>&verbose=true\`;
an AAAA record sends \`ipv6=<v6>\` instead of \`ip\`, which leaves the IPv4 as it is.

### Answers
| answer | what ddns does |
|---|---|
| \`OK\` (with \`UPDATED\` or \`NOCHANGE\`) | success; an address in the verbose answer other than the one sent earns a warning |
| \`KO\` | the token is wrong or the sub-name is not in the account (DuckDNS gives no reason): the record is **held** until its \`[[provider]]\` or \`[[record]]\` settings change (or \`--force\`); every run exits 4 and says why |
| HTTP 5xx, 429, network errors | retried within the run |
| anything else (an HTML page, an empty body) | fails as "not OK or KO; check endpoint" |

### Never resent; holds
DuckDNS cannot be read back, so the state file is ddns's only memory of what it holds. ddns sends an
update **only when the detected address differs from the one DuckDNS last confirmed** (or with
\`--force\`); \`recheck\` does not apply. A \`KO\` puts a **hold** on the record, kept in the state and
shown by \`ddns check\` and \`ddns status\`, until the settings change.`,
  example: `[[provider]]
name = "duck"
type = "duckdns"
# The token shown on duckdns.org once signed in. Give it one of three ways:
#   token = "…"                        the value itself (keep this file private)
#   token_env = "DUCKDNS_TOKEN"        an environment variable holding it
#   token_file = "duckdns.token"       a file holding it, relative to this file
token_env = "DUCKDNS_TOKEN"

[[record]]
provider = "duck"
name = "myhome.duckdns.org"           # or just "myhome"
type = "A"                            # sent as ip=<IPv4>

[[record]]
provider = "duck"
name = "myhome.duckdns.org"
type = "AAAA"                         # sent as ipv6=<IPv6>; the IPv4 is left as it is`,
};
