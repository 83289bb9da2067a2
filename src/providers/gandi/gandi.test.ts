import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createGandiProvider } from './index.js';
import { startFakeGandi } from './fake.js';

const TOKEN = 'unit-gandi-pat-0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(token = TOKEN) {
  return createGandiProvider({ token }, providerContext({ endpoint: fake.endpoint }));
}

describe('gandi', () => {
  it('sends the Bearer token and PUTs the rrset by relative name (@ for the apex) in the deepest domain', async () => {
    fake = await startFakeGandi({ token: TOKEN, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const puts = requests.filter((request) => request.method === 'PUT').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(puts).toEqual([
      { path: '/v5/livedns/domains/lab.example.com/records/a/A', body: { rrset_values: ['81.2.69.160'], rrset_ttl: 300 } },
      { path: '/v5/livedns/domains/example.com/records/%40/AAAA', body: { rrset_values: ['2a02:1388:1000::160'], rrset_ttl: 300 } },
    ]);
    expect(requests.filter((request) => request.path === '/v5/livedns/domains')).toHaveLength(1);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toEqual([expect.objectContaining({ content: '2a02:1388:1000::160', ttl: 300 })]);
  });

  it('reads every page of domains (250 domains, 100 per page)', async () => {
    const zones = Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeGandi({ token: TOKEN, zones });
    await upsert(provider(), spec('home.zone249.example'), '81.2.69.160');
    const pages = (fake.server?.requests ?? []).filter((request) => request.path === '/v5/livedns/domains').map((request) => request.query.get('page'));
    expect(pages).toEqual(['1', '2', '3']);
    expect(fake.store.records({ name: 'home.zone249.example' })).toHaveLength(1);
  });

  it('updates the rrset in place, keeping its ttl; a set of several addresses becomes the one written', async () => {
    fake = await startFakeGandi({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1\n81.2.69.2', ttl: 1200 });
    const found = await provider().find(spec('home.example.com'));
    expect(found).toMatchObject({ id: 'home/A', content: '81.2.69.1, 81.2.69.2', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: 'home/A', content: '81.2.69.160', ttl: 1200 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
    expect(fake.server?.requests.at(-1)?.method).toBe('PUT');
  });

  it('a wrong token is an auth error naming the token key, without the token; not retried', async () => {
    fake = await startFakeGandi({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider('wrong-gandi-token-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check token/);
    expect(error.message).not.toContain('wrong-gandi-token-9');
  });

  it('a name in no domain is not-found; 403 is auth; 429 rate-limit; 400 config with the field', async () => {
    fake = await startFakeGandi({ token: TOKEN, zones: ['example.com'] });
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('tried home.example.org, example.org');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, body: { code: 403, message: 'Access was denied to this resource.', object: 'HTTPForbidden', cause: 'Forbidden' } } });
    const denied = await caught(provider().find(spec('home.example.com')));
    expect(denied.kind).toBe('auth');
    expect(denied.message).toContain('Access was denied to this resource.');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { code: 429, message: 'Too Many Requests', object: 'HTTPTooManyRequests', cause: 'Too Many Requests' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');

    const error = await caught(upsert(provider(), { ...spec('home.example.com'), ttl: 100 }, '81.2.69.160'));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Gandi PUT /domains/…/records/… refused (HTTP 400, Validation error; rrset_ttl: must be between 300 and 2592000)');
  });
});
