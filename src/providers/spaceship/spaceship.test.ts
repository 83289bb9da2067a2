import { ProviderError } from '../../http/errors.js';
import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createSpaceshipProvider } from './index.js';
import { startFakeSpaceship } from './fake.js';

const API_KEY = 'unit0spaceship0key';
const API_SECRET = 'unit0spaceship0secret0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(secret = API_SECRET) {
  return createSpaceshipProvider({ api_key: API_KEY, api_secret: secret }, providerContext({ endpoint: fake.endpoint }));
}

const puts = () => (fake.server?.requests ?? []).filter((request) => request.method === 'PUT').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));

describe('spaceship', () => {
  it('sends the key and secret headers and the name relative to the deepest domain ("@" for the apex)', async () => {
    fake = await startFakeSpaceship({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers['x-api-key'] === API_KEY && request.headers['x-api-secret'] === API_SECRET)).toBe(true);
    expect(puts()).toEqual([
      { path: '/api/v1/dns/records/lab.example.com', body: { force: true, items: [{ type: 'A', name: 'a', address: '81.2.69.160', ttl: 3600 }] } },
      { path: '/api/v1/dns/records/example.com', body: { force: true, items: [{ type: 'AAAA', name: '@', address: '2a02:1388:1000::160', ttl: 3600 }] } },
    ]);
    expect(requests.filter((request) => request.path === '/api/v1/domains')).toHaveLength(1);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toHaveLength(1);
  });

  it('reads every page of domains (take 100) and of records (take 500) by skip and total', async () => {
    const zones = Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeSpaceship({ apiKey: API_KEY, apiSecret: API_SECRET, zones });
    for (let index = 0; index < 501; index++) fake.store.add({ name: `h${index}.zone249.example`, type: 'A', content: '192.0.2.1' });
    fake.store.add({ name: 'home.zone249.example', type: 'A', content: '81.2.69.1', ttl: 120 });
    const dns = provider();
    const found = await dns.find(spec('home.zone249.example'));
    expect(found).toMatchObject({ id: 'home/A', content: '81.2.69.1', ttl: 120 });
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.path === '/api/v1/domains').map((request) => [request.query.get('take'), request.query.get('skip')])).toEqual([
      ['100', '0'],
      ['100', '100'],
      ['100', '200'],
    ]);
    expect(requests.filter((request) => request.path === '/api/v1/dns/records/zone249.example').map((request) => [request.query.get('take'), request.query.get('skip')])).toEqual([
      ['500', '0'],
      ['500', '500'],
    ]);
  });

  it('updates with a forced PUT of the same name and type, keeping the id and the ttl', async () => {
    fake = await startFakeSpaceship({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: 'home/A', content: '81.2.69.160', ttl: 1200 });
    expect(puts()).toEqual([{ path: '/api/v1/dns/records/example.com', body: { force: true, items: [{ type: 'A', name: 'home', address: '81.2.69.160', ttl: 1200 }] } }]);
    expect(fake.store.records({ name: 'home.example.com', type: 'A' }).map((record) => record.content)).toEqual(['81.2.69.160']);
  });

  it('a wrong secret is an auth error naming the keys and the permissions, without the secrets; not retried', async () => {
    fake = await startFakeSpaceship({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com'] });
    const error = await caught(provider('wrong0spaceship0secret9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_key and api_secret .*dnsrecords:write .*API Manager/);
    expect(error.message).not.toContain('wrong0spaceship0secret9');
    expect(error.message).not.toContain(API_KEY);
  });

  it('maps 403, 404 SOA not found, 429 and 422 validation to auth, not-found, rate-limit and config', async () => {
    fake = await startFakeSpaceship({ apiKey: API_KEY, apiSecret: API_SECRET, zones: ['example.com'] });
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('tried home.example.org, example.org');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, headers: { 'Spaceship-Error-Code': 'Forbidden' }, body: { detail: 'Forbidden' } } });
    const forbidden = await caught(provider().find(spec('home.example.com')));
    expect(forbidden.kind).toBe('auth');
    expect(forbidden.message).toContain('HTTP 403, Forbidden (Forbidden)');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { detail: 'SOA record for domain example.com not found.' } } });
    const zoneless = await caught(provider().find({ ...spec('home.example.com'), zone: 'example.com' }));
    expect(zoneless.kind).toBe('not-found');
    expect(zoneless.message).toContain("SOA record for domain example.com not found.); check that the domain is in this Spaceship account and uses Spaceship's name servers");

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '30' }, body: { detail: 'Too many requests' } } });
    const limited = await caught(provider().find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBe(30_000);

    const refused = await caught(upsert(provider(), { ...spec('home.example.com'), ttl: 30 }, '81.2.69.160'));
    expect(refused.kind).toBe('config');
    expect(refused.message).toBe('Spaceship PUT /dns/records/{domain} refused (HTTP 422, One or more validation errors occurred.; items[0].ttl: must be from 60 to 3600 (ValidationError))');
  });
});
