/** The commented example config that `ddns config init` writes. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** An interface name users will recognise on each OS, for the `interface:NAME` source comment. */
function exampleInterface(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'Ethernet';
  if (platform === 'darwin') return 'en0';
  return 'eth0';
}

/** Where a scheduled run can see an environment variable, which differs per OS. */
function environmentHint(platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    return [
      '# The scheduled task runs as SYSTEM, which does not see your user variables: set it',
      '# machine-wide (setx /M CLOUDFLARE_API_TOKEN "…" in an elevated prompt) or use api_token_file.',
    ];
  }
  if (platform === 'darwin') {
    return ['# launchd jobs do not read your shell profile: put it in the plist or use api_token_file.'];
  }
  return ['# systemd and cron do not read your shell profile: set it in the unit (Environment=) or use api_token_file.'];
}

export function exampleConfig(platform: NodeJS.Platform): string {
  const lines = [
    '# ddns configuration (TOML).',
    '# Check it with `ddns config validate`; try it with `ddns check --dry-run`.',
    '# Relative paths in this file are relative to the directory of this file.',
    '# Durations are written like "250ms", "10s", "5m", "1h30m" or "1d".',
    '',
    '[settings]',
    'timeout = "10s"          # per HTTP request',
    'retries = 3              # retries after the first attempt, per provider call (0-10)',
    '# retry_delay = "1s"     # wait before the first retry; later retries wait longer (with jitter)',
    'recheck = "24h"          # re-read the provider\'s record at least this often even if the IP is unchanged',
    '# detect_wait = "60s"    # after boot the network may not be up yet: keep trying detection this long',
    '# concurrency = 4        # how many records are checked at once (1-32)',
    'log_level = "info"       # error | warn | info | debug',
    '# log_file = "ddns.log"      # default location: see `ddns config path`',
    '# state_file = "state.json"  # default location: see `ddns config path`',
    '# proxy = "http://proxy.example:8080"   # HTTP(S) proxy for provider API calls',
    '',
    '[ip.ipv4]                # how the public IPv4 address is detected (used by type = "A" records)',
    'sources = ["https://api.ipify.org", "https://checkip.amazonaws.com", "cloudflare-trace"]',
    '# A source is an http(s) URL (the first IP address in its reply), "cloudflare-trace",',
    `# "interface:NAME" (an address of a local interface, e.g. "interface:${exampleInterface(platform)}")`,
    '# or "cmd:COMMAND" (the first IP address the command prints).',
    '# allow_private = false  # reject private, loopback, link-local, CGNAT and documentation addresses',
    '# quorum = 1             # how many sources must report the same address (2+ = cross-checked)',
    '# use_proxy = false      # detection bypasses settings.proxy: a proxy\'s exit IP is not your IP',
    '',
    '# Uncomment for AAAA records (defaults to these sources when an AAAA record exists).',
    '# [ip.ipv6]',
    `# sources = ["https://api6.ipify.org", "cloudflare-trace"]   # or "interface:${exampleInterface(platform)}"`,
    '',
    '[[provider]]',
    'name = "cf"               # any name; records refer to it',
    'type = "cloudflare"',
    '# A Cloudflare API token with the "Zone > DNS > Edit" permission for your zone',
    '# (dash.cloudflare.com > My Profile > API Tokens). Every secret key X can be given one of three ways:',
    '#   api_token = "…"                          the value itself (then keep this file private)',
    '#   api_token_env = "CLOUDFLARE_API_TOKEN"   the name of an environment variable holding it',
    '#   api_token_file = "cloudflare.token"      a file holding it (relative to this file)',
    ...environmentHint(platform),
    'api_token_env = "CLOUDFLARE_API_TOKEN"',
    '# endpoint = "https://api.cloudflare.com/client/v4"   # override the API base URL (proxies, tests)',
    '',
    '[[record]]',
    'provider = "cf"           # the name of a [[provider]] above',
    'name = "home.example.com" # the full name to keep pointed at this machine',
    'type = "A"                # A (uses [ip.ipv4]) | AAAA (uses [ip.ipv6])',
    '# zone = "example.com"    # only when the provider cannot work it out from the name',
    '# ttl = 300               # seconds; the provider\'s default when absent',
    '# proxied = false         # Cloudflare: route traffic through Cloudflare\'s proxy',
    '# comment = "ddns"        # Cloudflare: a note stored with the record',
    '',
    '# [[record]]',
    '# provider = "cf"',
    '# name = "home.example.com"',
    '# type = "AAAA"',
    '',
    '# Notifications (any number; see docs/notifications.md).',
    '# [[notify]]',
    '# type = "healthchecks"   # pings url on every run, url/fail with the errors when a run fails',
    '# url = "https://hc-ping.com/your-check-uuid"',
    '# start = true            # also ping url/start when the run begins',
    '#',
    '# [[notify]]',
    '# type = "webhook"',
    '# url = "https://chat.example/hooks/your-token"',
    '# on = ["change", "failure"] # any of change, failure, always (default: ["failure"]); a failure is sent once per streak',
    '# body = \'{"text": "{message}"}\'',
    '',
  ];
  return lines.join('\n');
}

/**
 * Writes the example to `configPath`, creating its directory. Never overwrites: an existing config
 * holds the user's work and credentials. Mode 0600 because the file may come to hold secrets.
 */
export async function writeExampleConfig(configPath: string, platform: NodeJS.Platform): Promise<void> {
  await mkdir(path.dirname(configPath), { recursive: true, mode: 0o700 });
  try {
    await writeFile(configPath, exampleConfig(platform), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Checked structurally: the error may come from another realm (e.g. jest's VM).
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST') {
      throw new Error(`config file already exists: ${configPath} (not overwritten)`);
    }
    throw error;
  }
}
