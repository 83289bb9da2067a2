import type { WriteOnlyProvider } from '../types.js';
import { clearSecrets, redact, registerSecrets } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { createFreednsProvider } from './index.js';
import { freednsMetadata } from './metadata.js';
import { freednsText, startFakeFreedns, type FakeFreedns } from './fake.js';

const TOKEN = 'dG9rZW5Gb3JUaGVBRW50cnkxMjM0NTY';
const IPV6_TOKEN = 'dG9rZW5Gb3JUaGVBQUFBRW50cnk5ODc';
const IP = '81.2.69.160';
const IPV6 = '2a02:1388:1000::160';

describe('FreeDNS provider against the fake', () => {
  let fake: FakeFreedns;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    fake = await startFakeFreedns({ entries: { [TOKEN]: { name: 'home.mooo.com', type: 'A' }, [IPV6_TOKEN]: { name: 'home.mooo.com', type: 'AAAA' } } });
    context = providerContext({ endpoint: fake.url });
  });
  afterEach(async () => {
    await fake.close();
    clearSecrets();
  });

  const provider = (options: Record<string, string> = { token: TOKEN, ipv6_token: IPV6_TOKEN }): WriteOnlyProvider =>
    createFreednsProvider(options, context) as WriteOnlyProvider;

  it('needs token or ipv6_token in the config', () => {
    expect(freednsMetadata.configSchema.safeParse({ token: TOKEN }).success).toBe(true);
    expect(freednsMetadata.configSchema.safeParse({ ipv6_token: IPV6_TOKEN }).success).toBe(true);
    expect(freednsMetadata.configSchema.safeParse({}).success).toBe(false);
    expect(freednsMetadata.configSchema.safeParse({ token: 'a b' }).success).toBe(false);
  });

  it('sends the A entry\'s token as the first query item, then address', async () => {
    await expect(provider().set(spec('home.mooo.com'), IP)).resolves.toMatchObject({ content: IP });
    const [request] = fake.updates();
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/dynamic/update.php');
    expect([...(request?.query ?? [])]).toEqual([[TOKEN, ''], ['address', IP]]);
    expect(fake.held('home.mooo.com')).toBe(IP);
  });

  it('sends an AAAA record with ipv6_token, and notes "has not changed" at debug level', async () => {
    await provider().set(spec('home.mooo.com', 'AAAA'), IPV6);
    expect([...(fake.updates()[0]?.query ?? [])]).toEqual([[IPV6_TOKEN, ''], ['address', IPV6]]);
    await provider().set(spec('home.mooo.com', 'AAAA'), IPV6);
    expect(context.debugMessages).toEqual([expect.stringMatching(/home\.mooo\.com already held 2a02:1388:1000::160 \(not changed\)/)]);
    expect(fake.held('home.mooo.com', 'AAAA')).toBe(IPV6);
  });

  it('refuses an AAAA record without ipv6_token, sending nothing', async () => {
    const error = await caught(provider({ token: TOKEN }).set(spec('home.mooo.com', 'AAAA'), IPV6));
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toMatch(/needs ipv6_token = "…"/);
    expect(fake.updates()).toHaveLength(0);
  });

  it('holds the record on an unknown token, without naming it', async () => {
    const wrong = 'd3JvbmdUb2tlbldyb25nVG9rZW4';
    const error = await caught(provider({ token: wrong }).set(spec('home.mooo.com'), IP));
    expect(error).toMatchObject({ kind: 'auth', hold: { until: 'config-change' }, retryable: false });
    expect(error.message).toMatch(/^FreeDNS refused the update of home\.mooo\.com: FreeDNS does not know this token/);
    expect(error.message).not.toContain(wrong);
  });

  it('holds any other ERROR as a config error quoting it, the token masked', async () => {
    fake.server.injectFault({ kind: 'reply', reply: freednsText(`ERROR: Address 81.2.69.160 is not valid for ${TOKEN}`) });
    const error = await caught(provider().set(spec('home.mooo.com'), IP));
    expect(error).toMatchObject({ kind: 'config', hold: { until: 'config-change' } });
    expect(error.message).toBe('FreeDNS refused the update of home.mooo.com: "ERROR: Address 81.2.69.160 is not valid for ***"; change the record or the [[provider]] settings it names');
  });

  it('takes the v2 "No IP change detected" as success, retries 5xx, and calls an unknown body a protocol error', async () => {
    fake.server.injectFault({ kind: 'reply', reply: freednsText('No IP change detected for home.mooo.com with IP 81.2.69.160, skipping update') });
    await expect(provider().set(spec('home.mooo.com'), IP)).resolves.toMatchObject({ content: IP });
    fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: 'Bad Gateway' } });
    expect(await caught(provider().set(spec('home.mooo.com'), IP))).toMatchObject({ kind: 'transient', retryable: true });
    fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: 'OK' } });
    const unknown = await caught(provider().set(spec('home.mooo.com'), IP));
    expect(unknown.message).toBe('FreeDNS answered HTTP 200 with body "OK", not a reply it documents; check endpoint');
  });

  it('logs the URL with the token masked once registered, as the CLI does', async () => {
    registerSecrets([TOKEN, IPV6_TOKEN]);
    await provider().set(spec('home.mooo.com'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/dynamic\/update\.php\?\*\*\*&address=81\.2\.69\.160/);
    expect(lines).not.toContain(TOKEN);
  });
});
