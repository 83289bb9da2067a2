import { ProviderError } from '../../http/errors.js';
import type { WriteOnlyProvider } from '../types.js';
import { createDuckdnsProvider, duckdnsSubdomain } from './index.js';
import { duckdnsMetadata } from './metadata.js';
import { clearSecrets, redact, registerSecrets } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { startFakeDuckdns, type FakeDuckdns } from './fake.js';

const TOKEN = 'a7c4d0e2-5b1f-4c3e-9d8a-0f6e2b7c1d94';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

describe('duckdnsSubdomain', () => {
  it('takes the sub-name of name.duckdns.org, or a bare sub-name', () => {
    expect(duckdnsSubdomain('myhome.duckdns.org')).toBe('myhome');
    expect(duckdnsSubdomain('MyHome.DuckDNS.org.')).toBe('myhome');
    expect(duckdnsSubdomain('my-home')).toBe('my-home');
  });

  it.each([
    ['www.myhome.duckdns.org', /single sub-name/],
    ['home.example.com', /must be <sub-name>\.duckdns\.org/],
    ['duckdns.org', /must be <sub-name>\.duckdns\.org/],
    ['my_home.duckdns.org', /only letters, digits and "-"/],
    ['-home', /only letters, digits and "-"/],
  ])('refuses %s as a config error', (name, message) => {
    let error: unknown;
    try {
      duckdnsSubdomain(name);
    } catch (caughtError) {
      error = caughtError;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('config');
    expect((error as ProviderError).message).toMatch(message);
  });

  it('validates the token in the config schema', () => {
    expect(duckdnsMetadata.configSchema.safeParse({ token: TOKEN }).success).toBe(true);
    expect(duckdnsMetadata.configSchema.safeParse({ token: `${TOKEN}\n` }).success).toBe(false);
    expect(duckdnsMetadata.configSchema.safeParse({ token: '' }).success).toBe(false);
    expect(duckdnsMetadata.writeOnly).toBe(true);
  });
});

describe('DuckDNS provider against the fake API', () => {
  let fake: FakeDuckdns;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    fake = await startFakeDuckdns({ token: TOKEN, domains: ['myhome', 'office'] });
    context = providerContext({ endpoint: fake.url });
  });
  afterEach(async () => {
    await fake.close();
    clearSecrets();
  });

  function provider(token = TOKEN): WriteOnlyProvider {
    return createDuckdnsProvider({ token }, context) as WriteOnlyProvider;
  }

  it('sends domains, token and ip for an A record, and the fake holds it', async () => {
    await expect(provider().set(spec('myhome.duckdns.org'), IP)).resolves.toMatchObject({ content: IP, name: 'myhome.duckdns.org' });
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ domains: 'myhome', token: TOKEN, ip: IP, verbose: 'true' });
    expect(fake.domain('myhome')).toEqual({ ipv4: IP, ipv6: undefined });
  });

  it('sends an AAAA address as ipv6 (the IPv4 stays as it was)', async () => {
    await provider().set(spec('myhome.duckdns.org'), IP);
    await provider().set(spec('myhome.duckdns.org', 'AAAA'), IPV6);
    const request = fake.updates()[1];
    expect(request?.query.get('ipv6')).toBe(IPV6);
    expect(request?.query.has('ip')).toBe(false);
    expect(fake.domain('myhome')).toEqual({ ipv4: IP, ipv6: IPV6 });
  });

  it('notes NOCHANGE at debug level', async () => {
    await provider().set(spec('office.duckdns.org'), IP);
    await provider().set(spec('office.duckdns.org'), IP);
    expect(context.debugMessages).toEqual([expect.stringMatching(/office\.duckdns\.org already held 81\.2\.69\.160 \(NOCHANGE\)/)]);
    expect(context.warnings).toEqual([]);
  });

  it('accepts a plain OK (without the verbose lines)', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { body: 'OK' } });
    await expect(provider().set(spec('myhome.duckdns.org'), IP)).resolves.toMatchObject({ content: IP });
  });

  it('holds the record until the config changes on KO (wrong token or a domain of another account)', async () => {
    for (const [token, name] of [
      ['b0000000-0000-4000-8000-000000000000', 'myhome.duckdns.org'],
      [TOKEN, 'someone-else.duckdns.org'],
    ] as const) {
      const error = await caught(provider(token).set(spec(name), IP));
      expect(error).toMatchObject({ kind: 'auth', code: 'KO', hold: { until: 'config-change' }, retryable: false });
      expect(error.message).toMatch(/^DuckDNS answered KO for [a-z-]+: the token is wrong or [a-z-]+\.duckdns\.org is not a domain of this account$/);
      expect(error.message).not.toContain(token);
    }
  });

  it('retries 5xx, and calls an unknown answer a protocol error without naming the token', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: 'Bad Gateway' } });
    const serverError = await caught(provider().set(spec('myhome.duckdns.org'), IP));
    expect(serverError).toMatchObject({ kind: 'transient', retryable: true });
    expect(serverError.message).toBe('DuckDNS: server error (HTTP 502)');
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html>captive portal</html>' } });
    const unknown = await caught(provider().set(spec('myhome.duckdns.org'), IP));
    expect(unknown.kind).toBe('protocol');
    expect(unknown.message).toMatch(/^DuckDNS answered HTTP 200 with "<html>captive portal<\/html>", not OK or KO/);
  });

  it('warns when the verbose answer names another address than the one sent', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { body: 'OK\n81.2.69.1\n\nUPDATED' } });
    await provider().set(spec('myhome.duckdns.org'), IP);
    expect(context.warnings).toEqual([expect.stringMatching(/reports 81\.2\.69\.1, not the address sent \(81\.2\.69\.160\)/)]);
  });

  it('does not send a name that is not a DuckDNS name', async () => {
    await expect(provider().set(spec('home.example.com'), IP)).rejects.toMatchObject({ kind: 'config' });
    expect(fake.updates()).toHaveLength(0);
  });

  it('logs the request URL with the token masked once the token is registered, as the CLI does', async () => {
    registerSecrets([TOKEN]);
    await provider().set(spec('myhome.duckdns.org'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/update\?domains=myhome&token=\*\*\*&ip=81\.2\.69\.160/);
    expect(lines).not.toContain(TOKEN);
  });
});
