import type { ProviderDocs } from '../docs-types.js';

export const docs: ProviderDocs = {
  summary:
    'Amazon Route 53, public or private (VPC) hosted zones, through its REST/XML API (2013-04-01). ddns needs an ' +
    '**access key** of an IAM user (IAM → Users → the user → Security credentials → Create access key) whose policy ' +
    'allows it to find the zone, read the record sets and UPSERT its own records (see "Least privilege" below).',
  endpoint: 'https://route53.amazonaws.com',
  providerKeys: [
    {
      key: 'access_key_id',
      required: true,
      text: 'the access key ID (`AKIA…`). Not a secret to AWS, but half of the pair: it accepts `_env` / `_file` too and is masked in logs.',
    },
    { key: 'secret_access_key', required: true, text: 'its secret access key.' },
    {
      key: 'session_token',
      text: 'only for temporary (STS) credentials, sent and signed as `X-Amz-Security-Token`; they expire within hours, so a scheduled job should use an IAM user\'s key instead.',
    },
    {
      key: 'hosted_zone_id',
      text: '`Z0123…` or `/hostedzone/Z0123…`: the zone holding every record of this provider; saves the zone lookup (and the `ListHostedZonesByName` permission) on every run.',
    },
    { key: 'private_zone', text: '`true`: find a private (VPC) hosted zone by name instead of a public one.', default: 'false' },
  ],
  recordKeys: [],
  zoneAndTtl: {
    zone: 'optional: without it (and without `hosted_zone_id`) the hosted zones are listed once per run and the deepest one that ends the name is used (delegated sub-zones win); with `zone` set, only zones of that name are asked for.',
    ttl: 'seconds; absent: 300 for a new record set, and an existing one keeps its TTL (possibly set in the console).',
  },
  notes: `### How it works
Every request is signed with AWS Signature Version 4 (region \`us-east-1\`, service \`route53\`: Route 53
is a global service) for the host actually contacted, so \`endpoint\` can point at a proxy. Without
\`hosted_zone_id\`, the zone is found with \`ListHostedZonesByName\` (every page, once per run, shared by
all records); private zones are skipped unless \`private_zone = true\`, and two zones of the same kind
and name are refused rather than guessed between. The record set is read with
\`ListResourceRecordSets\` (\`name\`, \`type\`, \`maxitems=1\`; Route 53 answers with the next set in its
order when there is none of that name, so the answer is compared exactly) and written with one
\`ChangeResourceRecordSets\` \`UPSERT\`, which creates or replaces the set: a retry after a lost answer
is harmless. \`PENDING\` counts as accepted (polling \`GetChange\` would cost requests on every change;
the next recheck reads the record back). Alias and routing-policy (weighted, latency …) record sets
are refused, and a set holding several addresses is replaced by this machine's alone, with a warning.

### Least privilege
Replace the zone id; drop the first statement when \`hosted_zone_id\` is set (\`ListHostedZonesByName\`
cannot be limited to one zone, so it needs \`"*"\`):
\`\`\`json
{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "DdnsFindZone", "Effect": "Allow", "Action": "route53:ListHostedZonesByName", "Resource": "*" },
    { "Sid": "DdnsReadRecords", "Effect": "Allow", "Action": "route53:ListResourceRecordSets",
      "Resource": "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ" },
    { "Sid": "DdnsUpsertOwnRecords", "Effect": "Allow", "Action": "route53:ChangeResourceRecordSets",
      "Resource": "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
      "Condition": { "ForAllValues:StringEquals": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["home.example.com"],
        "route53:ChangeResourceRecordSetsRecordTypes": ["A", "AAAA"],
        "route53:ChangeResourceRecordSetsActions": ["UPSERT"] } } }
  ]
}
\`\`\`

### Errors
| Route 53 answer | what ddns says | retried |
|---|---|---|
| 400 \`Throttling\` "Rate exceeded" (over 5 requests/s per account), \`PriorRequestNotComplete\`, HTTP 429 | rate limited / the zone is still applying an earlier change | yes, with growing waits |
| HTTP 5xx | server error | yes |
| 403 \`SignatureDoesNotMatch\` "Signature expired" / "not yet current", \`RequestExpired\` | clock-skew: "the system clock is N minutes off" (from the answer's \`Date\`), or that the request was held up on the way | no |
| 403 \`SignatureDoesNotMatch\` otherwise | \`secret_access_key\` is wrong or not the pair of \`access_key_id\` | no |
| 403 \`InvalidClientTokenId\`, \`ExpiredToken\` | unknown \`access_key_id\` / expired \`session_token\` | no |
| 403 \`AccessDenied\` | the IAM policy must allow the action named | no |
| 404 \`NoSuchHostedZone\` | check \`hosted_zone_id\` | no |
| 400 \`InvalidChangeBatch\` | config error quoting Route 53's message | no |

Route 53's own code and message are quoted on one line and cut short; the secret key and session
token are never part of a message.`,
  example: `[[provider]]
name = "aws"                               # records refer to the provider by this name
type = "route53"
# An access key of an IAM user whose policy allows only what ddns needs (see
# docs/providers/route53.md for the policy). Give each key one of three ways:
#   secret_access_key = "…"                          the value itself (keep this file private)
#   secret_access_key_env = "AWS_SECRET_ACCESS_KEY"  an environment variable holding it
#   secret_access_key_file = "aws-secret.txt"        a file holding it, relative to this file
access_key_id = "AKIAIOSFODNN7EXAMPLE"     # or access_key_id_env = "AWS_ACCESS_KEY_ID"
secret_access_key_env = "AWS_SECRET_ACCESS_KEY"
# session_token_env = "AWS_SESSION_TOKEN"  # only for temporary (STS) credentials, which expire
hosted_zone_id = "Z0123456789ABCDEFGHIJ"   # optional: without it the zone is found by listing the hosted zones
# private_zone = false                     # true: find a private (VPC) hosted zone by name instead of a public one
# endpoint = "https://route53.amazonaws.com"   # override the API base URL (proxies, tests)
# Requests are signed with the time of this machine: AWS refuses them when its clock is more
# than 5 minutes off (ddns then says so, and by how much).

[[record]]
provider = "aws"
name = "home.example.com"
type = "A"                 # uses [ip.ipv4]
ttl = 300                  # seconds; 300 when absent for a new record set, an existing one keeps its TTL

[[record]]
provider = "aws"
name = "home.example.com"
type = "AAAA"              # uses [ip.ipv6]`,
};
