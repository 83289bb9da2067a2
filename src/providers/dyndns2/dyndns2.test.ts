import type { WriteOnlyProvider } from '../types.js';
import { dyndns2Metadata } from './metadata.js';
import {
  createDyndns2Provider,
  DEFAULT_USER_AGENT,
  parseAnswer,
  resolveDyndns2Target,
  SERVER_FAILURE_PAUSE_MS,
  updateQuery,
} from './index.js';
import { GENERIC, PRESET_NAMES, PRESETS, serverBase, type Dyndns2Style } from './presets.js';
import { VERSION } from '../../version.js';
import { humanIssueMessage } from '../../config/messages.js';
import { caught, providerContext, spec } from '../../../test/helpers/provider-context.js';
import { startFakeDyndns2, type Dyndns2Code, type FakeDyndns2, type FakeDyndns2Options } from './fake.js';

const USER = 'user';
const PASSWORD = 'pass';
const LONG_PASSWORD = 'dyn-Secret_pw-7Hq2xLw9';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

function makeProvider(fake: FakeDyndns2, options: Record<string, unknown>): { provider: WriteOnlyProvider; debug: string[]; warnings: string[] } {
  const context = providerContext({ endpoint: fake.url });
  return { provider: createDyndns2Provider(options, context) as WriteOnlyProvider, debug: context.debugMessages, warnings: context.warnings };
}

function configProblems(options: Record<string, unknown>): string[] {
  const result = dyndns2Metadata.configSchema.safeParse(options, { error: humanIssueMessage });
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.') || '(table)'}: ${issue.message}`);
}

describe('dyndns2 presets and server resolution', () => {
  it.each([
    ['noip', 'https://dynupdate.no-ip.com/nic/update'],
    ['dynu', 'https://api.dynu.com/nic/update'],
    ['dyn', 'https://members.dyndns.org/nic/update'],
    ['he', 'https://dyn.dns.he.net/nic/update'],
  ])('preset %s sends to %s', (preset, url) => {
    expect(resolveDyndns2Target({ preset, username: USER, password: PASSWORD }, undefined).url).toBe(url);
  });

  it('sends IPv6 as myipv6 only for Dynu, and lets only Hurricane Electric leave out the username', () => {
    expect(Object.entries(PRESETS).filter(([, preset]) => 'ipv6' in preset && preset.ipv6 === 'myipv6').map(([name]) => name)).toEqual(['dynu']);
    expect(resolveDyndns2Target({ preset: 'he', password: PASSWORD }, undefined)).toMatchObject({ username: undefined, ipv6: 'myip' });
    expect(() => resolveDyndns2Target({ preset: 'noip', password: PASSWORD }, undefined)).toThrow(/username is missing/);
  });

  it('turns a bare host into https, keeps a given scheme, port and base path, and appends path', () => {
    expect(serverBase('members.dyndns.org')).toBe('https://members.dyndns.org');
    expect(serverBase('updates.example.net:8245')).toBe('https://updates.example.net:8245');
    expect(serverBase('http://updates.example.net:8245/')).toBe('http://updates.example.net:8245');
    expect(resolveDyndns2Target({ server: 'https://dyn.example.net/api/', path: '/update.php', username: USER, password: PASSWORD }, undefined).url).toBe(
      'https://dyn.example.net/api/update.php',
    );
  });

  it('refuses server values that cannot be a base URL', () => {
    for (const bad of ['ftp://members.dyndns.org', 'https://user:pw@members.dyndns.org', 'https://x.example/?a=1', 'two words', '']) {
      expect(serverBase(bad)).toBeUndefined();
    }
  });

  it('lets endpoint replace the server, keeping the preset\'s IPv6 style', () => {
    expect(resolveDyndns2Target({ preset: 'dynu', username: USER, password: PASSWORD }, 'http://127.0.0.1:8080')).toMatchObject({
      url: 'http://127.0.0.1:8080/nic/update',
      ipv6: 'myipv6',
    });
  });

  it('identifies itself in the form No-IP asks for, or as configured', () => {
    expect(DEFAULT_USER_AGENT).toBe(`ddns ddns/${process.platform}-${VERSION}`);
    expect(resolveDyndns2Target({ server: 'x.example', username: USER, password: PASSWORD, user_agent: 'Acme ddns/1.0 ops@example.com' }, undefined).userAgent).toBe(
      'Acme ddns/1.0 ops@example.com',
    );
  });
});

describe('dyndns2 config schema', () => {
  it('accepts a preset or a server', () => {
    expect(configProblems({ preset: 'noip', username: USER, password: PASSWORD })).toEqual([]);
    expect(configProblems({ server: 'members.dyndns.org', username: USER, password: PASSWORD, path: '/nic/update' })).toEqual([]);
    expect(configProblems({ preset: 'he', password: PASSWORD })).toEqual([]);
  });

  it('names every problem at once, with what to write', () => {
    expect(configProblems({ password: PASSWORD })).toEqual([
      `(table): set server = "…" (the dyndns2 service's host) or preset = one of ${PRESET_NAMES.map((name) => `"${name}"`).join(', ')}`,
      'username: is required (the account name the service gave you)',
    ]);
    expect(configProblems({ preset: 'noipe', username: 'a:b', password: PASSWORD, path: 'nic/update' })).toEqual([
      `preset: must be one of ${PRESET_NAMES.join(', ')}`,
      'path: must start with "/" and contain no "?", "#" or spaces, e.g. "/nic/update"',
      'username: must not contain ":"',
    ]);
    expect(configProblems({ server: 'https://u:p@members.dyndns.org', username: USER, password: PASSWORD })[0]).toMatch(/^server: expected a host name/);
  });
});

describe('dyndns2 wire format', () => {
  const query = (ip: string, style: Partial<Dyndns2Style> = {}) => updateQuery('home.example.com', ip, { ...GENERIC, ...style }).toString();
  const V6 = '2a02%3A1388%3A1000%3A%3A160';

  it('puts one host name and the address in the query', () => {
    expect(query(IP)).toBe('hostname=home.example.com&myip=81.2.69.160');
    expect(query(IPV6)).toBe(`hostname=home.example.com&myip=${V6}`);
    expect(query(IPV6, { ipv6: 'myipv6' })).toBe(`hostname=home.example.com&myipv6=${V6}&myip=no`);
    expect(query(IP, { ipv6: 'myipv6' })).toBe('hostname=home.example.com&myip=81.2.69.160');
  });

  it('speaks each IPv6 style: myipv6 alone, deSEC\'s myipv4/myipv6 with preserve, all-inkl\'s myip6', () => {
    expect(query(IP, { ipv6: 'myipv6-alone' })).toBe('hostname=home.example.com&myip=81.2.69.160');
    expect(query(IPV6, { ipv6: 'myipv6-alone' })).toBe(`hostname=home.example.com&myipv6=${V6}`);
    expect(query(IP, { ipv6: 'preserve' })).toBe('hostname=home.example.com&myipv4=81.2.69.160&myipv6=preserve');
    expect(query(IPV6, { ipv6: 'preserve' })).toBe(`hostname=home.example.com&myipv4=preserve&myipv6=${V6}`);
    expect(query(IP, { ipv6: 'myip6' })).toBe('hostname=home.example.com&myip=81.2.69.160');
    expect(query(IPV6, { ipv6: 'myip6' })).toBe(`hostname=home.example.com&myip6=${V6}`);
  });

  it('names the host and the address as the style says, after its fixed parameters', () => {
    expect(query(IP, { hostnameParam: 'host' })).toBe('host=home.example.com&myip=81.2.69.160');
    expect(query(IP, { addressParam: 'ip' })).toBe('hostname=home.example.com&ip=81.2.69.160');
    expect(query(IP, { extraQuery: { system: 'dyndns' } })).toBe('system=dyndns&hostname=home.example.com&myip=81.2.69.160');
  });

  it('reads the first line\'s first word as the code', () => {
    expect(parseAnswer('good 192.0.2.25\n')).toEqual({ code: 'good', detail: '192.0.2.25' });
    expect(parseAnswer('\r\nNOCHG 192.0.2.25,2001:db8::1\r\nnohost')).toEqual({ code: 'nochg', detail: '192.0.2.25,2001:db8::1' });
    expect(parseAnswer('  \n')).toBeUndefined();
  });
});

describe('dyndns2 provider against the fake server', () => {
  let fake: FakeDyndns2;

  async function start(options: Partial<FakeDyndns2Options> = {}): Promise<FakeDyndns2> {
    fake = await startFakeDyndns2({
      accounts: { [USER]: PASSWORD, 'other': LONG_PASSWORD, 'he.example.com': 'he-ddns-key-0123' },
      hosts: { 'home.example.com': USER, 'nas.example.com': USER, 'foreign.example.com': 'other', 'he.example.com': 'he.example.com' },
      ...options,
    });
    return fake;
  }

  afterEach(async () => {
    await fake.close();
  });

  it('updates with basic auth, its User-Agent and the address, and the server holds it', async () => {
    await start();
    const { provider } = makeProvider(fake, { server: 'ignored.example', username: USER, password: PASSWORD });
    const record = await provider.set(spec('home.example.com'), IP);
    expect(record).toMatchObject({ name: 'home.example.com', type: 'A', content: IP });
    expect(fake.updates()).toHaveLength(1);
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(request?.headers.authorization).toBe('Basic dXNlcjpwYXNz');
    expect(request?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ hostname: 'home.example.com', myip: IP });
    expect(fake.host('home.example.com')).toEqual({ ipv4: IP, ipv6: undefined });
  });

  it('treats nochg as success and notes it at debug level', async () => {
    await start();
    const { provider, debug, warnings } = makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD });
    await provider.set(spec('home.example.com'), IP);
    await expect(provider.set(spec('home.example.com'), IP)).resolves.toMatchObject({ content: IP });
    expect(debug).toEqual([expect.stringMatching(/answered nochg: home\.example\.com already held 81\.2\.69\.160/)]);
    expect(warnings).toEqual([]);
  });

  it('sends an AAAA address as myip, or as Dynu\'s myipv6 with myip=no', async () => {
    await start();
    await makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD }).provider.set(spec('home.example.com', 'AAAA'), IPV6);
    expect(fake.updates()[0]?.query.get('myip')).toBe(IPV6);
    expect(fake.host('home.example.com')).toEqual({ ipv4: undefined, ipv6: IPV6 });
    await fake.close();

    await start({ style: { ipv6: 'myipv6' } });
    await makeProvider(fake, { preset: 'dynu', username: USER, password: PASSWORD }).provider.set(spec('home.example.com', 'AAAA'), IPV6);
    expect(Object.fromEntries(fake.updates()[0]?.query ?? [])).toEqual({ hostname: 'home.example.com', myipv6: IPV6, myip: 'no' });
    expect(fake.host('home.example.com')).toEqual({ ipv4: undefined, ipv6: IPV6 });
  });

  it('uses the host name as the user name for Hurricane Electric', async () => {
    await start();
    await makeProvider(fake, { preset: 'he', password: 'he-ddns-key-0123' }).provider.set(spec('he.example.com'), IP);
    const auth = fake.updates()[0]?.headers.authorization ?? '';
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).toBe('he.example.com:he-ddns-key-0123');
    expect(fake.host('he.example.com')?.ipv4).toBe(IP);
  });

  it('sends the configured user_agent', async () => {
    await start({ rejectAgent: /^ddns / });
    const agent = 'Acme ddns/1.0 ops@example.com';
    await makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD, user_agent: agent }).provider.set(spec('home.example.com'), IP);
    expect(fake.updates()[0]?.headers['user-agent']).toBe(agent);
  });

  const PERMANENT: [Dyndns2Code, string, RegExp][] = [
    ['badauth', 'auth', /answered badauth: wrong username or password$/],
    ['!donator', 'config', /answered !donator: the update asks for a feature this account does not have/],
    ['notfqdn', 'config', /answered notfqdn: home\.example\.com is not a fully qualified host name/],
    ['nohost', 'not-found', /answered nohost: home\.example\.com does not exist in this account/],
    ['numhost', 'config', /answered numhost: too many hosts, or home\.example\.com is a round-robin host/],
    ['abuse', 'auth', /answered abuse: the host or account is blocked for abuse/],
    ['badagent', 'config', /answered badagent: the service refused the User-Agent "ddns ddns\/.*" or has disabled this client/],
    ['!yours', 'auth', /answered !yours: home\.example\.com belongs to another account/],
    ['!active', 'config', /answered !active: the custom domain of home\.example\.com is not active/],
    ['badsys', 'config', /answered badsys: the service rejected the system parameter/],
    ['badrequest', 'config', /answered badrequest: the service refused the request for home\.example\.com as malformed/],
  ];

  it.each(PERMANENT)('%s is permanent (kind %s): held until the config changes, never retried', async (code, kind, message) => {
    await start();
    fake.answer('home.example.com', code);
    const error = await caught(makeProvider(fake, { server: 'x.example', username: 'other', password: LONG_PASSWORD }).provider.set(spec('home.example.com'), IP));
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.hold).toEqual({ until: 'config-change' });
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(new RegExp(`^dyndns2 server 127\\.0\\.0\\.1:\\d+ ${message.source.replace(/^\^/, '')}`));
    expect(error.message).not.toContain(LONG_PASSWORD);
    expect(fake.updates()).toHaveLength(1);
  });

  it.each([
    ['dnserr', /answered dnserr: DNS error at the service; not sending again for 30 minutes/],
    ['911', /answered 911: the service has a problem or is in maintenance; not sending again for 30 minutes/],
    ['servererror', /answered servererror: the service reported an internal error/],
  ] as [Dyndns2Code, RegExp][])('%s pauses the record for 30 minutes', async (code, message) => {
    await start();
    fake.answer('home.example.com', code);
    const error = await caught(makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD }).provider.set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ kind: 'transient', code, hold: { forMs: SERVER_FAILURE_PAUSE_MS } });
    expect(SERVER_FAILURE_PAUSE_MS).toBeGreaterThanOrEqual(30 * 60_000);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(message);
  });

  it('answers badauth for a wrong password, also when the server sends it with 401', async () => {
    await start({ badauthStatus: 401 });
    const error = await caught(makeProvider(fake, { server: 'x.example', username: USER, password: 'wrong-password' }).provider.set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ kind: 'auth', code: 'badauth', status: 401, hold: { until: 'config-change' } });
  });

  it('answers nohost for a host of another account, and badagent for a refused User-Agent', async () => {
    await start({ rejectAgent: /^ddns / });
    const { provider } = makeProvider(fake, { server: 'x.example', username: 'other', password: LONG_PASSWORD });
    expect(await caught(provider.set(spec('home.example.com'), IP))).toMatchObject({ code: 'badagent' });
    await fake.close();
    await start();
    expect(await caught(makeProvider(fake, { server: 'x.example', username: 'other', password: LONG_PASSWORD }).provider.set(spec('home.example.com'), IP))).toMatchObject({
      code: 'nohost',
      kind: 'not-found',
    });
  });

  it('treats "good 127.0.0.1" as a refused agent (Dyn ignores the request that way)', async () => {
    await start();
    fake.server.injectFault({ kind: 'reply', reply: { body: 'good 127.0.0.1' } });
    const error = await caught(makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD }).provider.set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ kind: 'config', code: 'badagent', hold: { until: 'config-change' } });
  });

  it('reads Infomaniak\'s successfully_changed and no_change as good and nochg', async () => {
    await start();
    const { provider, debug, warnings } = makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD });
    fake.server.injectFault({ kind: 'reply', reply: { body: `successfully_changed ${IP}` } });
    await expect(provider.set(spec('home.example.com'), IP)).resolves.toMatchObject({ content: IP });
    fake.server.injectFault({ kind: 'reply', reply: { body: `no_change ${IP}` } });
    await expect(provider.set(spec('home.example.com'), IP)).resolves.toMatchObject({ content: IP });
    expect(debug).toEqual([expect.stringMatching(/answered no_change: home\.example\.com already held/)]);
    expect(warnings).toEqual([]);
  });

  it('accepts good naming another address, with a warning (failing would resend every run)', async () => {
    await start();
    fake.server.injectFault({ kind: 'reply', reply: { body: 'good 81.2.69.1' } });
    const { provider, warnings } = makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD });
    await expect(provider.set(spec('home.example.com'), IP)).resolves.toMatchObject({ content: IP });
    expect(warnings).toEqual([expect.stringMatching(/answered "good 81\.2\.69\.1" for home\.example\.com, which does not name the address sent \(81\.2\.69\.160\)/)]);
  });

  it('holds on a bare 401, retries 5xx and 429, and calls anything else a protocol error', async () => {
    await start();
    const { provider } = makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD });
    const answer = async (status: number, body: string, headers: Record<string, string> = {}) => {
      fake.server.injectFault({ kind: 'reply', reply: { status, body, headers } });
      return caught(provider.set(spec('home.example.com'), IP));
    };
    expect(await answer(401, 'Unauthorized')).toMatchObject({ kind: 'auth', hold: { until: 'config-change' } });
    const serverError = await answer(502, '<html>Bad gateway</html>');
    expect(serverError).toMatchObject({ kind: 'transient', status: 502, hold: undefined, retryable: true });
    expect(await answer(429, 'slow down', { 'Retry-After': '7' })).toMatchObject({ kind: 'rate-limit', retryAfterMs: 7000, retryable: true });
    const unknown = await answer(200, '<html><body>Welcome to our portal</body></html>');
    expect(unknown.kind).toBe('protocol');
    expect(unknown.message).toMatch(/answered HTTP 200 with the body "<html><body>Welcome to our portal<\/body><\/html>", not a dyndns2 return code; check server and path/);
    expect(await answer(200, '')).toMatchObject({ kind: 'protocol' });
    expect((await answer(404, 'not found')).message).toMatch(/HTTP 404/);
    const moved = await answer(301, '', { Location: 'https://new.example.net/nic/update?token=abc' });
    expect(moved).toMatchObject({ kind: 'config' });
    expect(moved.message).toMatch(/redirected \(HTTP 301\) to https:\/\/new\.example\.net\/nic\/update: set server/);
    expect(moved.message).not.toContain('token=abc');
  });

  it('reads a code from a 5xx answer before the status (911 during maintenance)', async () => {
    await start();
    fake.server.injectFault({ kind: 'reply', reply: { status: 503, body: '911' } });
    const error = await caught(makeProvider(fake, { server: 'x.example', username: USER, password: PASSWORD }).provider.set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ code: '911', hold: { forMs: SERVER_FAILURE_PAUSE_MS } });
  });
});
