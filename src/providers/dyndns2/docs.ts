import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'The dyndns2 update protocol (Dyn\'s `/nic/update`), spoken by No-IP, Dynu, Dyn, Hurricane Electric and many DNS hosts and routers. ' +
    'ddns needs the service\'s **server** (or a `preset` naming it) and the **user name and password** it gave for updates ' +
    '(for Hurricane Electric: the record\'s DDNS key, with the host name as the user name).',
  endpoint: 'https://<server>',
  providerKeys: [
    { key: 'preset', text: 'a service ddns knows by name: `dyn`, `noip`, `dynu` or `he` (see Presets); sets the server and how IPv6 is sent. `preset` or `server` is required.' },
    {
      key: 'server',
      text: 'the service\'s host (`members.dyndns.org`, `dyn.example.net:8245`; https is used) or an `http(s)://` URL without user, password, query or fragment; replaces the preset\'s server.',
    },
    { key: 'path', default: '`/nic/update`', text: 'the update path, appended to the server; starts with `/`, no `?` or `#`.' },
    { key: 'username', text: 'the account (or updater) name the service gave you; required, except with `preset = "he"`, where the host name is the user name.' },
    { key: 'password', required: true, text: 'the password, or for Hurricane Electric the record\'s DDNS key (so one `[[provider]]` per HE host).' },
    { key: 'user_agent', default: '`ddns ddns/<os>-<version>`', text: 'the whole User-Agent to send instead (a certified agent, or one with your contact address, as No-IP asks).' },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### How it works
Each record is one \`GET <server><path>?hostname=<name>&myip=<ip>\` with Basic authentication and the
User-Agent, one host name per request so that the answer line belongs to that record. An AAAA
address goes in \`myip\` as well, except for Dynu (\`myipv6=<v6>&myip=no\`: without \`myip=no\` Dynu
fills the IPv4 in from the connection).

### Answers
| answer | what ddns does |
|---|---|
| \`good\`, \`nochg\` | success; an address in the answer other than the one sent only earns a warning |
| \`badauth\`, \`!donator\`, \`notfqdn\`, \`nohost\`, \`numhost\`, \`abuse\`, \`badagent\`, \`!yours\`, \`!active\`, \`badsys\`, \`good 127.0.0.1\`, bare HTTP 401/403 | the record is **held**: nothing is sent for it until its \`[[provider]]\` or \`[[record]]\` settings change (or \`--force\`); every run exits 4 and says why |
| \`dnserr\`, \`911\`, \`servererror\` | held for 30 minutes, then tried again |
| HTTP 5xx, 429, network errors | retried within the run |
| a redirect | fails naming where it points (never its query): set \`server\` to it |
| anything else (an HTML page, an empty body) | fails as "not a dyndns2 return code; check server and path" |

The codes are read before the HTTP status: servers send them with 200, 401 or 5xx alike.

### Never resent; holds
The service cannot be read back, so the state file is ddns's only memory of what it holds. ddns
sends an update **only when the detected address differs from the one the service last confirmed**
(or with \`--force\`); \`recheck\` does not apply, because resending an unchanged address (\`nochg\`
again and again) is what dyndns2 services punish by blocking the host. A refusal that must not be
repeated puts a **hold** on the record, kept in the state and shown by \`ddns check\` and
\`ddns status\`, until the settings change or for the set time.

### User-Agent
No-IP asks for \`Company NameOfProgram/OSVersion-ReleaseVersion contact\` and may answer \`badagent\` to
agents it cannot tell apart; Dyn answers \`good 127.0.0.1\` when it ignored a request for its agent.
Set \`user_agent\` to one with your contact address if that happens.`,
  example: `[[provider]]
name = "own"
type = "dyndns2"
server = "dyn.example.net:8443"         # or preset = "noip" | "dynu" | "dyn" | "he" (see their pages)
path = "/nic/update"
username = "ann"
# Give the password one of three ways:
#   password = "…"                          the value itself (keep this file private)
#   password_env = "OWN_DYNDNS_PASSWORD"    an environment variable holding it
#   password_file = "own.password"          a file holding it, relative to this file
password_env = "OWN_DYNDNS_PASSWORD"
# user_agent = "Acme ddns/1.0 ops@example.com"   # replaces ddns's own User-Agent

[[record]]
provider = "own"
name = "nas.example.net"
type = "A"                              # sent as myip=<IPv4>

[[record]]
provider = "own"
name = "nas.example.net"
type = "AAAA"                           # sent as myip=<IPv6>: one update per record`,
  presets: {
    dyn: {
      summary:
        'Dyn (Oracle Dyn, members.dyndns.org), the service the protocol is named after. Use your Dyn user name and an **updater client key** ' +
        '(account settings) as the password rather than the account password. Dyn blocks hosts that keep sending `nochg`, and answers ' +
        '`good 127.0.0.1` when it ignored a request because of its User-Agent: ddns holds the record then.',
      example: `[[provider]]
name = "dyn"
type = "dyndns2"
preset = "dyn"                          # https://members.dyndns.org/nic/update
username = "ann"
password_env = "DYN_UPDATER_KEY"        # or password = "…" / password_file = "dyn.key"

[[record]]
provider = "dyn"
name = "myhome.dyndns.org"
type = "A"`,
    },
    noip: {
      summary:
        'No-IP (dynupdate.no-ip.com). Use your No-IP user name or e-mail address and password, or the user name and password of a ' +
        '**DDNS key** (Dynamic DNS → DDNS Keys), which can update only its hosts. No-IP asks update clients for an identifying ' +
        'User-Agent and may answer `badagent` otherwise; `911` means "retry no sooner than 30 minutes", which ddns does.',
      example: `[[provider]]
name = "noip"
type = "dyndns2"
preset = "noip"                         # https://dynupdate.no-ip.com/nic/update
username = "ann@example.com"
password_env = "NOIP_PASSWORD"          # or password = "…" / password_file = "noip.password"

[[record]]
provider = "noip"
name = "myhome.ddns.net"
type = "A"`,
    },
    dynu: {
      summary:
        'Dynu (api.dynu.com). Use your Dynu user name and password (Dynu also accepts the MD5 or SHA-256 hash of the password ' +
        'in its place). An AAAA record is sent as Dynu\'s own `myipv6=<v6>&myip=no`, so that Dynu does not ' +
        'fill the IPv4 in from the connection.',
      example: `[[provider]]
name = "dynu"
type = "dyndns2"
preset = "dynu"                         # https://api.dynu.com/nic/update
username = "ann"
password_env = "DYNU_PASSWORD"          # or password = "…" / password_file = "dynu.password"

[[record]]
provider = "dynu"
name = "myhome.dynu.net"
type = "A"

[[record]]
provider = "dynu"
name = "myhome.dynu.net"
type = "AAAA"                           # sent as myipv6=<IPv6>&myip=no`,
    },
    he: {
      summary:
        'Hurricane Electric\'s free DNS (dns.he.net, updates at dyn.dns.he.net). Each record enabled for dynamic DNS in the dns.he.net ' +
        'panel gets its own **DDNS key**; the host name is the user name, so `username` is left out and each record needs its ' +
        'own `[[provider]]` with its key as the password. The record must exist there first: the update does not create it.',
      example: `[[provider]]
name = "he-home"
type = "dyndns2"
preset = "he"                           # https://dyn.dns.he.net/nic/update; the host name is the user name
password_env = "HE_DDNS_KEY_HOME"       # the DDNS key of the record (dns.he.net → the record → DDNS key)

[[record]]
provider = "he-home"
name = "home.example.org"
type = "A"`,
    },
  },
};
