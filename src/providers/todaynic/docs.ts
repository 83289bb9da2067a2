import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'The TodayNIC family — 时代互联 now.cn, Eranet and Tnet.hk — through its signed DNS API (the one jeessy2/ddns-go uses). ddns needs the API **AccessInstanceID** and its **secret** from the brand\'s console (API settings); the domain must be in that account.',
  endpoint: 'https://api.now.cn (site = "nowcn"), https://www.eranet.com ("eranet"), https://www.tnet.hk ("tnethk")',
  providerKeys: [
    { key: 'access_instance_id', required: true, text: 'the AccessInstanceID.' },
    { key: 'access_key_secret', required: true, text: 'its secret (signs every request with HMAC-SHA1; never sent).' },
    { key: 'site', default: '"nowcn"', text: 'which brand\'s API host: `"nowcn"`, `"eranet"` or `"tnethk"`. `endpoint` overrides it.' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'the domain in the account. The API cannot list domains: without `zone`, the name\'s last two labels are used (example.com for home.example.com), so set it for names under example.com.cn and the like.',
    ttl: 'seconds; absent: 600 (the listing carries no TTL, so an update without ttl also sends 600).',
  },
  notes: `### How it works
Every call is a GET under \`/api/Dns/\`, signed like Alibaba Cloud's RPC V1 requests (HMAC-SHA1 over the
sorted query, \`AccessInstanceID\` in place of \`AccessKeyId\`). The record is looked up with
\`DescribeRecordIndex\` (Domain, Host, Type), created with \`AddDomainRecord\` or changed in place with
\`UpdateDomainRecord\` (same id). There are no provider-specific record options.

go-acme/lego's \`todaynic\` provider uses another, unsigned partner API (auth-userid and api-key at
todapi.now.cn); ddns does not implement that one, and its credentials do not work here.

### Errors
| answer | what ddns says | retried |
|---|---|---|
| HTTP 401/403, or an \`error\` about the signature or credentials | "… check access_instance_id and access_key_secret" | no |
| any other \`error\` | "… refused: <error>; check that the domain is in this account" | no |
| HTTP 429 | rate limited | yes |
| HTTP 5xx | server error | yes |`,
  example: `[[provider]]
name = "nowcn"
type = "todaynic"
site = "nowcn"                              # or "eranet", "tnethk"
access_instance_id = "your-access-instance-id"
access_key_secret_env = "NOWCN_SECRET"      # or access_key_secret = "…" / access_key_secret_file = "nowcn.secret"

[[record]]
provider = "nowcn"
name = "home.example.com"
type = "A"

[[record]]
provider = "nowcn"
name = "home.example.com"
type = "AAAA"
ttl = 600`,
};
