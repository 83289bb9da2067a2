import type { WriteOnlyProvider } from '../types.js';
import { clearSecrets, redact, registerSecrets } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { createDdnssProvider } from './index.js';
import { ddnssMetadata } from './metadata.js';
import { ddnssPage, startFakeDdnss, type FakeDdnss } from './fake.js';

const KEY = '9c1e4b7a2d5f8e3b6a0c';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

describe('DDNSS provider against the fake', () => {
  let fake: FakeDdnss;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    fake = await startFakeDdnss({ key: KEY, hosts: ['myhost.ddnss.de'] });
    context = providerContext({ endpoint: fake.url });
  });
  afterEach(async () => {
    await fake.close();
    clearSecrets();
  });

  const provider = (key = KEY): WriteOnlyProvider => createDdnssProvider({ key }, context) as WriteOnlyProvider;

  it('validates the key', () => {
    expect(ddnssMetadata.configSchema.safeParse({ key: KEY }).success).toBe(true);
    expect(ddnssMetadata.configSchema.safeParse({ key: `${KEY} x` }).success).toBe(false);
  });

  it('sends key, host and ip, and the fake holds it', async () => {
    await expect(provider().set(spec('myhost.ddnss.de'), IP)).resolves.toMatchObject({ content: IP });
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ key: KEY, host: 'myhost.ddnss.de', ip: IP });
    expect(fake.held('myhost.ddnss.de')).toBe(IP);
  });

  it('sends an AAAA address as ip6, and notes an unchanged address at debug level', async () => {
    await provider().set(spec('myhost.ddnss.de', 'AAAA'), IPV6);
    expect(Object.fromEntries(fake.updates()[0]?.query ?? [])).toEqual({ key: KEY, host: 'myhost.ddnss.de', ip6: IPV6 });
    await provider().set(spec('myhost.ddnss.de', 'AAAA'), IPV6);
    expect(context.debugMessages).toEqual([expect.stringMatching(/myhost\.ddnss\.de already held 2a02:1388:1000::160 \(no change\)/)]);
    expect(fake.held('myhost.ddnss.de', 'AAAA')).toBe(IPV6);
  });

  it.each([
    ['badauth', 'wrong-key-1', 'myhost.ddnss.de', 'auth', /badauth \(wrong key\); set key/],
    ['notfqdn', KEY, 'other.ddnss.de', 'not-found', /not in this ddnss\.de account/],
  ] as const)('holds the record on %s', async (_code, key, name, kind, message) => {
    const error = await caught(provider(key).set(spec(name), IP));
    expect(error).toMatchObject({ kind, hold: { until: 'config-change' }, retryable: false });
    expect(error.message).toMatch(/^DDNSS refused the update of [a-z.]+: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(key);
  });

  it('takes ddclient\'s "good" as success and a page that names a refusal as the refusal', async () => {
    fake.server.injectFault({ kind: 'reply', reply: ddnssPage('good 81.2.69.160') });
    await expect(provider().set(spec('myhost.ddnss.de'), IP)).resolves.toMatchObject({ content: IP });
    fake.server.injectFault({ kind: 'reply', reply: ddnssPage('abuse') });
    expect(await caught(provider().set(spec('myhost.ddnss.de'), IP))).toMatchObject({ kind: 'auth', hold: { until: 'config-change' } });
  });

  it('retries 5xx and calls an unknown page a protocol error, the key masked', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 503, body: 'Service Unavailable' } });
    expect(await caught(provider().set(spec('myhost.ddnss.de'), IP))).toMatchObject({ kind: 'transient', retryable: true });
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: `unknown key ${KEY}` } });
    const unknown = await caught(provider().set(spec('myhost.ddnss.de'), IP));
    expect(unknown.kind).toBe('protocol');
    expect(unknown.message).toBe('DDNSS answered HTTP 200 with body "unknown key ***", not a reply it documents; check endpoint');
  });

  it('logs the URL with the key masked once registered, as the CLI does', async () => {
    registerSecrets([KEY]);
    await provider().set(spec('myhost.ddnss.de'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/upd\.php\?key=\*\*\*&host=myhost\.ddnss\.de&ip=81\.2\.69\.160/);
    expect(lines).not.toContain(KEY);
  });
});
