import type { WriteOnlyProvider } from '../types.js';
import { clearSecrets, redact, registerSecrets } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { createDynadotProvider } from './index.js';
import { dynadotMetadata } from './metadata.js';
import { dynadotError, startFakeDynadot, type FakeDynadot } from './fake.js';

const PASSWORD = 'Zq4mT8vL2nB6xR1c';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

describe('Dynadot provider against the fake', () => {
  let fake: FakeDynadot;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    fake = await startFakeDynadot({ domains: { 'example.com': PASSWORD } });
    context = providerContext({ endpoint: fake.url });
  });
  afterEach(async () => {
    await fake.close();
    clearSecrets();
  });

  const provider = (password = PASSWORD, domain = 'example.com'): WriteOnlyProvider =>
    createDynadotProvider({ domain, password }, context) as WriteOnlyProvider;

  it('validates the keys, and takes the ttl', () => {
    expect(dynadotMetadata.configSchema.safeParse({ domain: 'example.com', password: PASSWORD }).success).toBe(true);
    expect(dynadotMetadata.configSchema.safeParse({ domain: 'example.com' }).success).toBe(false);
    expect(dynadotMetadata.sendsTtl).toBe(true);
  });

  it('sends domain, subDomain, type, ip, pwd, ttl and containRoot=false for a sub-domain', async () => {
    await expect(provider().set(spec('home.example.com', { ttl: 600 }), IP)).resolves.toMatchObject({ content: IP, ttl: 600 });
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      domain: 'example.com', subDomain: 'home', type: 'A', ip: IP, pwd: PASSWORD, ttl: '600', containRoot: 'false',
    });
    expect(fake.held('home.example.com')).toBe(IP);
    expect(fake.held('example.com')).toBeUndefined();
  });

  it('sends the apex without subDomain and with containRoot=true; AAAA as type=AAAA; ttl 300 by default', async () => {
    await provider().set(spec('example.com', 'AAAA'), IPV6);
    const query = fake.updates()[0]?.query;
    expect(query?.has('subDomain')).toBe(false);
    expect(query?.get('containRoot')).toBe('true');
    expect(query?.get('type')).toBe('AAAA');
    expect(query?.get('ttl')).toBe('300');
    expect(fake.held('example.com', 'AAAA')).toBe(IPV6);
  });

  it.each([
    ['a wrong password', () => provider('wrong-password'), 'home.example.com', 'auth', /"invalid password": wrong password; set password to the DDNS password/],
    ['a domain of no account', () => provider(PASSWORD, 'example.net'), 'home.example.net', 'not-found', /"domain not found": check domain/],
  ] as const)('holds the record on %s', async (_case, make, name, kind, message) => {
    const error = await caught(make().set(spec(name), IP));
    expect(error).toMatchObject({ kind, code: '-1', hold: { until: 'config-change' }, retryable: false });
    expect(error.message).toMatch(/^Dynadot refused the update of [a-z.]+: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(PASSWORD);
  });

  it('holds any other refusal as a config error quoting it, the password masked', async () => {
    fake.server.injectFault({ kind: 'reply', reply: dynadotError(`bad request ${PASSWORD}`) });
    const error = await caught(provider().set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ kind: 'config', hold: { until: 'config-change' } });
    expect(error.message).toBe('Dynadot refused the update of home.example.com: "bad request ***"; change the record or the [[provider]] settings it names');
  });

  it('refuses a name outside the domain without sending', async () => {
    await expect(provider().set(spec('home.example.org'), IP)).rejects.toMatchObject({ kind: 'config' });
    expect(fake.updates()).toHaveLength(0);
  });

  it('retries 5xx, and calls a body that is not its JSON a protocol error', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: 'Bad Gateway' } });
    expect(await caught(provider().set(spec('home.example.com'), IP))).toMatchObject({ kind: 'transient', retryable: true });
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: 'ok' } });
    const unknown = await caught(provider().set(spec('home.example.com'), IP));
    expect(unknown.kind).toBe('protocol');
    expect(unknown.message).toBe('Dynadot answered HTTP 200 with body "ok", not a reply it documents; check endpoint');
  });

  it('logs the URL with the password masked once registered, as the CLI does', async () => {
    registerSecrets([PASSWORD]);
    await provider().set(spec('home.example.com'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/set_ddns\?domain=example\.com&subDomain=home&type=A&ip=81\.2\.69\.160&pwd=\*\*\*&ttl=300/);
    expect(lines).not.toContain(PASSWORD);
  });
});
