import type { HttpClient, HttpRequest } from '../../http/client.js';
import { ProviderError } from '../../http/errors.js';
import { withRetry } from '../../core/retry.js';
import { clearSecrets, redact } from '../../log/redact.js';
import type { Provider } from '../types.js';
import { createDnspodProvider } from './index.js';
import { dnspodMetadata } from './metadata.js';
import { classifyTokenCode } from './token-client.js';
import { startFakeDnspod, type FakeDnspod } from './fake.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';

/** The DNSPod token API (login_token = "ID,TOKEN") through the dnspod provider, against the fake. */

const TOKEN_ID = '420042';
const TOKEN = 'f00dfeedcafe0123456789abcdef4242';
const LOGIN_TOKEN = `${TOKEN_ID},${TOKEN}`;

function makeProvider(fake: FakeDnspod, options: Record<string, unknown> = { login_token: LOGIN_TOKEN }): Provider {
  return createDnspodProvider(options, providerContext({ endpoint: fake.url }));
}

const form = (request: SeenRequest | undefined): Record<string, string> => Object.fromEntries(new URLSearchParams(request?.body ?? ''));

describe('DNSPod token API', () => {
  let fake: FakeDnspod;

  beforeEach(async () => {
    fake = await startFakeDnspod({ secretId: 'AKIDunusedHere0123456789', secretKey: 'unusedSecretKey0123456789', loginToken: LOGIN_TOKEN, domains: ['example.com', 'example.com.cn'] });
  });

  afterEach(async () => {
    clearSecrets();
    await fake.close();
  });

  it('POSTs a form with login_token and format=json to /<Action>, and never an API 3.0 request', async () => {
    const provider = makeProvider(fake);

    await provider.find(spec('home.example.com.cn'));

    expect(fake.actions()).toEqual(['Domain.List', 'Record.List']);
    const [domainList, recordList] = fake.server.requests;
    expect(domainList?.method).toBe('POST');
    expect(domainList?.path).toBe('/Domain.List');
    expect(domainList?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(domainList?.headers.authorization).toBeUndefined();
    expect(form(domainList)).toEqual(expect.objectContaining({ login_token: LOGIN_TOKEN, format: 'json', error_on_empty: 'no', type: 'all' }));
    expect(form(recordList)).toEqual(
      expect.objectContaining({ login_token: LOGIN_TOKEN, format: 'json', domain: 'example.com.cn', sub_domain: 'home', record_type: 'A', record_line: '默认' }),
    );
  });

  it('creates, finds it unchanged with no write, then modifies with Record.Modify keeping the ttl', async () => {
    const provider = makeProvider(fake);
    const record = spec('home.example.com', { zone: 'example.com' });

    await upsert(provider, record, '198.51.100.4');
    expect(fake.actions()).toEqual(['Record.List', 'Record.Create']);
    expect(fake.addressRecords()).toEqual([expect.objectContaining({ domain: 'example.com', Name: 'home', Type: 'A', Line: '默认', Value: '198.51.100.4', TTL: 600 })]);
    expect(fake.store.writes).toBe(1);

    expect((await provider.find(record))?.content).toBe('198.51.100.4');
    expect(fake.store.writes).toBe(1);

    await upsert(provider, record, '198.51.100.5');
    const modify = fake.server.requests.at(-1);
    expect(modify?.path).toBe('/Record.Modify');
    expect(form(modify)).toEqual(
      expect.objectContaining({ domain: 'example.com', record_id: String(fake.addressRecords()[0]?.RecordId), sub_domain: 'home', record_type: 'A', record_line: '默认', value: '198.51.100.5', ttl: '600' }),
    );
    expect(fake.addressRecords()).toEqual([expect.objectContaining({ Value: '198.51.100.5', TTL: 600 })]);
    expect(fake.store.writes).toBe(2);
  });

  it('sees records made with the other API: one store behind both', async () => {
    fake.addRecord({ domain: 'example.com', name: 'nas', type: 'AAAA', value: '2001:db8::1', ttl: 3600 });
    const provider = makeProvider(fake);

    const found = await provider.find(spec('nas.example.com', { type: 'AAAA', zone: 'example.com' }));

    expect(found).toEqual({ id: String(fake.addressRecords()[0]?.RecordId), name: 'nas.example.com', type: 'AAAA', content: '2001:db8::1', ttl: 3600 });
  });

  it('takes "already exists" (104) on a retried create as done once a re-read shows the address', async () => {
    fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4' });
    const provider = makeProvider(fake);

    const created = await provider.create(spec('home.example.com', { zone: 'example.com' }), '198.51.100.4');

    expect(created.content).toBe('198.51.100.4');
    expect(fake.actions()).toEqual(['Record.Create', 'Record.List']);
  });

  it('maps a wrong token (-1) to auth, not retried, without the token or its TOKEN part', async () => {
    const wrong = `${TOKEN_ID},0000000000aaaaaaaaaa0000000000aa`;
    const provider = makeProvider(fake, { login_token: wrong });

    const error = await caught(withRetry(() => provider.find(spec('home.example.com', { zone: 'example.com' })), { retries: 2, minDelayMs: 1, maxRetryAfterMs: 1000 }));

    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/DNSPod rejected the login token \(code -1: Login fail, please check login info\): check login_token/);
    expect(error.message).not.toContain('0000000000aaaaaaaaaa0000000000aa');
    expect(fake.server.requests).toHaveLength(1);
    // The TOKEN part alone is masked in everything that leaves the process, URL-encoded or not.
    expect(redact(`token 0000000000aaaaaaaaaa0000000000aa in ${encodeURIComponent(wrong)}`)).not.toMatch(/0000000000aaaaaaaaaa0000000000aa/);
  });

  it('retries the API limit (-2) and converges', async () => {
    fake.failNextToken(2, '-2');
    const provider = makeProvider(fake);

    await withRetry(() => upsert(provider, spec('home.example.com', { zone: 'example.com' }), '198.51.100.4'), { retries: 3, minDelayMs: 1, maxRetryAfterMs: 1000 });

    expect(fake.addressRecords()).toHaveLength(1);
  });

  it('maps a deleted record (8) to not-found and a TTL below the plan minimum to config', async () => {
    const seeded = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4' });
    const provider = makeProvider(fake);
    const record = spec('home.example.com', { zone: 'example.com' });
    const existing = await provider.find(record);
    fake.removeRecord(seeded.RecordId);

    expect((await caught(provider.update(record, existing!, '198.51.100.5'))).kind).toBe('not-found');
    expect((await caught(provider.create({ ...record, ttl: 60 }, '198.51.100.5'))).message).toMatch(/DNSPod refused Record\.Create \(code 32: TTL out of range\)/);
  });

  it('answers that are not token API envelopes: 5xx transient, 429 rate-limit, others protocol', async () => {
    const provider = makeProvider(fake);
    const record = spec('home.example.com', { zone: 'example.com' });
    for (const [reply, kind] of [
      [{ status: 502, body: '<html>bad gateway</html>' }, 'transient'],
      [{ status: 429, body: '' }, 'rate-limit'],
      [{ status: 200, body: '<html>captive portal</html>' }, 'protocol'],
      [{ status: 200, body: '{"status":{"code":"1"},"records":[{"id":"x"}]}' }, 'protocol'],
      [{ status: 200, body: '{"records":[]}' }, 'protocol'],
    ] as const) {
      fake.server.injectFault({ kind: 'reply', reply }, 1);
      const error = await caught(provider.find(record));
      expect([error.kind, error instanceof ProviderError]).toEqual([kind, true]);
    }
  });

  it('classifies the documented status codes', () => {
    expect(['-1', '10001', '-8', '-7', '7', '9', '83', '85'].map(classifyTokenCode)).toEqual(Array(8).fill('auth'));
    expect(classifyTokenCode('-2')).toBe('rate-limit');
    expect(['3', '-99'].map(classifyTokenCode)).toEqual(['transient', 'transient']);
    expect(['6', '8'].map(classifyTokenCode)).toEqual(['not-found', 'not-found']);
    expect(classifyTokenCode('104')).toBe('conflict');
    expect(['21', '26', '29', '32', '34', '500025'].map(classifyTokenCode)).toEqual(Array(6).fill('config'));
  });
});

describe('DNSPod token API sites', () => {
  function recordingHttp(): { http: HttpClient; urls: string[] } {
    const urls: string[] = [];
    const http: HttpClient = {
      request: (request: HttpRequest) => {
        urls.push(request.url);
        return Promise.reject(new ProviderError('transient', 'not sent'));
      },
    } as HttpClient;
    return { http, urls };
  }

  it.each([
    ['login_token', 'https://dnsapi.cn/Record.List', { login_token: LOGIN_TOKEN }],
    ['login_token, site "intl"', 'https://api.dnspod.com/Record.List', { login_token: LOGIN_TOKEN, site: 'intl' }],
    ['secret_id/secret_key, site "intl"', 'https://dnspod.intl.tencentcloudapi.com/', { secret_id: 'AKIDsite0123', secret_key: 'siteKey0123', site: 'intl' }],
    ['secret_id/secret_key', 'https://dnspod.tencentcloudapi.com/', { secret_id: 'AKIDsite0123', secret_key: 'siteKey0123' }],
  ])('%s talks to %s', async (_label, url, options) => {
    const { http, urls } = recordingHttp();
    const provider = createDnspodProvider(options, { ...providerContext(), http, endpoint: undefined });
    await caught(provider.find(spec('home.example.com', { zone: 'example.com' })));
    clearSecrets();
    expect(urls).toEqual([url]);
  });

  it('keeps records on the international site\'s "default" line', async () => {
    const { http } = recordingHttp();
    const bodies: string[] = [];
    const recording = { request: (request: HttpRequest) => (bodies.push(String(request.body)), http.request(request)) } as HttpClient;
    const provider = createDnspodProvider({ login_token: LOGIN_TOKEN, site: 'intl' }, { ...providerContext(), http: recording, endpoint: undefined });
    await caught(provider.find(spec('home.example.com', { zone: 'example.com' })));
    clearSecrets();
    expect(new URLSearchParams(bodies[0]).get('record_line')).toBe('default');
  });
});

describe('DNSPod credentials in the config schema', () => {
  const parse = (options: Record<string, unknown>) => dnspodMetadata.configSchema.safeParse(options);

  it('accepts either kind, with an optional site', () => {
    expect(parse({ login_token: LOGIN_TOKEN }).success).toBe(true);
    expect(parse({ login_token: LOGIN_TOKEN, site: 'intl' }).success).toBe(true);
    expect(parse({ secret_id: 'AKIDx0123', secret_key: 'key0123', site: 'cn' }).success).toBe(true);
    expect(parse({ login_token: LOGIN_TOKEN, site: 'com' }).success).toBe(false);
  });

  it('refuses both kinds at once, neither, half a pair, and a token not of the form ID,TOKEN (without echoing it)', () => {
    const both = parse({ login_token: LOGIN_TOKEN, secret_id: 'AKIDx0123', secret_key: 'key0123' });
    expect(both.success).toBe(false);
    expect(both.error?.issues).toEqual([expect.objectContaining({ path: ['login_token'], message: expect.stringMatching(/not both/) })]);
    expect(parse({}).error?.issues).toEqual([expect.objectContaining({ path: [], message: expect.stringMatching(/needs credentials/) })]);
    expect(parse({ secret_id: 'AKIDx0123' }).error?.issues).toEqual([expect.objectContaining({ path: ['secret_key'] })]);
    const malformed = parse({ login_token: TOKEN });
    expect(malformed.error?.issues).toEqual([expect.objectContaining({ path: ['login_token'] })]);
    expect(JSON.stringify(malformed.error?.issues)).not.toContain(TOKEN);
  });
});
