import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { providerTypes } from '../../src/providers/registry.js';
import { ConfigError, formatProblem, loadConfig, type ConfigProblem, type LoadConfigOptions } from '../../src/config/load.js';

let directory: string;
let configFile: string;
const USER_ENV = { HOME: '/home/ann', XDG_STATE_HOME: '/home/ann/.state' };

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ddns-config-load-'));
  configFile = path.join(directory, 'config.toml');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/**
 * How an editor may have saved the file. Every case in the suite below runs in each form: Notepad's
 * CRLF line ends and byte-order mark must load exactly like LF, with the same file:line(:col).
 */
const SAVED_AS = [
  { label: 'LF', bom: '', newline: '\n' },
  { label: 'CRLF', bom: '', newline: '\r\n' },
  { label: 'BOM + CRLF', bom: '\uFEFF', newline: '\r\n' },
] as const;
interface SavedAs {
  label: string;
  bom: string;
  newline: string;
}
let savedAs: SavedAs = SAVED_AS[0];

/** The file's text as `form` saves it. */
function saved(lines: readonly string[], form: SavedAs = savedAs): string {
  return form.bom + lines.join(form.newline) + form.newline;
}

/** Writes the config from lines, so expected line numbers can be read off the array index (+1). */
async function writeConfig(...lines: string[]): Promise<string> {
  await writeFile(configFile, saved(lines));
  return configFile;
}

function load(options: LoadConfigOptions = {}) {
  return loadConfig(configFile, { env: USER_ENV, platform: 'linux', isRoot: false, ...options });
}

async function problemsOf(options: LoadConfigOptions = {}): Promise<{ problems: ConfigProblem[]; message: string }> {
  const error = await load(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return { problems: error.problems, message: error.message };
}

/** The one problem expected; fails with the whole list otherwise. */
async function onlyProblem(options: LoadConfigOptions = {}): Promise<ConfigProblem> {
  const { problems, message } = await problemsOf(options);
  if (problems.length !== 1) throw new Error(`expected exactly one problem, got:\n${message}`);
  return problems[0] as ConfigProblem;
}

const PROVIDER = ['[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token = "inline-token-1234"'];
const RECORD = ['[[record]]', 'provider = "cf"', 'name = "home.example.com"'];

describe.each(SAVED_AS)('saved as $label', (form) => {
  beforeEach(() => {
    savedAs = form;
  });

  describe('a valid config', () => {
    test('a single-label DuckDNS name is its name under duckdns.org; other providers still want a full name', async () => {
      const duck = ['[[provider]]', 'name = "duck"', 'type = "duckdns"', 'token = "a7c4d0ad-114e-40ef-ba1d-d217904a50f2"'];
      await writeConfig(...duck, '', '[[record]]', 'provider = "duck"', 'name = "myhome"', '', '[[record]]', 'provider = "duck"', 'name = "nas.duckdns.org"', 'type = "AAAA"');
      const config = await load();
      expect(config.records.map((record) => `${record.name} ${record.type}`)).toEqual(['myhome.duckdns.org A', 'nas.duckdns.org AAAA']);

      await writeConfig(...PROVIDER, '', '[[record]]', 'provider = "cf"', 'name = "myhome"');
      const problem = await onlyProblem();
      expect(formatProblem(problem)).toBe(`${configFile}:8: record[1].name: must be a fully qualified name such as "myhome.example.com", not a single label`);
    });

    test('gets every default applied', async () => {
      await writeConfig(...PROVIDER, '', ...RECORD);
      const config = await load();
      expect(config.path).toBe(configFile);
      expect(config.settings).toEqual({
        timeoutMs: 10_000,
        retries: 3,
        retryDelayMs: 1_000,
        recheckMs: 24 * 3_600_000,
        detectWaitMs: 60_000,
        concurrency: 4,
        logLevel: 'info',
        logFile: '/home/ann/.state/ddns/ddns.log',
        stateFile: '/home/ann/.state/ddns/state.json',
        proxy: undefined,
      });
      expect(config.detection).toEqual({
        ipv4: {
          family: 'ipv4',
          sources: ['https://api.ipify.org', 'https://checkip.amazonaws.com', 'cloudflare-trace'],
          allowPrivate: false,
          quorum: 1,
          useProxy: false,
        },
      });
      expect(config.providers).toEqual([
        { name: 'cf', type: 'cloudflare', endpoint: undefined, options: { api_token: 'inline-token-1234' }, secrets: ['inline-token-1234'], line: 1, traits: { writeOnly: false, updatesByStateId: true } },
      ]);
      expect(config.records).toEqual([
        { provider: 'cf', name: 'home.example.com', type: 'A', zone: undefined, ttl: undefined, options: {}, line: 6 },
      ]);
      expect(config.notify).toEqual([]);
      expect(config.secrets).toEqual(['inline-token-1234']);
    });

    test('root gets the system state and log paths', async () => {
      await writeConfig(...PROVIDER, ...RECORD);
      const config = await load({ isRoot: true });
      expect(config.settings.stateFile).toBe('/var/lib/ddns/state.json');
      expect(config.settings.logFile).toBe('/var/log/ddns/ddns.log');
    });

    test('reads every settings key, durations in all forms', async () => {
      await writeConfig(
        '[settings]',
        'timeout = "1m30s"',
        'retries = 0',
        'retry_delay = "250ms"',
        'recheck = "1d"',
        'detect_wait = 5',
        'concurrency = 1',
        'log_level = "debug"',
        'proxy = "http://proxy.lan:8080"',
        ...PROVIDER,
        ...RECORD,
      );
      const { settings } = await load();
      expect(settings).toMatchObject({
        timeoutMs: 90_000,
        retries: 0,
        retryDelayMs: 250,
        recheckMs: 86_400_000,
        detectWaitMs: 5_000,
        concurrency: 1,
        logLevel: 'debug',
        proxy: 'http://proxy.lan:8080',
      });
    });

    test('a password in the proxy URL counts as a secret', async () => {
      await writeConfig('[settings]', 'proxy = "http://me:pa%24%24word@proxy.lan:8080"', ...PROVIDER, ...RECORD);
      const config = await load();
      expect(config.secrets).toEqual(['inline-token-1234', 'pa%24%24word', 'pa$$word']);
    });

    test('resolves relative state_file and log_file against the config directory', async () => {
      await writeConfig('[settings]', 'state_file = "data/state.json"', 'log_file = "../logs/ddns.log"', ...PROVIDER, ...RECORD);
      const { settings } = await load();
      expect(settings.stateFile).toBe(path.join(directory, 'data', 'state.json'));
      expect(settings.logFile).toBe(path.join(path.dirname(directory), 'logs', 'ddns.log'));
    });

    test('keeps absolute state_file and log_file as written', async () => {
      await writeConfig('[settings]', 'state_file = "/srv/ddns/state.json"', 'log_file = "/srv/ddns/ddns.log"', ...PROVIDER, ...RECORD);
      const { settings } = await load();
      expect(settings.stateFile).toBe('/srv/ddns/state.json');
      expect(settings.logFile).toBe('/srv/ddns/ddns.log');
    });

    test('normalises record names and zones, reads provider-specific record keys', async () => {
      await writeConfig(
        ...PROVIDER,
        '[[record]]',
        'provider = "cf"',
        'name = "Home.Example.COM."',
        'type = "AAAA"',
        'zone = "example.com."',
        'ttl = 120',
        'proxied = true',
      );
      const config = await load();
      expect(config.records).toEqual([
        { provider: 'cf', name: 'home.example.com', type: 'AAAA', zone: 'example.com', ttl: 120, options: { proxied: true }, line: 5 },
      ]);
      // Only the family a record needs gets default sources.
      expect(Object.keys(config.detection)).toEqual(['ipv6']);
      expect(config.detection.ipv6?.sources).toEqual(['https://api6.ipify.org', 'cloudflare-trace']);
    });

    test('reads [ip.*] sections, keeping default sources when only other keys are given', async () => {
      await writeConfig(
        '[ip.ipv4]',
        'sources = ["https://ip.example/", "interface:eth0", "cmd:curl -s https://ip.example", "cloudflare-trace"]',
        'quorum = 4',
        'allow_private = true',
        'use_proxy = true',
        '[ip.ipv6]',
        'quorum = 2',
        ...PROVIDER,
        ...RECORD,
      );
      const { detection } = await load();
      expect(detection.ipv4).toEqual({
        family: 'ipv4',
        sources: ['https://ip.example/', 'interface:eth0', 'cmd:curl -s https://ip.example', 'cloudflare-trace'],
        allowPrivate: true,
        quorum: 4,
        useProxy: true,
      });
      expect(detection.ipv6).toMatchObject({ sources: ['https://api6.ipify.org', 'cloudflare-trace'], quorum: 2 });
    });

    test('reads [[notify]] with its defaults and keeps extra keys as options', async () => {
      await writeConfig(
        ...PROVIDER,
        ...RECORD,
        '[[notify]]',
        'type = "webhook"',
        'url = "https://hooks.example/abc"',
        'method = "POST"',
        'headers = { "X-Test" = "1" }',
        '[[notify]]',
        'type = "healthchecks"',
        'url = "https://hc-ping.com/uuid"',
        'on = ["always", "change", "always"]',
      );
      const { notify } = await load();
      expect(notify).toEqual([
        {
          type: 'webhook',
          url: 'https://hooks.example/abc',
          on: ['failure'],
          options: { method: 'POST', headers: { 'X-Test': '1' } },
          secrets: ['https://hooks.example/abc', '/abc', '1'],
          line: 8,
        },
        { type: 'healthchecks', url: 'https://hc-ping.com/uuid', on: ['always', 'change'], options: { start: false }, secrets: ['https://hc-ping.com/uuid', '/uuid'], line: 13 },
      ]);
    });

    test('[[notify]] url from url_env, its uuid and header values registered as secrets', async () => {
      const uuid = '5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6';
      await writeConfig(
        ...PROVIDER,
        ...RECORD,
        '[[notify]]',
        'type = "healthchecks"',
        'url_env = "HC_URL"',
        'start = true',
        '[[notify]]',
        'type = "webhook"',
        'url = "https://chat.example/hooks/{name}?text={message}"',
        'method = "put"',
        'body = "{event} {name}"',
        'headers = { Authorization = "Bearer notify-header-secret" }',
      );
      const config = await load({ env: { ...USER_ENV, HC_URL: `https://hc-ping.com/${uuid}` } });
      expect(config.notify[0]).toMatchObject({ type: 'healthchecks', url: `https://hc-ping.com/${uuid}`, options: { start: true } });
      expect(config.notify[1]).toMatchObject({ type: 'webhook', options: { method: 'PUT', body: '{event} {name}' } });
      expect(config.secrets).toEqual(expect.arrayContaining([uuid, `https://hc-ping.com/${uuid}`, 'Bearer notify-header-secret']));
    });

    test('comments on their own line, after a value and inside a multi-line array change no value and no line', async () => {
      await writeConfig(
        '# ddns configuration', // 1
        '[settings] # tuning', // 2
        'retries = 1 # after the first attempt', // 3
        '[ip.ipv4]', // 4
        'sources = [ # where the address comes from', // 5
        '  "cloudflare-trace", # Cloudflare', // 6
        '  # "https://api.ipify.org",', // 7
        ']', // 8
        '', // 9
        ...PROVIDER, // 10-13
        '# the one record', // 14
        ...RECORD, // 15-17
        'type = "A" # IPv4', // 18
      );
      const config = await load();
      expect(config.settings.retries).toBe(1);
      expect(config.detection.ipv4?.sources).toEqual(['cloudflare-trace']);
      expect(config.providers.map((provider) => provider.line)).toEqual([10]);
      expect(config.records).toEqual([expect.objectContaining({ name: 'home.example.com', type: 'A', line: 15 })]);
    });

    test('a multi-line string holds LF line breaks, whichever line ends the file has', async () => {
      await writeConfig(
        ...PROVIDER,
        ...RECORD,
        '[[notify]]',
        'type = "webhook"',
        'url = "https://hooks.example/abc"',
        'body = """',
        '{event}',
        '{name}"""',
        '[[notify]]',
        'type = "webhook"',
        'url = "https://hooks.example/def"',
        "body = '''{name}",
        "{message}'''",
      );
      const { notify } = await load();
      expect(notify.map((entry) => entry.options.body)).toEqual(['{event}\n{name}', '{name}\n{message}']);
    });

    test('a key that has no effect is a warning at its line', async () => {
      await writeConfig(
        '# DuckDNS sets the TTL itself', // 1
        '[[provider]]', // 2
        'name = "duck"', // 3
        'type = "duckdns"', // 4
        'token = "a7c4d0ad-114e-40ef-ba1d-d217904a50f2"', // 5
        '[[record]]', // 6
        'provider = "duck"', // 7
        'name = "myhome"', // 8
        'ttl = 60 # ignored', // 9
      );
      expect((await load()).warnings).toEqual([
        { file: configFile, line: 9, key: 'record[1].ttl', message: 'has no effect for a "duckdns" provider: the service sets the TTL itself' },
      ]);
    });

    test('a ttl outside the range the service accepts is held to it, with a warning at its line', async () => {
      const provider = (name: string, type: string, ...keys: string[]) => ['[[provider]]', `name = "${name}"`, `type = "${type}"`, ...keys];
      const record = (providerName: string, ttl: number) => ['[[record]]', `provider = "${providerName}"`, 'name = "home.example.com"', `ttl = ${ttl}`];
      await writeConfig(
        ...provider('west', 'westcn', 'domain = "example.com"', 'domain_key = "0123456789abcdef0123456789abcdef"'), // 1-5
        ...provider('esa', 'aliesa', 'access_key_id = "LTAI5tExampleKeyId"', 'access_key_secret = "exampleSecret0123"'), // 6-10
        ...record('west', 30), // 11-14
        ...record('esa', 1), // 15-18: ESA's automatic TTL
        '[[record]]', 'provider = "west"', 'name = "home.example.com"', 'type = "AAAA"', 'ttl = 90000', // 19-23
      );
      const { records, warnings } = await load();
      expect(records.map((entry) => entry.ttl)).toEqual([60, 1, 86_400]);
      expect(warnings).toEqual([
        { file: configFile, line: 14, key: 'record[1].ttl', message: '30 is below the least a "westcn" provider accepts (60 seconds); ddns sends 60' },
        { file: configFile, line: 23, key: 'record[3].ttl', message: '90000 is above the most a "westcn" provider accepts (86400 seconds); ddns sends 86400' },
      ]);
    });
  });

  describe('parsing', () => {
    test('a TOML syntax error carries its 1-based line and column and no code frame', async () => {
      await writeConfig('[settings]', 'retries = 3', 'timeout = ', 'log_level = "info"');
      const problem = await onlyProblem();
      expect(problem.line).toBe(3);
      expect(problem.column).toBe(11);
      expect(problem.message).toMatch(/^Unexpected character/);
      expect(problem.message).not.toMatch(/\n|row \d|\^/);
      expect(formatProblem(problem)).toBe(`${configFile}:3:11: ${problem.message}`);
    });

    test('an unterminated string is reported on its own line', async () => {
      await writeConfig(...PROVIDER, '[[record]]', 'name = "home.example.com');
      const problem = await onlyProblem();
      expect(problem.line).toBe(6);
      expect(problem.message).toMatch(/^Unterminated string/);
    });

    test('a syntax error after comments keeps its line and column', async () => {
      await writeConfig('# settings', '[settings] # defaults but one', 'retries = 3 # per call', 'timeout = # no value');
      const problem = await onlyProblem();
      expect(formatProblem(problem)).toBe(`${configFile}:4:11: ${problem.message}`);
      expect(problem.message).toMatch(/^Unexpected character/);
    });

    test('a date that does not exist is reported at its line (the parser gives it no position)', async () => {
      await writeConfig('# detection', '[ip.ipv4]', 'quorum = 2024-13-45 # a typo', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toEqual({ file: configFile, line: 3, message: 'Invalid Datetime (not a real date or time)' });
    });
  });

  describe('each kind of problem, at its line', () => {
    test('unknown provider type names the closest type and where the list is', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflair"', 'api_token = "x"', ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 3,
        key: 'provider[1].type',
        message: `unknown provider type "cloudflair" (did you mean "cloudflare"? \`ddns providers\` lists all ${providerTypes().length})`,
      });
    });

    test('missing credential is reported at the provider table', async () => {
      await writeConfig('# comment', '[[provider]]', 'name = "cf"', 'type = "cloudflare"', '', ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 2,
        key: 'provider[1].api_token',
        message: 'missing credential api_token (or api_token_env / api_token_file)',
      });
    });

    test('unknown record key, with a suggestion', async () => {
      await writeConfig(...PROVIDER, ...RECORD, 'proxyed = true');
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 8,
        key: 'record[1].proxyed',
        message: 'unknown key "proxyed" (did you mean "proxied"?)',
      });
    });

    test('unknown provider key', async () => {
      await writeConfig(...PROVIDER, 'zone_id = "abc"', ...RECORD);
      const problem = await onlyProblem();
      expect(problem).toMatchObject({ line: 5, key: 'provider[1].zone_id' });
      expect(problem.message).toMatch(/^unknown key "zone_id"/);
    });

    test('bad duration', async () => {
      await writeConfig('[settings]', 'retries = 2', 'recheck = "1 day"', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 3,
        key: 'settings.recheck',
        message: 'expected a duration like "10s" or "5m"',
      });
    });

    test('bad source in a multi-line array points at the element', async () => {
      await writeConfig('[ip.ipv4]', 'sources = [', '  "https://api.ipify.org",', '  "checkip.amazonaws.com",', ']', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 4,
        key: 'ip.ipv4.sources[2]',
        message: 'expected an http(s):// URL, "cloudflare-trace", "interface:NAME" or "cmd:COMMAND"',
      });
    });

    test.each([['interface:'], ['cmd:  '], ['ftp://x.example'], ['cloudflare']])('source %j is rejected', async (source) => {
      await writeConfig('[ip.ipv4]', `sources = [${JSON.stringify(source)}]`, ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 2, key: 'ip.ipv4.sources[1]' });
    });

    test('empty sources', async () => {
      await writeConfig('[ip.ipv6]', 'sources = []', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 2, key: 'ip.ipv6.sources', message: 'must list at least one source' });
    });

    test('quorum larger than the number of sources', async () => {
      await writeConfig('[ip.ipv4]', 'sources = ["cloudflare-trace", "https://api.ipify.org"]', 'quorum = 3', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 3,
        key: 'ip.ipv4.quorum',
        message: 'is 3 but only 2 sources are listed: at most 2 can agree',
      });
    });

    test('quorum is checked against the default sources when none are listed', async () => {
      await writeConfig('[ip.ipv6]', 'quorum = 3', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 2, message: 'is 3 but only 2 sources are listed: at most 2 can agree' });
    });

    test('duplicate record, even when spelled differently', async () => {
      await writeConfig(...PROVIDER, ...RECORD, '', '[[record]]', 'provider = "cf"', 'name = "HOME.example.com."', 'type = "A"');
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 9,
        key: 'record[2]',
        message: 'duplicate record: home.example.com A with provider "cf" is already defined at line 5',
      });
    });

    test('the same name as A and AAAA is not a duplicate', async () => {
      await writeConfig(...PROVIDER, ...RECORD, '[[record]]', 'provider = "cf"', 'name = "home.example.com"', 'type = "AAAA"');
      await expect(load()).resolves.toMatchObject({ records: [{ type: 'A' }, { type: 'AAAA' }] });
    });

    test('duplicate provider names', async () => {
      await writeConfig(...PROVIDER, ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 6, key: 'provider[2].name', message: 'duplicate provider name "cf" (first defined at line 1)' });
    });

    test.each([
      ['@', /"@" is not allowed: write the full name/],
      ['*.example.com', /wildcard names are not allowed/],
      ['home', /must be a fully qualified name such as "home\.example\.com"/],
      ['home..example.com', /empty label/],
      ['.example.com', /empty label/],
      ['home example.com', /label "home example" may contain only letters, digits, "-" and "_"/],
      [`${'a'.repeat(64)}.example.com`, /is 64 characters long; a label has at most 63/],
      [`${'abcdefghi.'.repeat(25)}example.com`, /is 261 characters long; a DNS name has at most 253/],
      ['hôme.example.com', /punycode/],
      ['', /must not be empty/],
    ])('bad record name %j', async (name, message) => {
      await writeConfig(...PROVIDER, '[[record]]', 'provider = "cf"', `name = ${JSON.stringify(name)}`);
      const problem = await onlyProblem();
      expect(problem).toMatchObject({ line: 7, key: 'record[1].name' });
      expect(problem.message).toMatch(message);
    });

    test('record names with underscores, digits and hyphens are fine', async () => {
      await writeConfig(...PROVIDER, '[[record]]', 'provider = "cf"', 'name = "_acme-1.host-2.example.com"');
      await expect(load()).resolves.toMatchObject({ records: [{ name: '_acme-1.host-2.example.com' }] });
    });

    test('record outside its zone', async () => {
      await writeConfig(...PROVIDER, ...RECORD, 'zone = "example.org"');
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 8,
        key: 'record[1].zone',
        message: 'record name "home.example.com" is not inside zone "example.org"',
      });
    });

    test('a zone that is only a suffix of a label does not contain the name', async () => {
      await writeConfig(...PROVIDER, '[[record]]', 'provider = "cf"', 'name = "home.myexample.com"', 'zone = "example.com"');
      expect(await onlyProblem()).toMatchObject({ line: 8, key: 'record[1].zone' });
    });

    test('the zone apex itself is a valid record name', async () => {
      await writeConfig(...PROVIDER, '[[record]]', 'provider = "cf"', 'name = "example.com"', 'zone = "example.com"');
      await expect(load()).resolves.toMatchObject({ records: [{ name: 'example.com', zone: 'example.com' }] });
    });

    test('record type and ttl', async () => {
      await writeConfig(...PROVIDER, ...RECORD, 'type = "MX"', 'ttl = 0');
      const { problems } = await problemsOf();
      expect(problems).toEqual([
        { file: configFile, line: 8, key: 'record[1].type', message: 'must be one of A, AAAA' },
        { file: configFile, line: 9, key: 'record[1].ttl', message: 'must be at least 1' },
      ]);
    });

    test('record referring to an unknown provider lists the known ones', async () => {
      await writeConfig(...PROVIDER, '[[provider]]', 'name = "backup"', 'type = "cloudflare"', 'api_token = "another-token"', '[[record]]', 'provider = "cloudfare"', 'name = "a.example.com"');
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 10,
        key: 'record[1].provider',
        message: 'unknown provider "cloudfare" (known: cf, backup)',
      });
    });

    test('record without any provider defined', async () => {
      await writeConfig(...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 2, message: 'unknown provider "cf": no [[provider]] is defined' });
    });

    test('a config without records is reported', async () => {
      await writeConfig(...PROVIDER);
      expect(await onlyProblem()).toEqual({ file: configFile, message: 'no [[record]] is defined: there is nothing to update' });
    });

    test('unknown keys at the top, in [settings] and in [ip]', async () => {
      await writeConfig('setings = 1', '[settings]', 'retires = 3', '[ip]', 'ipv5 = {}', '[ip.ipv4]', 'allow_privat = true', ...PROVIDER, ...RECORD);
      const { problems } = await problemsOf();
      expect(problems.map((problem) => [problem.line, problem.key, problem.message])).toEqual([
        [1, 'setings', 'unknown key "setings" (did you mean "settings"?)'],
        [3, 'settings.retires', 'unknown key "retires" (did you mean "retries"?)'],
        [5, 'ip.ipv5', 'unknown key "ipv5" (did you mean "ipv4"?)'],
        [7, 'ip.ipv4.allow_privat', 'unknown key "allow_privat" (did you mean "allow_private"?)'],
      ]);
    });

    test('an unknown key far from any allowed one lists the allowed keys', async () => {
      await writeConfig('[settings]', 'colour = "blue"', ...PROVIDER, ...RECORD);
      expect((await onlyProblem()).message).toMatch(/^unknown key "colour" \(allowed here: timeout, retries, .*proxy\)$/);
    });

    test('[provider] written with single brackets', async () => {
      await writeConfig('[provider]', 'name = "cf"', 'type = "cloudflare"', 'api_token = "x"', ...RECORD);
      const { problems } = await problemsOf();
      expect(problems[0]).toMatchObject({ line: 1, key: 'provider', message: expect.stringMatching(/^write \[\[provider\]\] \(double brackets\)/) });
    });

    test('wrong value types and ranges in [settings]', async () => {
      await writeConfig('[settings]', 'retries = 2.5', 'log_level = "verbose"', 'timeout = "0s"', 'proxy = "socks5://proxy:1080"', 'detect_wait = true', ...PROVIDER, ...RECORD);
      const { problems } = await problemsOf();
      expect(problems.map((problem) => [problem.line, problem.message])).toEqual([
        [2, 'expected a whole number, not a fractional number'],
        [3, 'must be one of error, warn, info, debug'],
        [4, 'must be longer than 0s'],
        [5, 'expected an http:// or https:// URL'],
        [6, 'expected a duration like "10s" or "5m"'],
      ]);
    });

    test('concurrency outside 1-32', async () => {
      for (const value of ['0', '33', '2.5']) {
        await writeConfig('[settings]', `concurrency = ${value}`, ...PROVIDER, ...RECORD);
        const { problems } = await problemsOf();
        expect(problems).toEqual([expect.objectContaining({ line: 2, key: 'settings.concurrency' })]);
      }
    });

    test('retries above 10', async () => {
      await writeConfig('[settings]', 'retries = 11', ...PROVIDER, ...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 2, message: 'must be at most 10' });
    });

    test('bad endpoint and missing name', async () => {
      await writeConfig('[[provider]]', 'type = "cloudflare"', 'endpoint = "api.example.com"', 'api_token = "token-1234"');
      const { problems } = await problemsOf();
      expect(problems).toEqual([
        { file: configFile, line: 1, key: 'provider[1].name', message: 'is required' },
        { file: configFile, line: 3, key: 'provider[1].endpoint', message: 'expected an http:// or https:// URL' },
        { file: configFile, message: 'no [[record]] is defined: there is nothing to update' },
      ]);
    });

    test('bad [[notify]] entries', async () => {
      await writeConfig(...PROVIDER, ...RECORD, '[[notify]]', 'type = "email"', 'url = "mailto:me@example.com"', 'on = ["change", "success"]');
      const { problems } = await problemsOf();
      expect(problems.map((problem) => [problem.line, problem.key, problem.message])).toEqual([
        [9, 'notify[1].type', 'must be one of webhook, healthchecks'],
        [10, 'notify[1].url', 'expected an http:// or https:// URL'],
        [11, 'notify[1].on[2]', 'must be one of change, failure, always'],
      ]);
    });

    test('[[notify]] keys of the wrong type, unknown keys and unknown variables', async () => {
      await writeConfig(
        ...PROVIDER,
        ...RECORD,
        '[[notify]]', // 8
        'type = "webhook"',
        'url = "https://hooks.example/{nmae}"',
        'method = "DELETE"',
        'body = "{ip} {oldip}"',
        'strat = true',
        '[[notify]]', // 14
        'type = "healthchecks"',
        'url = "https://hc-ping.com/abc"',
        'start = "yes"',
        'method = "GET"',
      );
      const { problems } = await problemsOf();
      expect(problems.map((problem) => [problem.line, problem.key, problem.message])).toEqual([
        [10, 'notify[1].url', expect.stringMatching(/^unknown variable \{nmae\} \(known: \{event\}, \{name\}/)],
        [11, 'notify[1].method', 'must be one of GET, POST, PUT, PATCH'],
        [12, 'notify[1].body', expect.stringMatching(/^unknown variable \{oldip\}/)],
        [13, 'notify[1].strat', expect.stringMatching(/^unknown key/)],
        [17, 'notify[2].start', 'expected true or false, not a string'],
        [18, 'notify[2].method', expect.stringMatching(/^unknown key/)],
      ]);
    });
  });

  describe('all problems at once', () => {
    test('are collected, sorted by line and formatted one per line', async () => {
      await writeConfig(
        '[settings]', // 1
        'timeout = "ten seconds"', // 2
        '[ip.ipv4]', // 3
        'sources = ["nope"]', // 4
        '[[provider]]', // 5
        'name = "cf"', // 6
        'type = "cloudflare"', // 7
        '[[provider]]', // 8
        'name = "x"', // 9
        'type = "route66"', // 10
        '[[record]]', // 11
        'provider = "cf"', // 12
        'name = "*.example.com"', // 13
        'proxyed = false', // 14
      );
      const { problems, message } = await problemsOf();
      expect(problems.map((problem) => problem.line)).toEqual([2, 4, 5, 10, 13, 14]);
      expect(message.split('\n')).toEqual([
        `${configFile}:2: settings.timeout: expected a duration like "10s" or "5m"`,
        `${configFile}:4: ip.ipv4.sources[1]: expected an http(s):// URL, "cloudflare-trace", "interface:NAME" or "cmd:COMMAND"`,
        `${configFile}:5: provider[1].api_token: missing credential api_token (or api_token_env / api_token_file)`,
        `${configFile}:10: provider[2].type: unknown provider type "route66" (did you mean "route53"? \`ddns providers\` lists all ${providerTypes().length})`,
        `${configFile}:13: record[1].name: wildcard names are not allowed: a dynamic record names one host, e.g. "home.example.com"`,
        `${configFile}:14: record[1].proxyed: unknown key "proxyed" (did you mean "proxied"?)`,
      ]);
    });

    test('formatProblem leaves out what is unknown', () => {
      expect(formatProblem({ file: '/c.toml', message: 'm' })).toBe('/c.toml: m');
      expect(formatProblem({ file: '/c.toml', line: 3, message: 'm' })).toBe('/c.toml:3: m');
      expect(formatProblem({ file: '/c.toml', key: 'settings.x', message: 'm' })).toBe('/c.toml: settings.x: m');
      expect(formatProblem({ file: '/c.toml', line: 3, column: 7, key: 'k', message: 'm' })).toBe('/c.toml:3:7: k: m');
    });

    test('ConfigError is an Error named ConfigError', async () => {
      const error = await load().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('ConfigError');
    });
  });

  describe('secrets from _env and _file', () => {
    const envProvider = ['[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token_env = "CF_TOKEN"'];

    test('_env reads the variable', async () => {
      await writeConfig(...envProvider, ...RECORD);
      const config = await load({ env: { ...USER_ENV, CF_TOKEN: 'token-from-env' } });
      expect(config.providers[0]?.options).toEqual({ api_token: 'token-from-env' });
      expect(config.providers[0]?.secrets).toEqual(['token-from-env']);
      expect(config.secrets).toEqual(['token-from-env']);
      // Nothing secret is written in the file, so its permissions do not matter.
      expect(config.secretsInFile).toBe(false);
    });

    test('a secret written inline is in the file', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token = "inline-token-123"', ...RECORD);
      expect((await load()).secretsInFile).toBe(true);
    });

    test('_env naming an unset or empty variable is a problem naming the variable', async () => {
      await writeConfig(...envProvider, ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 4,
        key: 'provider[1].api_token_env',
        message: 'environment variable CF_TOKEN is not set',
      });
      expect((await onlyProblem({ env: { ...USER_ENV, CF_TOKEN: '' } })).message).toBe('environment variable CF_TOKEN is empty');
    });

    test('_env must be a variable name', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token_env = 42', ...RECORD);
      expect(await onlyProblem()).toMatchObject({ line: 4, message: 'must be the name of an environment variable' });
    });

    test('_file is read relative to the config directory, trailing newline trimmed', async () => {
      await mkdir(path.join(directory, 'secrets'));
      await writeFile(path.join(directory, 'secrets', 'cf.token'), 'token-from-file\n');
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token_file = "secrets/cf.token"', ...RECORD);
      const config = await load();
      expect(config.providers[0]?.options).toEqual({ api_token: 'token-from-file' });
      expect(config.secrets).toEqual(['token-from-file']);
    });

    test('_file that cannot be read, or is empty, is a problem', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token_file = "missing.token"', ...RECORD);
      expect(await onlyProblem()).toEqual({
        file: configFile,
        line: 4,
        key: 'provider[1].api_token_file',
        message: `cannot read ${path.join(directory, 'missing.token')}: file not found`,
      });
      await writeFile(path.join(directory, 'missing.token'), '\n');
      expect((await onlyProblem()).message).toBe(`${path.join(directory, 'missing.token')} is empty`);
    });

    test('more than one form of the same secret is a problem', async () => {
      await writeConfig(...PROVIDER, 'api_token_env = "CF_TOKEN"', ...RECORD);
      expect(await onlyProblem({ env: { ...USER_ENV, CF_TOKEN: 'token-from-env' } })).toEqual({
        file: configFile,
        line: 5,
        key: 'provider[1].api_token_env',
        message: 'give only one of api_token, api_token_env',
      });
    });
  });

  describe('secret values never appear in problems', () => {
    const SECRET = 'sUp3r-s3cret-T0ken-value';

    async function allText(options: LoadConfigOptions = {}): Promise<string> {
      const { problems, message } = await problemsOf(options);
      return `${message}\n${JSON.stringify(problems)}`;
    }

    test('an inline secret of the wrong type is not echoed', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token = 918273645546372819', ...RECORD);
      const text = await allText();
      expect(text).toMatch(/provider\[1\]\.api_token: expected a string, not a whole number/);
      expect(text).not.toContain('918273645546372819');
    });

    test('an inline secret in a table with other problems is not echoed', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', `api_token = "${SECRET}"`, `api_token_file = "${SECRET}"`, 'extra = 1', ...RECORD);
      const text = await allText();
      expect(text).toMatch(/give only one of api_token, api_token_file/);
      expect(text).not.toContain(SECRET);
    });

    test('secrets of a provider whose type is unknown are not echoed', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflair"', `api_token = "${SECRET}"`, ...RECORD);
      const text = await allText();
      expect(text).toMatch(/unknown provider type "cloudflair"/);
      expect(text).not.toContain(SECRET);
    });

    test('values from _env and _file are not echoed', async () => {
      await writeFile(path.join(directory, 'token'), `${SECRET}-file\n`);
      await writeConfig(
        '[[provider]]',
        'name = "a"',
        'type = "cloudflare"',
        'api_token_env = "CF_TOKEN"',
        'bogus = true',
        '[[provider]]',
        'name = "b"',
        'type = "cloudflare"',
        'api_token_file = "token"',
        'bogus = true',
        '[[record]]',
        'provider = "a"',
        'name = "home.example.com"',
      );
      const text = await allText({ env: { ...USER_ENV, CF_TOKEN: `${SECRET}-env` } });
      expect(text).toMatch(/unknown key "bogus"/);
      expect(text).not.toContain(`${SECRET}-env`);
      expect(text).not.toContain(`${SECRET}-file`);
    });

    test('a secret that ends up in a message anyway is masked (last line of defence)', async () => {
      // A user who pastes the token as a record name gets the name echoed back, but never the token.
      const lowerCaseSecret = 'pasted-token-value-4711';
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', 'api_token_env = "CF_TOKEN"', '[[record]]', 'provider = "cf"', `name = "${lowerCaseSecret}"`);
      const text = await allText({ env: { ...USER_ENV, CF_TOKEN: lowerCaseSecret } });
      expect(text).toMatch(/record\[1\]\.name: must be a fully qualified name such as "\*\*\*\.example\.com"/);
      expect(text).not.toContain(lowerCaseSecret);
    });

    test('a secret pasted under a misspelt key is reported by key only', async () => {
      await writeConfig('[[provider]]', 'name = "cf"', 'type = "cloudflare"', `api_tokn = "${SECRET}"`, ...RECORD);
      const text = await allText();
      expect(text).toMatch(/unknown key "api_tokn" \(did you mean "api_token"\?\)/);
      expect(text).toMatch(/missing credential api_token/);
      expect(text).not.toContain(SECRET);
    });
  });

  describe('tables of secrets (metadata.secretTables)', () => {
    const HOOK = ['[[provider]]', 'name = "hook"', 'type = "webhook"', 'url = "https://hooks.example.net/ddns/k-51f0c2"'];
    const HOOK_RECORD = ['[[record]]', 'provider = "hook"', 'name = "home.example.com"'];

    test('every string value of a webhook\'s headers is registered as a secret, beside the url', async () => {
      await writeConfig(...HOOK, '[provider.headers]', 'Authorization = "Bearer hdr-secret-8d2e"', 'X-Api-Key = "key-secret-31c7"', '', ...HOOK_RECORD);
      const config = await load();
      expect(config.providers[0]?.options).toMatchObject({ headers: { Authorization: 'Bearer hdr-secret-8d2e', 'X-Api-Key': 'key-secret-31c7' } });
      expect(config.providers[0]?.secrets).toEqual(['https://hooks.example.net/ddns/k-51f0c2', 'Bearer hdr-secret-8d2e', 'key-secret-31c7']);
      expect(config.secrets).toEqual(expect.arrayContaining(['Bearer hdr-secret-8d2e', 'key-secret-31c7']));
    });

    test('header values never appear in problems, even when the table has other problems', async () => {
      await writeConfig(...HOOK, 'method = "DELETE"', '[provider.headers]', 'Authorization = "Bearer hdr-secret-8d2e"', '"Bad Name" = "hdr-secret-2"', '', ...HOOK_RECORD);
      const { message } = await problemsOf();
      expect(message).toMatch(/provider\[1\]\.method: must be one of GET, POST, PUT/);
      expect(message).toMatch(/provider\[1\]\.headers\."Bad Name": is not a valid header name/);
      expect(message).not.toContain('hdr-secret');
    });
  });
});

describe('reading', () => {
  test('a missing file is one clear problem', async () => {
    const problem = await onlyProblem();
    expect(problem).toEqual({
      file: configFile,
      message: `config file not found: ${configFile} — create one with \`ddns config init\``,
    });
  });

  test('a directory in place of the file is reported, not thrown raw', async () => {
    await mkdir(configFile);
    expect((await onlyProblem()).message).toBe(`cannot read config file ${configFile}: it is a directory`);
  });
});

describe('line ends and byte-order marks', () => {
  test('a byte-order mark before LF line ends is skipped as well', async () => {
    await writeFile(configFile, saved([...PROVIDER, ...RECORD], { label: 'BOM + LF', bom: '\uFEFF', newline: '\n' }));
    await expect(load()).resolves.toMatchObject({ records: [{ name: 'home.example.com', line: 5 }] });
  });

  // A CR on its own ends no line in TOML: where the parser refused one before, it still does, at
  // the same place, whichever line ends the rest of the file has.
  test.each([
    ['in a comment', ['[settings]', '# a note\rretries = 3'], 2, 9, /^Control characters/],
    ['after a value', ['[settings]', 'retries = 3\rtimeout = "5s"'], 2, 13, /^Unexpected character/],
    ['after a header', ['[settings]\rretries = 3'], 1, 13, /^Unexpected character/],
  ])('a lone CR %s is refused at its line and column', async (_where, lines, line, column, message) => {
    for (const form of SAVED_AS) {
      await writeFile(configFile, saved([...lines, ...PROVIDER, ...RECORD], form));
      const problem = await onlyProblem();
      expect({ form: form.label, line: problem.line, column: problem.column }).toEqual({ form: form.label, line, column });
      expect(problem.message).toMatch(message);
    }
  });

  test('a CR right before a CRLF is still a lone CR', async () => {
    await writeFile(configFile, saved(['[settings]', '# a note\r', 'retries = 3', ...PROVIDER, ...RECORD], SAVED_AS[1]));
    const problem = await onlyProblem();
    expect({ line: problem.line, column: problem.column }).toEqual({ line: 2, column: 9 });
    expect(problem.message).toMatch(/^Control characters/);
  });
});
