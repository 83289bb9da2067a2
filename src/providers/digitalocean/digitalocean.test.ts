import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createDigitaloceanProvider } from './index.js';
import { startFakeDigitalocean } from './fake.js';

const TOKEN = 'dop_v1_unit0123456789abcdef';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(token = TOKEN) {
  return createDigitaloceanProvider({ api_token: token }, providerContext({ endpoint: fake.endpoint }));
}

describe('digitalocean', () => {
  it('sends the Bearer token, the full name as filter, the name relative to the zone (@ for the apex), and finds the deepest domain', async () => {
    fake = await startFakeDigitalocean({ token: TOKEN, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(creates).toEqual([
      { path: '/v2/domains/lab.example.com/records', body: { type: 'A', name: 'a', data: '81.2.69.160', ttl: 1800 } },
      { path: '/v2/domains/example.com/records', body: { type: 'AAAA', name: '@', data: '2a02:1388:1000::160', ttl: 1800 } },
    ]);
    expect(requests.filter((request) => request.path === '/v2/domains')).toHaveLength(1);
    const find = requests.find((request) => request.path === '/v2/domains/lab.example.com/records' && request.method === 'GET');
    expect(find?.query.get('name')).toBe('a.lab.example.com');
    expect(find?.query.get('type')).toBe('A');
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toHaveLength(1);
  });

  it('reads every page of domains by links.pages.next (450 domains, 200 per page)', async () => {
    const zones = Array.from({ length: 450 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeDigitalocean({ token: TOKEN, zones });
    await upsert(provider(), spec('home.zone449.example'), '81.2.69.160');
    const pages = (fake.server?.requests ?? []).filter((request) => request.path === '/v2/domains').map((request) => [request.query.get('page'), request.query.get('per_page')]);
    expect(pages).toEqual([['1', '200'], ['2', '200'], ['3', '200']]);
    expect(fake.store.records({ name: 'home.zone449.example' })).toHaveLength(1);
  });

  it('updates in place with PUT, keeping the record id and its ttl', async () => {
    fake = await startFakeDigitalocean({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.path).toBe(`/v2/domains/example.com/records/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '')).toEqual({ type: 'A', name: 'home', data: '81.2.69.160', ttl: 1200 });
  });

  it('a wrong token is an auth error naming api_token, without the token; not retried', async () => {
    fake = await startFakeDigitalocean({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider('dop_v1_wrong-token-value-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_token/);
    expect(error.message).not.toContain('wrong-token-value-9');
  });

  it('a name in no domain of the account is not-found, naming what was tried', async () => {
    fake = await startFakeDigitalocean({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('429 is a rate-limit error waiting until ratelimit-reset; 404 not-found; 422 config with the message', async () => {
    fake = await startFakeDigitalocean({ token: TOKEN, zones: ['example.com'] });
    const reset = String(Math.ceil(Date.now() / 1000) + 20);
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'ratelimit-reset': reset }, body: { id: 'too_many_requests', message: 'API Rate limit exceeded.' } } });
    const limited = await caught(provider().find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBeGreaterThan(10_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);

    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { id: 'not_found', message: 'The resource you were accessing could not be found.' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('not-found');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 422, body: { id: 'unprocessable_entity', message: 'Name is invalid' } } });
    const refused = await caught(provider().find(spec('home.example.com')));
    expect(refused.kind).toBe('config');
    expect(refused.message).toBe('DigitalOcean GET /domains refused (HTTP 422, unprocessable_entity: Name is invalid)');
  });
});
