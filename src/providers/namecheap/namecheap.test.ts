import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { WriteOnlyProvider } from '../types.js';
import { clearSecrets, redact, registerSecrets } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { createNamecheapProvider, xmlElement } from './index.js';
import { namecheapMetadata } from './metadata.js';
import { namecheapError, startFakeNamecheap, type FakeNamecheap } from './fake.js';

const PASSWORD = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const IP = '81.2.69.160';

describe('Namecheap metadata', () => {
  it('validates domain and password', () => {
    expect(namecheapMetadata.configSchema.safeParse({ domain: 'example.com', password: PASSWORD }).success).toBe(true);
    expect(namecheapMetadata.configSchema.safeParse({ domain: 'example.com', password: `${PASSWORD} ` }).success).toBe(false);
    expect(namecheapMetadata.configSchema.safeParse({ domain: 'example', password: PASSWORD }).success).toBe(false);
    expect(namecheapMetadata.recordTypes).toEqual(['A']);
  });

  it('refuses an AAAA record when the config loads, at its line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddns-namecheap-'));
    try {
      const path = join(dir, 'ddns.toml');
      const text = [
        '[[provider]]', 'name = "nc"', 'type = "namecheap"', 'domain = "example.com"', `password = "${PASSWORD}"`, '',
        '[[record]]', 'provider = "nc"', 'name = "home.example.com"', 'type = "A"', '',
        '[[record]]', 'provider = "nc"', 'name = "home.example.com"', 'type = "AAAA"', '',
      ].join('\n');
      await writeFile(path, text, { mode: 0o600 });
      const error = await loadConfig(path, { env: {} }).then(
        () => undefined,
        (failure: unknown) => failure as Error,
      );
      expect(error?.message).toMatch(/ddns\.toml:15.*cannot set AAAA records \(Namecheap Dynamic DNS sets A records only\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('xmlElement', () => {
  it('reads an element and decodes entities', () => {
    expect(xmlElement('<a><Err1>A &amp; B</Err1></a>', 'Err1')).toBe('A & B');
    expect(xmlElement('<a><errors /></a>', 'Err1')).toBeUndefined();
  });
});

describe('Namecheap provider against the fake', () => {
  let fake: FakeNamecheap;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    fake = await startFakeNamecheap({ domains: { 'example.com': { password: PASSWORD, hosts: ['home', '@'] } } });
    context = providerContext({ endpoint: fake.url });
  });
  afterEach(async () => {
    await fake.close();
    clearSecrets();
  });

  const provider = (password = PASSWORD, domain = 'example.com'): WriteOnlyProvider =>
    createNamecheapProvider({ domain, password }, context) as WriteOnlyProvider;

  it('sends host, domain, password and ip as a GET, and the fake holds it', async () => {
    await expect(provider().set(spec('home.example.com'), IP)).resolves.toMatchObject({ content: IP, name: 'home.example.com' });
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/update');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ host: 'home', domain: 'example.com', password: PASSWORD, ip: IP });
    expect(fake.held('home.example.com')).toBe(IP);
  });

  it('sends the apex as host=@', async () => {
    await provider().set(spec('example.com'), IP);
    expect(fake.updates()[0]?.query.get('host')).toBe('@');
    expect(fake.held('example.com')).toBe(IP);
  });

  it('refuses a name outside the domain without sending', async () => {
    const error = await caught(provider().set(spec('home.example.org'), IP));
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toMatch(/not inside domain "example.com"/);
    expect(fake.updates()).toHaveLength(0);
  });

  it('refuses an AAAA record without sending', async () => {
    await expect(provider().set(spec('home.example.com', 'AAAA'), '2001:db8::1')).rejects.toMatchObject({ kind: 'config' });
    expect(fake.updates()).toHaveLength(0);
  });

  it.each([
    ['a wrong password', () => provider('wrong-password-123'), 'home.example.com', 'auth', /"Passwords do not match": wrong password; set password/],
    ['a host without a record', () => provider(), 'nas.example.com', 'not-found', /"No Records updated\. A record not Found;": the host has no A \+ Dynamic DNS record/],
    ['a domain of no account', () => provider(PASSWORD, 'example.net'), 'home.example.net', 'not-found', /"Domain name not found": the domain is not in this account/],
  ] as const)('holds the record on %s', async (_case, make, name, kind, message) => {
    const error = await caught(make().set(spec(name), IP));
    expect(error).toMatchObject({ kind, hold: { until: 'config-change' }, retryable: false });
    expect(error.message).toMatch(/^Namecheap refused the update of [a-z.]+: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(PASSWORD);
  });

  it('holds on any other error as a config error, quoting it with the password masked', async () => {
    fake.server.injectFault({ kind: 'reply', reply: namecheapError(`Invalid request ${PASSWORD}`, 1) });
    const error = await caught(provider().set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ kind: 'config', hold: { until: 'config-change' } });
    expect(error.message).toBe('Namecheap refused the update of home.example.com: "Invalid request ***"; change the record or the [[provider]] settings it names');
  });

  it('retries 5xx and calls a body that is no reply a protocol error', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 503, body: 'busy' } });
    expect(await caught(provider().set(spec('home.example.com'), IP))).toMatchObject({ kind: 'transient', retryable: true });
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html>parked</html>' } });
    const unknown = await caught(provider().set(spec('home.example.com'), IP));
    expect(unknown.kind).toBe('protocol');
    expect(unknown.message).toMatch(/^Namecheap answered HTTP 200 with body "<html>parked<\/html>", not a reply it documents; check endpoint$/);
  });

  it('warns when the reply names another address', async () => {
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<interface-response><IP>81.2.69.1</IP><ErrCount>0</ErrCount><errors /></interface-response>' } });
    await provider().set(spec('home.example.com'), IP);
    expect(context.warnings).toEqual([expect.stringMatching(/reports 81\.2\.69\.1, not the address sent \(81\.2\.69\.160\)/)]);
  });

  it('logs the URL with the password masked once registered, as the CLI does', async () => {
    registerSecrets([PASSWORD]);
    await provider().set(spec('home.example.com'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/update\?host=home&domain=example\.com&password=\*\*\*&ip=81\.2\.69\.160/);
    expect(lines).not.toContain(PASSWORD);
  });
});
