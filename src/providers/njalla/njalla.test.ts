import type { WriteOnlyProvider } from '../types.js';
import { clearSecrets, redact, registerSecrets } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { createNjallaProvider } from './index.js';
import { njallaMetadata } from './metadata.js';
import { startFakeNjalla, type FakeNjalla } from './fake.js';

const KEY = 'q8Zt1mN4vX7cB2kL9pR3';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

describe('Njalla provider against the fake', () => {
  let fake: FakeNjalla;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    fake = await startFakeNjalla({ records: { 'home.example.com': KEY } });
    context = providerContext({ endpoint: fake.url });
  });
  afterEach(async () => {
    await fake.close();
    clearSecrets();
  });

  const provider = (key = KEY): WriteOnlyProvider => createNjallaProvider({ key }, context) as WriteOnlyProvider;

  it('validates the key in the config schema', () => {
    expect(njallaMetadata.configSchema.safeParse({ key: KEY }).success).toBe(true);
    expect(njallaMetadata.configSchema.safeParse({ key: `${KEY}\n` }).success).toBe(false);
    expect(njallaMetadata.writeOnly).toBe(true);
  });

  it('sends h, k and a for an A record, and the fake holds it', async () => {
    await expect(provider().set(spec('home.example.com'), IP)).resolves.toMatchObject({ content: IP });
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/update/');
    expect(request?.headers.accept).toBe('application/json');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ h: 'home.example.com', k: KEY, a: IP });
    expect(fake.held('home.example.com')).toBe(IP);
  });

  it('sends an AAAA address as aaaa, leaving the IPv4', async () => {
    await provider().set(spec('home.example.com'), IP);
    await provider().set(spec('home.example.com', 'AAAA'), IPV6);
    expect(Object.fromEntries(fake.updates()[1]?.query ?? [])).toEqual({ h: 'home.example.com', k: KEY, aaaa: IPV6 });
    expect([fake.held('home.example.com'), fake.held('home.example.com', 'AAAA')]).toEqual([IP, IPV6]);
  });

  it.each([
    ['a wrong key', 'wrong-key-0000', 'home.example.com'],
    ['a host of no record', KEY, 'nas.example.com'],
  ])('holds the record on %s (invalid host or key)', async (_case, key, name) => {
    const error = await caught(provider(key).set(spec(name), IP));
    expect(error).toMatchObject({ kind: 'auth', status: 401, hold: { until: 'config-change' }, retryable: false });
    expect(error.message).toMatch(/^Njalla refused the update of [a-z.]+: invalid host or key; set key to the key the Njalla panel shows/);
    expect(error.message).not.toContain(key);
  });

  it('holds the record on "invalid data" whatever the status (an address Njalla refused)', async () => {
    const error = await caught(provider().set(spec('home.example.com'), 'not-an-address'));
    expect(error).toMatchObject({ kind: 'config', status: 500, hold: { until: 'config-change' } });
    expect(error.message).toBe('Njalla refused the update of home.example.com: invalid data (the address sent was refused)');
  });

  it('retries 5xx, holds a bare 403, and calls anything else a protocol error with the key masked', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 500, body: '{"status":500,"message":"internal error"}' } });
    expect(await caught(provider().set(spec('home.example.com'), IP))).toMatchObject({ kind: 'transient', retryable: true });
    fake.server.injectFault({ kind: 'reply', reply: { status: 403, body: 'Forbidden' } });
    expect(await caught(provider().set(spec('home.example.com'), IP))).toMatchObject({ kind: 'auth', hold: { until: 'config-change' } });
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: `{"message":"unknown ${KEY}"}` } });
    const unknown = await caught(provider().set(spec('home.example.com'), IP));
    expect(unknown.kind).toBe('protocol');
    expect(unknown.message).toBe('Njalla answered HTTP 200 with body "{"message":"unknown ***"}", not a reply it documents; check endpoint');
  });

  it('warns when the reply names another address', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '{"status":200,"message":"record updated","value":{"A":"81.2.69.1"}}' } });
    await provider().set(spec('home.example.com'), IP);
    expect(context.warnings).toEqual([expect.stringMatching(/reports 81\.2\.69\.1, not the address sent \(81\.2\.69\.160\)/)]);
  });

  it('logs the URL with the key masked once registered, as the CLI does', async () => {
    registerSecrets([KEY]);
    await provider().set(spec('home.example.com'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/update\/\?h=home\.example\.com&k=\*\*\*&a=81\.2\.69\.160/);
    expect(lines).not.toContain(KEY);
  });
});
