import type { WriteOnlyProvider } from '../types.js';
import { dyndns2Metadata } from './metadata.js';
import { createDyndns2Provider, resolveDyndns2Target, TOO_SOON_PAUSE_MS } from './index.js';
import { PRESET_NAMES, PRESETS, styleOf, type Dyndns2Style } from './presets.js';
import { humanIssueMessage } from '../../config/messages.js';
import { caught, providerContext, spec } from '../../../test/helpers/provider-context.js';
import { startFakeDyndns2, type FakeDyndns2 } from './fake.js';
import { testKitVariants } from './testkit.js';

/** The presets' own styles, each as the request it makes and the fake that plays the service. */

const HOST = 'home.example.com';
const USER = 'ann';
const SECRET = 'preset-Secret_tok3n-Qz81';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

let fake: FakeDyndns2 | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The fake playing `preset`'s style and path, its account holding HOST. */
async function startFor(preset: keyof typeof PRESETS, style: Partial<Dyndns2Style> = styleOf(PRESETS[preset])): Promise<FakeDyndns2> {
  const user = styleOf(PRESETS[preset]).usernameIsHostname ? HOST : USER;
  const entry = PRESETS[preset];
  fake = await startFakeDyndns2({ accounts: { [user]: SECRET }, hosts: { [HOST]: user }, style, ...('path' in entry ? { path: entry.path } : {}) });
  return fake;
}

function providerFor(running: FakeDyndns2, options: Record<string, unknown>): WriteOnlyProvider {
  return createDyndns2Provider({ password: SECRET, ...options }, providerContext({ endpoint: running.url })) as WriteOnlyProvider;
}

const lastUpdate = (running: FakeDyndns2) => {
  const request = running.updates().at(-1);
  if (request === undefined) throw new Error('no update seen');
  return { path: request.path, query: Object.fromEntries(request.query), authorization: request.headers.authorization };
};

const basic = (user: string) => `Basic ${Buffer.from(`${user}:${SECRET}`).toString('base64')}`;

describe('dyndns2 presets', () => {
  it.each([
    ['desec', 'https://update.dedyn.io/nic/update'],
    ['dynv6', 'https://dynv6.com/nic/update'],
    ['ovh', 'https://www.ovh.com/nic/update'],
    ['infomaniak', 'https://infomaniak.com/nic/update'],
    ['inwx', 'https://dyndns.inwx.com/nic/update'],
    ['changeip', 'https://nic.changeip.com/nic/update'],
    ['dnsomatic', 'https://updates.dnsomatic.com/nic/update'],
    ['opendns', 'https://updates.opendns.com/nic/update'],
    ['strato', 'https://dyndns.strato.com/nic/update'],
    ['selfhost', 'https://carol.selfhost.de/nic/update'],
    ['spdyn', 'https://update.spdyn.de/nic/update'],
    ['ipv64', 'https://ipv64.net/nic/update'],
    ['loopia', 'https://dyndns.loopia.se/'],
    ['allinkl', 'https://dyndns.kasserver.com/'],
    ['gigahost', 'https://api.gigahost.no/api/v0/dns/dyndns'],
    ['variomedia', 'https://dyndns4.variomedia.de/nic/update'],
    ['nowdns', 'https://now-dns.com/update'],
    ['nsupdateinfo', 'https://ipv4.nsupdate.info/nic/update'],
    ['easydns', 'https://api.cp.easydns.com/dyn/generic.php'],
    ['zoneedit', 'https://api.cp.zoneedit.com/dyn/generic.php'],
  ])('%s sends to %s', (preset, url) => {
    expect(resolveDyndns2Target({ preset, username: USER, password: SECRET }, undefined).url).toBe(url);
  });

  it('sends AAAA updates to the IPv6 host of nsupdate.info and Variomedia, unless server or endpoint replaces it', () => {
    expect(resolveDyndns2Target({ preset: 'nsupdateinfo', password: SECRET }, undefined).url6).toBe('https://ipv6.nsupdate.info/nic/update');
    expect(resolveDyndns2Target({ preset: 'variomedia', username: USER, password: SECRET }, undefined).url6).toBe('https://dyndns6.variomedia.de/nic/update');
    expect(resolveDyndns2Target({ preset: 'variomedia', server: 'dyn.example.net', username: USER, password: SECRET }, undefined).url6).toBe('https://dyn.example.net/nic/update');
    expect(resolveDyndns2Target({ preset: 'nsupdateinfo', password: SECRET }, 'http://127.0.0.1:8080').url6).toBe('http://127.0.0.1:8080/nic/update');
    expect(resolveDyndns2Target({ preset: 'noip', username: USER, password: SECRET }, undefined).url6).toBe('https://dynupdate.no-ip.com/nic/update');
  });

  it('lets username be left out only where the host name takes its place', () => {
    const optional = PRESET_NAMES.filter((name) => {
      const result = dyndns2Metadata.configSchema.safeParse({ preset: name, password: SECRET }, { error: humanIssueMessage });
      return result.success;
    });
    expect(optional.sort()).toEqual(['dynv6', 'he', 'ipv64', 'nsupdateinfo', 'spdyn']);
    expect(dyndns2Metadata.presets?.find((preset) => preset.name === 'spdyn')?.credentialKeys).toEqual(['password']);
    expect(dyndns2Metadata.presets?.find((preset) => preset.name === 'desec')?.credentialKeys).toEqual(['username', 'password']);
  });

  it('offers the conformance suites one kit per distinct style, each named by its first preset', () => {
    expect(testKitVariants.map((kit) => kit.label)).toEqual(
      ['dynu', 'he', 'desec', 'ovh', 'inwx', 'changeip', 'spdyn', 'ipv64', 'allinkl', 'easydns', 'zoneedit'].map((preset) => `dyndns2 (preset ${preset})`),
    );
  });
});

describe('dyndns2 preset styles against the fake', () => {
  it('deSEC: A and AAAA each name the other family preserve, so neither removes the other', async () => {
    const running = await startFor('desec');
    const provider = providerFor(running, { preset: 'desec', username: USER });
    await provider.set(spec(HOST), IP);
    expect(lastUpdate(running)).toEqual({ path: '/nic/update', query: { hostname: HOST, myipv4: IP, myipv6: 'preserve' }, authorization: basic(USER) });
    await provider.set(spec(HOST, 'AAAA'), IPV6);
    expect(lastUpdate(running).query).toEqual({ hostname: HOST, myipv4: 'preserve', myipv6: IPV6 });
    expect(running.host(HOST)).toEqual({ ipv4: IP, ipv6: IPV6 });
  });

  it('deSEC\'s fake removes a family a request leaves out (what preserve prevents)', async () => {
    const running = await startFor('desec');
    const provider = providerFor(running, { preset: 'desec', username: USER });
    await provider.set(spec(HOST, 'AAAA'), IPV6);
    // A generic client sends only myip: deSEC then drops the AAAA.
    const generic = providerFor(running, { server: 'x.example', username: USER });
    await expect(generic.set(spec(HOST), IP)).resolves.toMatchObject({ content: IP });
    expect(running.host(HOST)).toEqual({ ipv4: IP, ipv6: undefined });
  });

  it('OVH: system=dyndns comes first in every query; the fake answers badsys without it', async () => {
    const running = await startFor('ovh');
    await providerFor(running, { preset: 'ovh', username: USER }).set(spec(HOST), IP);
    expect(running.updates().at(-1)?.query.toString()).toBe('system=dyndns&hostname=home.example.com&myip=81.2.69.160');
    const error = await caught(providerFor(running, { server: 'x.example', username: USER }).set(spec(HOST), IP));
    expect(error).toMatchObject({ kind: 'config', code: 'badsys' });
  });

  it('spdyn: the credentials travel as user/pass in the query with no Authorization header, and never appear in a message', async () => {
    const running = await startFor('spdyn');
    await providerFor(running, { preset: 'spdyn' }).set(spec(HOST), IP);
    expect(lastUpdate(running)).toEqual({ path: '/nic/update', query: { hostname: HOST, myip: IP, user: HOST, pass: SECRET }, authorization: undefined });
    const wrong = 'wrong-Secret_tok3n-Zz99';
    const error = await caught(providerFor(running, { preset: 'spdyn', password: wrong }).set(spec(HOST), IP));
    expect(error).toMatchObject({ kind: 'auth', code: 'badauth' });
    expect(error.message).not.toContain(wrong);
    running.server.injectFault({ kind: 'reply', reply: { status: 301, headers: { Location: `https://update.spdyn.de/nic/update?user=${HOST}&pass=${SECRET}` } } });
    const moved = await caught(providerFor(running, { preset: 'spdyn' }).set(spec(HOST), IP));
    expect(moved.message).not.toContain(SECRET);
    running.server.injectFault({ kind: 'reply', reply: { status: 200, body: `<html>pass=${SECRET}</html>` } });
    const odd = await caught(providerFor(running, { preset: 'spdyn' }).set(spec(HOST), IP));
    expect(odd.kind).toBe('protocol');
  });

  it('spdyn\'s fake refuses a client that sends the header as well (the secret twice)', async () => {
    const running = await startFor('spdyn');
    const error = await caught(providerFor(running, { server: 'x.example', username: HOST }).set(spec(HOST), IP));
    expect(error).toMatchObject({ kind: 'protocol', status: 400 });
  });

  it('all-inkl: host= instead of hostname, myip6 for an IPv6, path /', async () => {
    const running = await startFor('allinkl');
    const provider = providerFor(running, { preset: 'allinkl', username: USER });
    await provider.set(spec(HOST), IP);
    await provider.set(spec(HOST, 'AAAA'), IPV6);
    expect(running.updates().map((request) => [request.path, Object.fromEntries(request.query)])).toEqual([
      ['/', { host: HOST, myip: IP }],
      ['/', { host: HOST, myip6: IPV6 }],
    ]);
    expect(running.host(HOST)).toEqual({ ipv4: IP, ipv6: IPV6 });
  });

  it.each(['inwx', 'gigahost'] as const)('%s: an IPv6 goes alone in myipv6, leaving the IPv4 as it is', async (preset) => {
    const running = await startFor(preset);
    const provider = providerFor(running, { preset, username: USER });
    await provider.set(spec(HOST), IP);
    await provider.set(spec(HOST, 'AAAA'), IPV6);
    expect(lastUpdate(running).query).toEqual({ hostname: HOST, myipv6: IPV6 });
    expect(running.host(HOST)).toEqual({ ipv4: IP, ipv6: IPV6 });
  });

  it('ipv64: the token as the password, the host name as the user name', async () => {
    const running = await startFor('ipv64');
    await providerFor(running, { preset: 'ipv64' }).set(spec(HOST), IP);
    expect(lastUpdate(running)).toEqual({ path: '/nic/update', query: { hostname: HOST, myip: IP }, authorization: basic(HOST) });
  });

  it('ChangeIP: the address as ip=, "200 Successful Update" is success, a JSON "success" is not', async () => {
    const running = await startFor('changeip');
    const provider = providerFor(running, { preset: 'changeip', username: USER });
    await expect(provider.set(spec(HOST), IP)).resolves.toMatchObject({ content: IP });
    expect(lastUpdate(running).query).toEqual({ hostname: HOST, ip: IP });
    expect(running.host(HOST)?.ipv4).toBe(IP);
    running.server.injectFault({ kind: 'reply', reply: { status: 200, body: '{"success":true}' } });
    expect((await caught(provider.set(spec(HOST), IP))).kind).toBe('protocol');
    running.server.injectFault({ kind: 'reply', reply: { status: 500, body: 'Successful Update' } });
    expect((await caught(provider.set(spec(HOST), IP))).kind).toBe('transient');
    running.answer(HOST, 'nohost');
    expect(await caught(provider.set(spec(HOST), IP))).toMatchObject({ kind: 'not-found', code: 'nohost' });
  });

  it('nsupdate.info and Variomedia: both families reach the fake through endpoint', async () => {
    const running = await startFor('nsupdateinfo');
    const provider = providerFor(running, { preset: 'nsupdateinfo' });
    await provider.set(spec(HOST), IP);
    await provider.set(spec(HOST, 'AAAA'), IPV6);
    expect(running.updates().map((request) => request.headers.authorization)).toEqual([basic(HOST), basic(HOST)]);
    expect(running.host(HOST)).toEqual({ ipv4: IP, ipv6: IPV6 });
  });

  it.each(['loopia', 'nowdns', 'gigahost'] as const)('%s: its own path', async (preset) => {
    const running = await startFor(preset);
    await providerFor(running, { preset, username: USER }).set(spec(HOST), IP);
    expect(lastUpdate(running).path).toBe(PRESETS[preset].path);
  });

  it('easyDNS: NOERROR and OK confirm; its refusals are held, TOOSOON for 10 minutes', async () => {
    const running = await startFor('easydns');
    const provider = providerFor(running, { preset: 'easydns', username: USER });
    await expect(provider.set(spec(HOST), IP)).resolves.toMatchObject({ content: IP });
    expect(lastUpdate(running)).toEqual({ path: '/dyn/generic.php', query: { hostname: HOST, myip: IP }, authorization: basic(USER) });
    expect(running.host(HOST)?.ipv4).toBe(IP);
    running.server.injectFault({ kind: 'reply', reply: { body: '<html><body>OK</body></html>' } });
    await expect(provider.set(spec(HOST), IP)).resolves.toMatchObject({ content: IP });
    const cases: [string, object][] = [
      ['NOACCESS', { kind: 'auth', code: 'noaccess', hold: { until: 'config-change' } }],
      ['NO_AUTH', { kind: 'auth', code: 'no_auth' }],
      ['NOSERVICE', { kind: 'config', code: 'noservice', hold: { until: 'config-change' } }],
      ['ILLEGAL INPUT', { kind: 'config', code: 'illegal_input' }],
      ['TOOSOON', { kind: 'rate-limit', code: 'toosoon', hold: { forMs: TOO_SOON_PAUSE_MS }, retryable: false }],
      ['TOO_FREQ', { kind: 'rate-limit', code: 'too_freq' }],
    ];
    for (const [line, expected] of cases) {
      running.answerRaw(HOST, line);
      const error = await caught(provider.set(spec(HOST), IP));
      expect(error).toMatchObject(expected);
      expect(error.message).toMatch(/^dyndns2 server 127\.0\.0\.1:\d+ answered \w+: /);
    }
    expect(TOO_SOON_PAUSE_MS).toBe(10 * 60_000);
    const wrong = await caught(providerFor(running, { preset: 'easydns', username: USER, password: 'wrong-token-0123' }).set(spec('x.example.com'), IP));
    expect(wrong).toMatchObject({ kind: 'auth', code: 'noaccess' });
    running.server.injectFault({ kind: 'reply', reply: { body: 'good 81.2.69.160' } });
    expect((await caught(provider.set(spec('x.example.com'), IP))).kind).toBe('protocol');
  });

  it('Zoneedit: SUCCESS 200 and 201 confirm; ERROR elements are held, 702 for 10 minutes, any other with its text', async () => {
    const running = await startFor('zoneedit');
    const { provider, debug, warnings } = (() => {
      const context = providerContext({ endpoint: running.url });
      return { provider: createDyndns2Provider({ preset: 'zoneedit', username: USER, password: SECRET }, context) as WriteOnlyProvider, debug: context.debugMessages, warnings: context.warnings };
    })();
    await provider.set(spec(HOST), IP);
    await provider.set(spec(HOST), IP);
    expect(running.host(HOST)?.ipv4).toBe(IP);
    expect(warnings).toEqual([]);
    expect(debug).toEqual([expect.stringMatching(/answered 201: home\.example\.com already held/)]);
    running.server.injectFault({ kind: 'reply', reply: { body: `<SUCCESS_CODE="200" TEXT="Update succeeded." ZONE="${HOST}" IP="81.2.69.1">` } });
    await provider.set(spec(HOST), IP);
    expect(warnings).toEqual([expect.stringMatching(/answered "200 81\.2\.69\.1"/)]);
    const cases: [string, object][] = [
      ['<ERROR CODE="708" TEXT="Failed login" ZONE="">', { kind: 'auth', code: '708', hold: { until: 'config-change' } }],
      [`<ERROR CODE="701" TEXT="Zone is not set up in this account." ZONE="${HOST}">`, { kind: 'not-found', code: '701' }],
      ['<ERROR CODE="709" TEXT="invalid hostname">', { kind: 'config', code: '709' }],
      ['<ERROR CODE="702" TEXT="Minimum 600 seconds between requests">', { kind: 'rate-limit', code: '702', hold: { forMs: TOO_SOON_PAUSE_MS } }],
    ];
    for (const [line, expected] of cases) {
      running.answerRaw(HOST, line);
      expect(await caught(provider.set(spec(HOST), IP))).toMatchObject(expected);
    }
    running.answerRaw(HOST, '<ERROR CODE="799" TEXT="Something\nodd happened">');
    const other = await caught(provider.set(spec(HOST), IP));
    expect(other).toMatchObject({ kind: 'config', code: '799', hold: { until: 'config-change' } });
    expect(other.message).toMatch(/answered 799: the update was refused: "Something odd happened"$/);
    running.answerRaw(HOST, '<ERROR CODE="707" TEXT="Duplicate updates for the same host/ip, adjust client settings">');
    await expect(provider.set(spec(HOST), IP)).resolves.toMatchObject({ content: IP });
  });
});
