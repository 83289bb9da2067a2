import { createPublicKey, verify } from 'node:crypto';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { HttpClient } from '../../http/client.js';
import { createGcloudProvider } from './index.js';
import { fakeServiceAccountKey, startFakeGcloud, type FakeGcloudOptions, type RunningGcloudFake } from './fake.js';

const PROJECT = 'ddns-unit-project';
const EMAIL = 'ddns@ddns-unit-project.iam.gserviceaccount.com';
const ZONES = '/dns/v1/projects/ddns-unit-project/managedZones';
const KEY = fakeServiceAccountKey({ project: PROJECT, clientEmail: EMAIL });

let fake: RunningGcloudFake;
afterEach(async () => {
  await fake.close();
});

/** The fake, and the key file's JSON whose token_uri points at it. */
async function start(overrides: Partial<FakeGcloudOptions> = {}): Promise<string> {
  fake = await startFakeGcloud({ project: PROJECT, clientEmail: EMAIL, publicKey: KEY.publicKey, zones: ['example.com', 'lab.example.com'], ...overrides });
  return KEY.json(`${fake.endpoint}/token`);
}

/** No endpoint: the token is asked of the key's token_uri; only Cloud DNS requests are rewritten to the fake. */
function provider(json: string, extra: Record<string, string> = {}) {
  const base = providerContext();
  const http: HttpClient = { request: async (request) => base.http.request({ ...request, url: request.url.replace('https://dns.googleapis.com', fake.endpoint) }) };
  const context = providerContext({ http });
  return { dns: createGcloudProvider({ key: json, ...extra }, context), context };
}

const requests = () => fake.server?.requests ?? [];

describe('gcloud', () => {
  it('signs an RS256 JWT (iss, scope, aud = token_uri, iat, exp = iat + 3600), exchanges it at token_uri once per run, then sends the Bearer token', async () => {
    const json = await start();
    const { dns } = provider(json);
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const [token, ...api] = requests();
    expect(token?.path).toBe('/token');
    const form = new URLSearchParams(token?.body);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: '1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c' });
    const body = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()) as Record<string, number | string>;
    expect(body).toEqual({ iss: EMAIL, scope: 'https://www.googleapis.com/auth/ndev.clouddns.readwrite', aud: `${fake.endpoint}/token`, iat: expect.any(Number), exp: Number(body['iat']) + 3600 });
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), createPublicKey(KEY.privateKeyPem), Buffer.from(signature ?? '', 'base64url'))).toBe(true);
    expect(fake.tokensIssued()).toBe(1);
    expect(api.every((request) => request.headers.authorization === 'Bearer ya29.c.fake.1')).toBe(true);
    expect(api.filter((request) => request.path === ZONES)).toHaveLength(1);
    const find = api.find((request) => request.method === 'GET' && request.path === `${ZONES}/lab-example-com/rrsets`);
    expect([find?.query.get('name'), find?.query.get('type')]).toEqual(['a.lab.example.com.', 'A']);
    const creates = api.filter((request) => request.method === 'POST').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(creates).toEqual([
      { path: `${ZONES}/lab-example-com/rrsets`, body: { name: 'a.lab.example.com.', type: 'A', ttl: 300, rrdatas: ['81.2.69.160'] } },
      { path: `${ZONES}/example-com/rrsets`, body: { name: 'example.com.', type: 'AAAA', ttl: 300, rrdatas: ['2a02:1388:1000::160'] } },
    ]);
    expect(fake.store.records({ name: 'a.lab.example.com', type: 'A' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 300 })]);
  });

  it('reads every page of managed zones by nextPageToken (250 zones, 100 per page); a configured zone is asked for by dnsName', async () => {
    const json = await start({ zones: Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`) });
    await upsert(provider(json).dns, spec('home.zone249.example'), '81.2.69.160');
    const pages = requests().filter((request) => request.path === ZONES).map((request) => [request.query.get('maxResults'), request.query.get('pageToken')]);
    expect(pages).toEqual([['100', null], ['100', '100'], ['100', '200']]);
    await upsert(provider(json).dns, spec('home.zone7.example', { zone: 'zone7.example' }), '81.2.69.160');
    expect(requests().filter((request) => request.path === ZONES).at(-1)?.query.get('dnsName')).toBe('zone7.example.');
    expect(fake.store.records({ name: 'home.zone7.example' })).toHaveLength(1);
  });

  it('updates with PATCH …/rrsets/{name}/{type}, keeping the id and the ttl; several addresses become one, with a warning', async () => {
    const json = await start();
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1\n81.2.69.2', ttl: 120 });
    const { dns, context } = provider(json);
    const found = await dns.find(spec('home.example.com'));
    expect(found).toMatchObject({ id: 'home.example.com./A', content: '81.2.69.1, 81.2.69.2', ttl: 120 });
    expect(context.warnings.join('\n')).toMatch(/holds 2 addresses/);
    const written = await upsert(dns, spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: 'home.example.com./A', content: '81.2.69.160', ttl: 120 });
    const last = requests().at(-1);
    expect([last?.method, last?.path]).toEqual(['PATCH', `${ZONES}/example-com/rrsets/home.example.com./A`]);
    expect(JSON.parse(last?.body ?? '')).toEqual({ name: 'home.example.com.', type: 'A', ttl: 120, rrdatas: ['81.2.69.160'] });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 120 })]);
  });

  it('with endpoint set, the token is asked of {endpoint}/token and aud stays the key\'s token_uri', async () => {
    fake = await startFakeGcloud({ project: PROJECT, clientEmail: EMAIL, publicKey: KEY.publicKey, audience: 'https://oauth2.googleapis.com/token', zones: ['example.com'] });
    const dns = createGcloudProvider({ key: KEY.json('https://oauth2.googleapis.com/token') }, providerContext({ endpoint: fake.endpoint }));
    await upsert(dns, spec('home.example.com'), '81.2.69.160');
    expect(fake.assertions[0]?.['aud']).toBe('https://oauth2.googleapis.com/token');
    expect(fake.store.records({ name: 'home.example.com' })).toHaveLength(1);
  });

  it('a key Google does not accept (invalid_grant) is auth naming key_file; a bad clock is clock-skew; no secret in any message', async () => {
    const json = await start();
    const other = fakeServiceAccountKey({ project: PROJECT, clientEmail: EMAIL });
    const wrongKey = await caught(provider(other.json(`${fake.endpoint}/token`)).dns.find(spec('home.example.com')));
    expect(wrongKey.kind).toBe('auth');
    expect(wrongKey.retryable).toBe(false);
    expect(wrongKey.message).toMatch(/invalid_grant: Invalid JWT Signature\..*key_file/);

    const unknown = fakeServiceAccountKey({ project: PROJECT, clientEmail: 'gone@ddns-unit-project.iam.gserviceaccount.com' });
    const gone = await caught(provider(unknown.json(`${fake.endpoint}/token`)).dns.find(spec('home.example.com')));
    expect(gone.message).toMatch(/account not found.*no longer exists/);

    const realNow = Date.now;
    Date.now = () => realNow() + 2 * 3600_000;
    let skew;
    try {
      skew = await caught(provider(json).dns.find(spec('home.example.com')));
    } finally {
      Date.now = realNow;
    }
    expect(skew.kind).toBe('clock-skew');
    for (const error of [wrongKey, gone, skew]) {
      expect(error.message).not.toMatch(/\n|PRIVATE KEY|eyJ/);
      expect(error.message).not.toContain(KEY.privateKeyPem.split('\n')[1]);
    }
  });

  it('a key that is not a service-account key, or a broken private_key, is a config error that never quotes it', async () => {
    await start();
    expect(() => provider('{"type":"authorized_user"}')).toThrow(/key \(key_file or key_env\) is not a service-account JSON key/);
    const broken = KEY.json(`${fake.endpoint}/token`).replace(/MII[A-Za-z0-9+/]{20}/, 'MIIbroken');
    const error = await caught(provider(broken).dns.find(spec('home.example.com')));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/private_key .* is not an RSA private key/);
    expect(error.message).not.toMatch(/MII/);
  });

  it('403 without a role is auth naming roles/dns.admin; the API disabled is config; 401 is auth; 429 is rate-limit; 409 on a retried create counts as done', async () => {
    let json = await start({ noRole: true });
    const denied = await caught(provider(json).dns.find(spec('home.example.com')));
    expect(denied.kind).toBe('auth');
    expect(denied.message).toMatch(/roles\/dns\.admin/);
    await fake.close();

    json = await start({ apiDisabled: true });
    const disabled = await caught(provider(json).dns.find(spec('home.example.com')));
    expect(disabled.kind).toBe('config');
    expect(disabled.message).toMatch(/enable it \(APIs & Services → Cloud DNS API\)/);
    await fake.close();

    json = await start();
    const { dns } = provider(json);
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] } } } });
    expect((await caught(dns.find(spec('home.example.com')))).kind).toBe('auth');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded' }] } } } });
    const limited = await caught(dns.find(spec('home.example.com')));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate-limit', 3000]);

    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    const created = await dns.create(spec('home.example.com'), '81.2.69.160');
    expect(created.content).toBe('81.2.69.160');
    expect(fake.store.records({ name: 'home.example.com' })).toHaveLength(1);
  });
});
