import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createGcoreProvider } from './index.js';
import { startFakeGcore } from './fake.js';

const API_TOKEN = '1234$unitGcoreToken0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(token = API_TOKEN) {
  return createGcoreProvider({ api_token: token }, providerContext({ endpoint: fake.endpoint }));
}

describe('gcore', () => {
  it('sends the APIKey header, one zone listing, rrset paths in the deepest zone, POST bodies', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `APIKey ${API_TOKEN}`)).toBe(true);
    expect(requests.filter((request) => request.path === '/v2/zones')).toHaveLength(1);
    const creates = requests.filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual(['/v2/zones/lab.example.com/a.lab.example.com/A', '/v2/zones/example.com/example.com/AAAA']);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { ttl: 300, resource_records: [{ content: ['81.2.69.160'], enabled: true }] },
      { ttl: 300, resource_records: [{ content: ['2a02:1388:1000::160'], enabled: true }] },
    ]);
  });

  it('reads every page of zones (250 zones, 100 per request by offset)', async () => {
    const zones = Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones });
    await upsert(provider(), spec('home.zone249.example'), '81.2.69.160');
    const offsets = (fake.server?.requests ?? []).filter((request) => request.path === '/v2/zones').map((request) => request.query.get('offset'));
    expect(offsets).toEqual(['0', '100', '200']);
    expect(fake.store.records({ name: 'home.zone249.example' })).toHaveLength(1);
  });

  it('updates with PUT, keeping the store record and its ttl', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ content: '81.2.69.160', ttl: 1200 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(JSON.parse(last?.body ?? '') as unknown).toEqual({ ttl: 1200, resource_records: [{ content: ['81.2.69.160'], enabled: true }] });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
  });

  it('a wrong token is an auth error naming api_token, without the token; not retried', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com'] });
    const error = await caught(provider('9$wrongGcoreToken').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_token/);
    expect(error.message).not.toContain('9$wrongGcoreToken');
  });

  it('a name in no zone is not-found; a 400 is a config error; a 429 is rate-limit', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com'] });
    expect((await caught(provider().find(spec('home.example.org')))).kind).toBe('not-found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { error: 'invalid request' } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Gcore GET /v2/zones refused: invalid request (HTTP 400)');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { error: 'too many requests' } } });
    expect(await caught(provider().find(spec('home.example.com')))).toMatchObject({ kind: 'rate-limit' });
  });

  it('a configured zone is asked for by name, not by listing every zone', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com', 'lab.example.com'] });
    await upsert(provider(), spec('a.lab.example.com', { zone: 'example.com' }), '81.2.69.160');
    const listings = (fake.server?.requests ?? []).filter((request) => request.path === '/v2/zones');
    expect(listings.map((request) => request.query.get('name'))).toEqual(['example.com']);
    expect(fake.store.records({ name: 'a.lab.example.com' })).toEqual([expect.objectContaining({ zone: 'example.com' })]);
  });

  it('a create refused with 409 counts as done when the rrset holds the address', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    expect(await provider().create(spec('home.example.com'), '81.2.69.160')).toMatchObject({ content: '81.2.69.160' });
    expect(fake.store.writes).toBe(0);
  });

  it('maps a 404 on a write to not-found and 5xx to a retryable transient error', async () => {
    fake = await startFakeGcore({ apiToken: API_TOKEN, zones: ['example.com'] });
    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { error: 'zone is not found' } } });
    const missing = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(missing).toMatchObject({ kind: 'not-found' });
    expect(missing.message).toBe('Gcore POST /v2/zones/{zone}/{name}/{type}: zone is not found (HTTP 404); check that the zone is in this Gcore account (DNS → Zones)');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 502, body: 'Bad Gateway' } });
    expect(await caught(dns.find(spec('home.example.com')))).toMatchObject({ kind: 'transient', retryable: true });
  });
});
