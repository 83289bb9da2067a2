import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createNamecomProvider } from './index.js';
import { startFakeNamecom } from './fake.js';

const USERNAME = 'unitnamecom';
const TOKEN = 'unit0namecom0token0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(token = TOKEN) {
  return createNamecomProvider({ username: USERNAME, token }, providerContext({ endpoint: fake.endpoint }));
}

describe('namecom', () => {
  it('sends Basic auth and the host relative to the domain ("" for the apex) in the deepest domain', async () => {
    fake = await startFakeNamecom({ username: USERNAME, token: TOKEN, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Basic ${Buffer.from(`${USERNAME}:${TOKEN}`).toString('base64')}`)).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(creates).toEqual([
      { path: '/v4/domains/lab.example.com/records', body: { host: 'a', type: 'A', answer: '81.2.69.160', ttl: 300 } },
      { path: '/v4/domains/example.com/records', body: { host: '', type: 'AAAA', answer: '2a02:1388:1000::160', ttl: 300 } },
    ]);
    expect(requests.filter((request) => request.path === '/v4/domains')).toHaveLength(1);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toHaveLength(1);
  });

  it('reads every page of domains and of records by nextPage', async () => {
    const zones = Array.from({ length: 2500 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeNamecom({ username: USERNAME, token: TOKEN, zones });
    for (let index = 0; index < 1001; index++) fake.store.add({ name: `h${index}.zone2499.example`, type: 'A', content: '192.0.2.1' });
    const seeded = fake.store.add({ name: 'home.zone2499.example', type: 'A', content: '81.2.69.1' });
    const written = await upsert(provider(), spec('home.zone2499.example'), '81.2.69.160');
    expect(written.id).toBe(seeded.id);
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.path === '/v4/domains').map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
    expect(requests.filter((request) => request.path === '/v4/domains/zone2499.example/records' && request.method === 'GET').map((request) => request.query.get('page'))).toEqual(['1', '2']);
  });

  it('updates in place with PUT, keeping the record id and its ttl', async () => {
    fake = await startFakeNamecom({ username: USERNAME, token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.path).toBe(`/v4/domains/example.com/records/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '')).toEqual({ host: 'home', type: 'A', answer: '81.2.69.160', ttl: 1200 });
  });

  it('a wrong token is an auth error naming the keys, without the secrets; not retried', async () => {
    fake = await startFakeNamecom({ username: USERNAME, token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider('wrong0namecom0token9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check username and token/);
    expect(error.message).not.toContain('wrong0namecom0token9');
  });

  it('a name in no domain is not-found; 403 auth; 429 rate-limit; 400 config with the details', async () => {
    fake = await startFakeNamecom({ username: USERNAME, token: TOKEN, zones: ['example.com'] });
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('tried home.example.org, example.org');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, body: { message: 'Permission Denied', details: 'Authentication Error - Invalid Username Or Password' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('auth');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { message: 'Too Many Requests' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');

    const error = await caught(upsert(provider(), { ...spec('home.example.com'), ttl: 60 }, '81.2.69.160'));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Name.com POST /domains/…/records refused (HTTP 400, Invalid Argument: TTL must be at least 300)');
  });
});
