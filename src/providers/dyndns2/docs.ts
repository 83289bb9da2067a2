import type { ProviderDocs } from '../docs-types.js';
import { DEFAULT_PATH, PRESET_NAMES, PRESETS, styleOf, type PresetName } from './presets.js';

interface PresetExample {
  /** The `username` line's value and comment, or undefined where it is left out. */
  username?: [string, string];
  /** The environment variable holding the password, and what it is there. */
  password: [string, string];
  record: string;
  /** Also an AAAA record, with how it is sent. */
  aaaa?: string;
  /** The comment after `preset = …`, after the update URL. */
  note?: string;
}

const pad = (text: string, width = 40) => (text.length >= width ? `${text} ` : text.padEnd(width));

/** The example of a preset: one `[[provider]]` naming it, and its records. */
function presetExample(preset: PresetName, example: PresetExample): string {
  const entry = PRESETS[preset];
  const url = `${entry.server}${'path' in entry ? entry.path : DEFAULT_PATH}`;
  const lines = [
    '[[provider]]',
    `name = "${preset}"`,
    'type = "dyndns2"',
    `${pad(`preset = "${preset}"`)}# ${url}${example.note === undefined ? '' : `; ${example.note}`}`,
    ...(example.username === undefined ? [] : [`${pad(`username = "${example.username[0]}"`)}# ${example.username[1]}`]),
    `${pad(`password_env = "${example.password[0]}"`)}# ${example.password[1]}`,
    '',
    '[[record]]',
    `provider = "${preset}"`,
    `name = "${example.record}"`,
    'type = "A"',
  ];
  if (example.aaaa !== undefined) {
    lines.push('', '[[record]]', `provider = "${preset}"`, `name = "${example.record}"`, `${pad('type = "AAAA"')}# ${example.aaaa}`);
  }
  return lines.join('\n');
}

export const docs: ProviderDocs = {
  summary:
    'The dyndns2 update protocol (Dyn\'s `/nic/update`), spoken by No-IP, Dynu, Dyn, Hurricane Electric, deSEC, OVH DynHost, INWX and many ' +
    'other DNS hosts and routers (see Presets for the services ddns knows by name). ' +
    'ddns needs the service\'s **server** (or a `preset` naming it) and the **user name and password** it gave for updates ' +
    '(for Hurricane Electric: the record\'s DDNS key, with the host name as the user name).',
  endpoint: 'https://<server>',
  providerKeys: [
    {
      key: 'preset',
      text: `a service ddns knows by name: ${PRESET_NAMES.map((name) => `\`${name}\``).join(', ')} (see Presets); sets the server, the path and the service's own ways (how IPv6 is sent, where the credentials go). \`preset\` or \`server\` is required.`,
    },
    {
      key: 'server',
      text: 'the service\'s host (`members.dyndns.org`, `dyn.example.net:8245`; https is used) or an `http(s)://` URL without user, password, query or fragment; replaces the preset\'s server.',
    },
    { key: 'path', default: '`/nic/update`', text: 'the update path, appended to the server; starts with `/`, no `?` or `#`.' },
    {
      key: 'username',
      text: `the account (or updater) name the service gave you; required, except with the presets whose page says it may be left out (${PRESET_NAMES.filter((name) => styleOf(PRESETS[name]).usernameIsHostname)
        .map((name) => `\`${name}\``)
        .join(', ')}), where the host name is sent in its place.`,
    },
    { key: 'password', required: true, text: 'the password, or for Hurricane Electric the record\'s DDNS key (so one `[[provider]]` per HE host).' },
    { key: 'user_agent', default: '`ddns ddns/<os>-<version>`', text: 'the whole User-Agent to send instead (a certified agent, or one with your contact address, as No-IP asks).' },
  ],
  recordKeys: [],
  zoneAndTtl: 'no effect',
  notes: `### How it works
Each record is one \`GET <server><path>?hostname=<name>&myip=<ip>\` with Basic authentication and the
User-Agent, one host name per request so that the answer line belongs to that record. An AAAA
address goes in \`myip\` as well, except where a preset says otherwise:

| preset | what differs |
|---|---|
| \`dynu\` | AAAA as \`myipv6=<v6>&myip=no\` (without \`myip=no\` Dynu fills the IPv4 in from the connection) |
| \`inwx\`, \`gigahost\`, \`ipv64\` | AAAA as \`myipv6=<v6>\` |
| \`desec\` | \`myipv4=<v4>&myipv6=preserve\` or \`myipv4=preserve&myipv6=<v6>\`: deSEC removes the address of a family the request leaves out |
| \`allinkl\` | \`host=<name>\` instead of \`hostname\`, AAAA as \`myip6=<v6>\`, path \`/\` |
| \`changeip\` | the address as \`ip=<ip>\`; ChangeIP answers "Successful Update" rather than \`good\` |
| \`ovh\` | \`system=dyndns\` in front of every query |
| \`spdyn\` | the credentials as \`user=…&pass=…\` in the query, no Authorization header (logs mask \`pass=\`) |
| \`nsupdateinfo\`, \`variomedia\` | AAAA updates go to the service's IPv6 host (unless \`server\` is set) |
| \`loopia\`, \`nowdns\`, \`gigahost\` | their own path (\`/\`, \`/update\`, \`/api/v0/dns/dyndns\`) |
| \`easydns\`, \`zoneedit\` | path \`/dyn/generic.php\`, and their own answers (see their pages): \`NOERROR\`/\`NOACCESS\`/\`TOOSOON\`…, \`<SUCCESS CODE="200">\`/\`<ERROR CODE="708">\`…; "too soon" holds the record 10 minutes |

### Answers
| answer | what ddns does |
|---|---|
| \`good\`, \`nochg\` (Infomaniak: \`successfully_changed\`, \`no_change\`) | success; an address in the answer other than the one sent only earns a warning |
| \`badauth\`, \`!donator\`, \`notfqdn\`, \`nohost\`, \`numhost\`, \`abuse\`, \`badagent\`, \`!yours\`, \`!active\`, \`badsys\`, \`badrequest\`, \`good 127.0.0.1\`, bare HTTP 401/403 | the record is **held**: nothing is sent for it until its \`[[provider]]\` or \`[[record]]\` settings change (or \`--force\`); every run exits 4 and says why |
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
server = "dyn.example.net:8443"         # or preset = "noip", "desec", "ovh"… (see the Presets)
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
    desec: {
      summary:
        'deSEC (desec.io, dedyn.io names; updates at update.dedyn.io). The **user name is the domain name** (e.g. `myhome.dedyn.io`) and the ' +
        '**password is a token** (the one shown when the dedyn.io domain was created, or one made at desec.io → Token management). deSEC removes the ' +
        'address of a family a request leaves out, so ddns names the other one `preserve`: an A update sends `myipv4=<v4>&myipv6=preserve`, an AAAA ' +
        'update `myipv4=preserve&myipv6=<v6>`. deSEC sets a TTL of 60 seconds itself.',
      example: presetExample('desec', {
        username: ['myhome.dedyn.io', 'the domain name is the user name'],
        password: ['DESEC_TOKEN', 'a deSEC token'],
        record: 'myhome.dedyn.io',
        aaaa: 'sent as myipv4=preserve&myipv6=<IPv6>',
      }),
    },
    dynv6: {
      summary:
        'dynv6 (dynv6.com) through its dyndns2 endpoint. The **password is the zone\'s HTTP token** (dynv6.com → the zone → Instructions); ' +
        'dynv6 ignores the user name, so `username` may be left out (ddns then sends the host name). dynv6 says this endpoint updates **only the ' +
        'IPv4 address (A) of a zone**: for AAAA records use the rfc2136 provider with a dynv6 TSIG key.',
      example: presetExample('dynv6', { password: ['DYNV6_HTTP_TOKEN', "the zone's HTTP token"], record: 'myhome.dynv6.net', note: 'no username needed' }),
    },
    ovh: {
      summary:
        'OVHcloud DynHost (www.ovh.com). Create a **DynHost login** for the zone in the OVHcloud Control Panel (Web Cloud → Domain names → the ' +
        'domain → DynHost → Manage access) and a DynHost record for the host; the login (e.g. `example.com-home`) is the user name and its password ' +
        'the password. ddns adds the `system=dyndns` OVH asks for to every update.',
      example: presetExample('ovh', {
        username: ['example.com-home', 'the DynHost login'],
        password: ['OVH_DYNHOST_PASSWORD', 'its password'],
        record: 'home.example.com',
      }),
    },
    infomaniak: {
      summary:
        'Infomaniak (infomaniak.com). Create a **Dynamic DNS** entry in the Infomaniak Manager (the domain → DNS → Dynamic DNS); its user name and ' +
        'password are the credentials. Infomaniak may answer `successfully_changed` / `no_change` instead of `good` / `nochg`; both are success.',
      example: presetExample('infomaniak', {
        username: ['home-ddns', 'the Dynamic DNS user name'],
        password: ['INFOMANIAK_DDNS_PASSWORD', 'its password'],
        record: 'home.example.ch',
      }),
    },
    inwx: {
      summary:
        'INWX (dyndns.inwx.com). Create a **DynDNS account** in the INWX web interface (Nameserver → DynDNS) and bind the host to it; its user name ' +
        'and password are the credentials (not the INWX account\'s). An AAAA record is sent as `myipv6=<v6>`.',
      example: presetExample('inwx', {
        username: ['ddns-home', 'the DynDNS account'],
        password: ['INWX_DYNDNS_PASSWORD', 'its password'],
        record: 'home.example.de',
        aaaa: 'sent as myipv6=<IPv6>',
      }),
    },
    changeip: {
      summary:
        'ChangeIP (nic.changeip.com). Use your ChangeIP user name and password. ChangeIP takes the address as `ip=<ip>` and confirms with a ' +
        '"Successful Update" text rather than `good`; other answers are read as dyndns2 codes.',
      example: presetExample('changeip', {
        username: ['ann', 'the ChangeIP user name'],
        password: ['CHANGEIP_PASSWORD', 'its password'],
        record: 'myhome.changeip.net',
      }),
    },
    dnsomatic: {
      summary:
        'DNS-O-Matic (updates.dnsomatic.com), which passes one update on to the services configured in your DNS-O-Matic account. Use your ' +
        'DNS-O-Matic (OpenDNS) user name or e-mail address and password. `name = "all.dnsomatic.com"` updates every service of the account.',
      example: presetExample('dnsomatic', {
        username: ['ann@example.com', 'the DNS-O-Matic user name or e-mail'],
        password: ['DNSOMATIC_PASSWORD', 'its password'],
        record: 'all.dnsomatic.com',
      }),
    },
    opendns: {
      summary:
        'OpenDNS (updates.opendns.com): keeps the IP address of an OpenDNS network current. Use your OpenDNS user name or e-mail address and ' +
        'password; the record name is the **network\'s label** in the OpenDNS dashboard.',
      example: presetExample('opendns', {
        username: ['ann@example.com', 'the OpenDNS user name or e-mail'],
        password: ['OPENDNS_PASSWORD', 'its password'],
        record: 'home.example.net',
      }),
    },
    strato: {
      summary:
        'Strato (dyndns.strato.com). Switch DynDNS on for the (sub)domain in the Strato customer area (Domains → Manage → DNS → DynDNS); the ' +
        '**user name is the domain** and the password the DynDNS password set there.',
      example: presetExample('strato', {
        username: ['example.de', 'the domain is the user name'],
        password: ['STRATO_DYNDNS_PASSWORD', 'the DynDNS password'],
        record: 'home.example.de',
      }),
    },
    selfhost: {
      summary:
        'selfHOST.de (carol.selfhost.de). Use the **DynDNS account** of the record (selfHOST customer area → DynDNS accounts): its user name and ' +
        'password, not the customer login.',
      example: presetExample('selfhost', {
        username: ['123456', 'the DynDNS account'],
        password: ['SELFHOST_DYNDNS_PASSWORD', 'its password'],
        record: 'home.example.selfhost.eu',
      }),
    },
    spdyn: {
      summary:
        'spdyn (Securepoint, update.spdyn.de). Either your spdyn user name and password, or — better — a host\'s **update token** ' +
        '(spdyn.de → the host → Token → Create token): then the user name is the host name, so `username` may be left out. spdyn takes the ' +
        'credentials as `user=…&pass=…` in the query; ddns sends no Authorization header there and logs mask `pass=`.',
      example: presetExample('spdyn', {
        password: ['SPDYN_UPDATE_TOKEN', "the host's update token"],
        record: 'myhome.spdns.de',
        note: 'user=<host>&pass=<token> in the query',
      }),
    },
    ipv64: {
      summary:
        'ipv64.net (DynDNS2 endpoint ipv64.net/nic/update). The **password is the domain update token** (ipv64.net → DynDNS → the domain); ipv64 ' +
        'ignores the user name, so `username` may be left out. An AAAA record is sent as `myipv6=<v6>`. ipv64 allows 3 updates per 10 seconds ' +
        'and, on a free account, 48 a day.',
      example: presetExample('ipv64', {
        password: ['IPV64_UPDATE_TOKEN', 'the domain update token'],
        record: 'myhome.home64.de',
        aaaa: 'sent as myipv6=<IPv6>',
        note: 'no username needed',
      }),
    },
    loopia: {
      summary:
        'Loopia (dyndns.loopia.se, path `/`). Use your Loopia customer number (or the LoopiaDNS user, e.g. `ann@loopiaapi`) and its password; ' +
        'dynamic DNS must be enabled for the domain in Loopia Customer Zone.',
      example: presetExample('loopia', {
        username: ['ann@loopia', 'the Loopia user'],
        password: ['LOOPIA_PASSWORD', 'its password'],
        record: 'home.example.se',
      }),
    },
    allinkl: {
      summary:
        'all-inkl.com (KAS, dyndns.kasserver.com, path `/`). Create a DDNS user in KAS (Tools → DDNS settings); its login (e.g. `dyn0123456`) ' +
        'and password are the credentials. all-inkl takes the host as `host=` and an IPv6 as `myip6=<v6>` (enable Dual-Stack in KAS for AAAA).',
      example: presetExample('allinkl', {
        username: ['dyn0123456', 'the KAS DDNS login'],
        password: ['ALLINKL_DDNS_PASSWORD', 'its password'],
        record: 'home.example.de',
        aaaa: 'sent as myip6=<IPv6>',
      }),
    },
    gigahost: {
      summary:
        'Gigahost.no (api.gigahost.no, path `/api/v0/dns/dyndns`). Use your Gigahost account e-mail address and password. An AAAA record is ' +
        'sent as `myipv6=<v6>`.',
      example: presetExample('gigahost', {
        username: ['ann@example.no', 'the Gigahost e-mail'],
        password: ['GIGAHOST_PASSWORD', 'its password'],
        record: 'home.example.no',
        aaaa: 'sent as myipv6=<IPv6>',
      }),
    },
    variomedia: {
      summary:
        'Variomedia (dyndns4.variomedia.de for A, dyndns6.variomedia.de for AAAA). Use your Variomedia customer e-mail address and password ' +
        '(or the DynDNS credentials set for the domain).',
      example: presetExample('variomedia', {
        username: ['ann@example.de', 'the Variomedia e-mail'],
        password: ['VARIOMEDIA_PASSWORD', 'its password'],
        record: 'home.example.de',
        aaaa: 'sent to dyndns6.variomedia.de',
      }),
    },
    nowdns: {
      summary:
        'now-dns.com (path `/update`). Use your now-dns account e-mail address and password.',
      example: presetExample('nowdns', {
        username: ['ann@example.com', 'the now-dns e-mail'],
        password: ['NOWDNS_PASSWORD', 'its password'],
        record: 'myhome.now-dns.net',
      }),
    },
    nsupdateinfo: {
      summary:
        'nsupdate.info (ipv4.nsupdate.info for A, ipv6.nsupdate.info for AAAA). Each host has its own **update secret** (nsupdate.info → the ' +
        'host → generate secret); the host name is the user name, so `username` is left out and each host needs its own `[[provider]]`.',
      example: presetExample('nsupdateinfo', {
        password: ['NSUPDATE_SECRET_HOME', "the host's update secret"],
        record: 'myhome.nsupdate.info',
        aaaa: 'sent to ipv6.nsupdate.info',
        note: 'the host name is the user name',
      }),
    },
    easydns: {
      summary:
        'easyDNS (api.cp.easydns.com, path `/dyn/generic.php`). Turn dynamic DNS on for the domain in the easyDNS control panel; the user ' +
        'name is your easyDNS user and the password the **dynamic DNS token** shown there. easyDNS answers in its own words: `NOERROR` / `OK` ' +
        'is success, `NOACCESS` a wrong user, token or host, `NOSERVICE` dynamic DNS not turned on, `ILLEGAL INPUT` a refused request (all held ' +
        'until the settings change), and `TOOSOON` updates less than 10 minutes apart (held for 10 minutes).',
      example: presetExample('easydns', {
        username: ['ann', 'the easyDNS user'],
        password: ['EASYDNS_DYN_TOKEN', 'the dynamic DNS token'],
        record: 'home.example.com',
      }),
    },
    zoneedit: {
      summary:
        'Zoneedit (api.cp.zoneedit.com, path `/dyn/generic.php`). The user name is your Zoneedit user and the password the **DynDNS token** ' +
        '(Zoneedit → the domain → DNS settings → dynamic records). Zoneedit answers `<SUCCESS CODE="200" …>` (updated), `201` (nothing to ' +
        'change) or `<ERROR CODE="…" TEXT="…">`: `708` failed login, `701` zone not in the account, `709` invalid host name (held until the ' +
        'settings change), `702` less than 600 seconds since the last update (held for 10 minutes); another error code is held with its text.',
      example: presetExample('zoneedit', {
        username: ['ann', 'the Zoneedit user'],
        password: ['ZONEEDIT_DYN_TOKEN', 'the DynDNS token'],
        record: 'home.example.com',
      }),
    },
  },
};
