import type { ProviderDocs } from '../docs-types.js';
import { neverResentNotes, RETRIED_AND_UNKNOWN_ROWS } from '../update-url-docs.js';

export const docs: ProviderDocs = {
  summary:
    'Namecheap Dynamic DNS (dynamicdns.park-your-domain.com), for domains using Namecheap\'s BasicDNS or PremiumDNS. ddns needs the ' +
    'domain\'s **Dynamic DNS password**: in Domain List → Manage → Advanced DNS, turn Dynamic DNS on and copy the password shown there ' +
    '(it is not the account password or an API key). Each host must exist first as an "A + Dynamic DNS Record" under Host Records. ' +
    '**IPv4 only**: Namecheap cannot update AAAA records this way, so an AAAA record for this type is a config error.',
  endpoint: 'https://dynamicdns.park-your-domain.com',
  providerKeys: [
    { key: 'domain', required: true, text: 'the domain at Namecheap (e.g. `example.com`); every record of this provider must be the domain itself or a name below it.' },
    {
      key: 'password',
      required: true,
      text: 'the domain\'s Dynamic DNS password from Advanced DNS; it travels in the query string, so it is masked in every log line (and may not hold spaces or control characters).',
    },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### How it works
Each record is one \`GET https://dynamicdns.park-your-domain.com/update?host=<host>&domain=<domain>&password=…&ip=<IPv4>\`,
where \`host\` is the record's name relative to \`domain\` (\`@\` for the domain itself). A \`[[provider]]\`
covers one domain (the password is per domain); add one per domain. Only \`type = "A"\` records are
accepted: "It is only possible to dynamically update IPv4 addresses (A records)". The TTL is the one
set on the host record in the panel.

### Answers
Namecheap answers HTTP 200 with XML; \`<ErrCount>0</ErrCount>\` means done, otherwise \`<Err1>\` says why.

| answer | what ddns does |
|---|---|
| \`ErrCount\` 0 | success; an \`<IP>\` other than the address sent earns a warning |
| \`Passwords do not match\` | auth error: the record is **held** until its settings change (or \`--force\`) |
| \`No Records updated. A record not Found;\` | not-found: add the host as an A + Dynamic DNS record; held |
| \`Domain name not found\` | not-found: the domain is not in the account, or Dynamic DNS is off; held |
| any other error | config error quoting Namecheap's text; held |
${RETRIED_AND_UNKNOWN_ROWS}

${neverResentNotes('Namecheap')}`,
  example: `[[provider]]
name = "namecheap"
type = "namecheap"
domain = "example.com"
# The Dynamic DNS password from Advanced DNS. Give it one of three ways:
#   password = "…"                          the value itself (keep this file private)
#   password_env = "NAMECHEAP_DDNS_PASSWORD"  an environment variable holding it
#   password_file = "namecheap.password"    a file holding it, relative to this file
password_env = "NAMECHEAP_DDNS_PASSWORD"

[[record]]
provider = "namecheap"
name = "home.example.com"             # sent as host=home&domain=example.com
type = "A"                            # IPv4 only: Namecheap cannot update AAAA records this way

[[record]]
provider = "namecheap"
name = "example.com"                  # the domain itself: host=@
type = "A"`,
};
