import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createGodaddyProvider } from './index.js';
import { ACCESS_DENIED_MESSAGE } from './client.js';
import { startFakeGodaddy, type FakeGodaddyOptions } from './fake.js';

const API_KEY = 'unit0godaddy0key';
const API_SECRET = 'unit0godaddy0secret0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

async function start(zones: string[], extra: Partial<FakeGodaddyOptions> = {}) {
  fake = await startFakeGodaddy({ apiKey: API_KEY, apiSecret: API_SECRET, zones, ...extra });
}

function provider(apiSecret = API_SECRET) {
  return createGodaddyProvider({ api_key: API_KEY, api_secret: apiSecret }, providerContext({ endpoint: fake.endpoint }));
}

describe('godaddy', () => {
  it('sends the sso-key header and PUTs the set by relative name (@ for the apex) in the deepest domain', async () => {
    await start(['example.com', 'lab.example.com']);
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `sso-key ${API_KEY}:${API_SECRET}`)).toBe(true);
    const puts = requests.filter((request) => request.method === 'PUT').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(puts).toEqual([
      { path: '/v1/domains/lab.example.com/records/A/a', body: [{ data: '81.2.69.160', ttl: 600 }] },
      { path: '/v1/domains/example.com/records/AAAA/%40', body: [{ data: '2a02:1388:1000::160', ttl: 600 }] },
    ]);
    expect(requests.filter((request) => request.path === '/v1/domains')).toHaveLength(1);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toEqual([expect.objectContaining({ content: '2a02:1388:1000::160', ttl: 600 })]);
  });

  it('reads every page of domains by marker (2500 domains, 1000 per page)', async () => {
    const zones = Array.from({ length: 2500 }, (_unused, index) => `zone${String(index).padStart(4, '0')}.example`);
    await start(zones);
    await upsert(provider(), spec('home.zone2499.example'), '81.2.69.160');
    const listings = (fake.server?.requests ?? []).filter((request) => request.path === '/v1/domains');
    expect(listings.map((request) => [request.query.get('limit'), request.query.get('marker')])).toEqual([
      ['1000', null],
      ['1000', 'zone0999.example'],
      ['1000', 'zone1999.example'],
    ]);
    expect(fake.store.records({ name: 'home.zone2499.example' })).toHaveLength(1);
  });

  it('a configured zone is one GET /v1/domains/{domain}, not the listing; an unknown one is not-found', async () => {
    await start(['example.com', 'example.net']);
    await upsert(provider(), { ...spec('home.example.com'), zone: 'example.com' }, '81.2.69.160');
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.path === '/v1/domains')).toHaveLength(0);
    expect(requests.filter((request) => request.path === '/v1/domains/example.com')).toHaveLength(1);
    const missing = await caught(provider().find({ ...spec('home.example.org'), zone: 'example.org' }));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('no GoDaddy domain example.org');
  });

  it('updates the set in place, keeping its ttl; a set of several addresses becomes the one written', async () => {
    await start(['example.com']);
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1\n81.2.69.2', ttl: 1800 });
    const found = await provider().find(spec('home.example.com'));
    expect(found).toMatchObject({ id: 'home/A', content: '81.2.69.1, 81.2.69.2', ttl: 1800 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: 'home/A', content: '81.2.69.160', ttl: 1800 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1800 })]);
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(JSON.parse(last?.body ?? '')).toEqual([{ data: '81.2.69.160', ttl: 1800 }]);
  });

  it('a wrong secret is an auth error naming the keys, without the secrets; not retried', async () => {
    await start(['example.com']);
    const error = await caught(provider('wrong0godaddy0secret9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_key and api_secret/);
    expect(error.message).not.toContain('wrong0godaddy0secret9');
    expect(error.message).not.toContain(API_KEY);
  });

  it('403 ACCESS_DENIED (an account under 10 domains without Discount Domain Club) is an auth error saying so', async () => {
    await start(['example.com'], { accessDenied: true });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toBe(ACCESS_DENIED_MESSAGE);
    expect(error.message).toContain('10 or more domains or a Discount Domain Club plan');
    expect(error.message).not.toMatch(/\n/);
  });

  it('a name in no domain is not-found; 404 not-found; 429 rate-limit with retryAfterSec; 422 config with the field', async () => {
    await start(['example.com']);
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('tried home.example.org, example.org');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { code: 'UNKNOWN_DOMAIN', message: 'The given domain is not registered, or does not have a zone file' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('not-found');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests received within interval', retryAfterSec: 30 } } });
    const limited = await caught(provider().find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBe(30_000);

    const error = await caught(upsert(provider(), { ...spec('home.example.com'), ttl: 300 }, '81.2.69.160'));
    expect(error.kind).toBe('config');
    expect(error.message).toBe("GoDaddy PUT /v1/domains/…/records/… refused (HTTP 422, INVALID_BODY Request body doesn't fulfill schema, see details in `fields`; records[0].ttl: must be at least 600)");
  });
});
