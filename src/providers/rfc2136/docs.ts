import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Your own authoritative DNS server (BIND 9, Knot, PowerDNS …) through RFC 2136 dynamic updates signed with a TSIG key. ' +
    'ddns needs the zone\'s **primary server** and a **TSIG key** the server lets change the name: on BIND, ' +
    '`tsig-keygen -a hmac-sha256 ddns-key` prints the key, and the zone\'s `update-policy` grants it the name.',
  endpoint: 'none: DNS messages go to server, and ddns warns when endpoint is set',
  providerKeys: [
    { key: 'server', required: true, text: 'the zone\'s primary: `host`, `host:port` or `[IPv6]:port` (port 53 when absent). Not a resolver: its answers must be authoritative.' },
    { key: 'tsig_name', required: true, text: 'the key\'s name, as in the server\'s `key "…" { … };` statement (compared case-insensitively).' },
    { key: 'tsig_algorithm', default: '`hmac-sha256`', text: 'the key\'s algorithm: `hmac-sha256`, `hmac-sha512`, `hmac-sha1` or `hmac-md5`.' },
    { key: 'tsig_secret', required: true, text: 'the key\'s base64 secret (the `secret "…";` of the key statement).' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: the zone is otherwise taken from the SOA or NS records the server puts beside its answer to the record\'s own query, or found with one SOA query for the name (as `nsupdate` does).',
    ttl: 'seconds; absent: 300 on create, and an updated record keeps its own ttl (the update rewrites it, so ddns sends the old one).',
  },
  notes: `### How it works
Every message is signed with the TSIG key (RFC 8945) and every answer's signature is checked before
it is believed; an unsigned or wrongly signed answer is an error. The record is read with a plain
query (no recursion) for its name and type, which must come back authoritative (the AA flag). A
change is one UPDATE that deletes the name's A (or AAAA) RRset and adds the one new address — the
server applies both or neither — then a query reads it back: NOERROR alone is not trusted, since a
server silently ignores an add it will not make. Messages go over UDP, and over TCP when an answer
is truncated (a large RRset) or a message is over 512 bytes. A changed record costs three messages
(read, update, read-back); an unchanged run sends none.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| NOTAUTH with TSIG error BADSIG | "rejected the TSIG key … with BADSIG: … tsig_secret is not the server's secret for that key" | no |
| NOTAUTH with TSIG error BADKEY | "… with BADKEY: it has no key of that name and algorithm; check tsig_name and tsig_algorithm" | no |
| NOTAUTH with TSIG error BADTIME | "signed at the wrong time (BADTIME): the system clock is N minutes off …; fix the system clock (NTP)" | no |
| NOTAUTH (no TSIG error) | the key was rejected or the server is not authoritative for the zone | no |
| REFUSED to the update | "its update-policy (or allow-update) does not allow key … to change NAME A" | no |
| REFUSED to a query | the server does not serve the zone: check \`server\`, or set \`zone\` | no |
| NOTZONE | the name is not inside the zone: check \`zone\` | no |
| NOTIMP | the server does not accept dynamic updates | no |
| SERVFAIL, timeout, connection refused | transient: see the server's log (zone not loaded, journal not writable …) | yes |
| an answer without the AA flag | "server must be the zone's primary, not a resolver" | no |
| NOERROR, but the read-back shows another address | "is server the zone's primary?" | no |

### Quirks
- A name that is a CNAME cannot get an A or AAAA record beside it (the server would ignore the add):
  ddns reports a conflict instead of writing.
- Several A records under the name are reported together and replaced by the one detected address.

### BIND 9 setup
\`\`\`
key "ddns-key" { algorithm hmac-sha256; secret "…"; };
zone "example.com" { type primary; file "…"; update-policy { grant ddns-key name home.example.com A AAAA; }; };
\`\`\``,
  example: `# On the server (BIND 9): create the key with \`tsig-keygen -a hmac-sha256 ddns-key\`, include its
# output in named.conf and let the key change the names it should, in the zone statement:
#   zone "example.com" { type primary; file "…"; update-policy { grant ddns-key name home.example.com A AAAA; }; };
[[provider]]
name = "bind"
type = "rfc2136"
server = "ns1.example.com:53"       # the zone's primary: host, host:port, or [IPv6]:port (port 53 when absent)
tsig_name = "ddns-key"              # the key's name in named.conf
tsig_algorithm = "hmac-sha256"      # hmac-sha256 (default) | hmac-sha512 | hmac-sha1 | hmac-md5
# The key's base64 secret (the \`secret "…";\` line of tsig-keygen's output). Give it one of three ways:
#   tsig_secret = "…"                       the value itself (keep this file private)
#   tsig_secret_env = "DDNS_TSIG_SECRET"    an environment variable holding it
#   tsig_secret_file = "ddns-key.secret"    a file holding it, relative to this file
tsig_secret_env = "DDNS_TSIG_SECRET"

[[record]]
provider = "bind"
name = "home.example.com"
type = "A"
# zone = "example.com"   # optional: otherwise found from the server's answers
ttl = 300                # seconds; 300 when absent on a new record (an existing record keeps its own)

[[record]]
provider = "bind"
name = "home.example.com"
type = "AAAA"`,
};
