import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createBunnyProvider } from './index.js';
import { startFakeBunny } from './fake.js';

const API_KEY = 'unit0bunny-key-0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = API_KEY) {
  return createBunnyProvider({ api_key: key }, providerContext({ endpoint: fake.endpoint }));
}

describe('bunny', () => {
  it('sends the AccessKey header, numeric types, names relative to the zone ("" for the apex), and finds the deepest zone', async () => {
    fake = await startFakeBunny({ apiKey: API_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers['accesskey'] === API_KEY)).toBe(true);
    const creates = requests.filter((request) => request.method === 'PUT').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(creates).toEqual([
      { path: '/dnszone/2/records', body: { Type: 0, Name: 'a', Value: '81.2.69.160', Ttl: 300 } },
      { path: '/dnszone/1/records', body: { Type: 1, Name: '', Value: '2a02:1388:1000::160', Ttl: 300 } },
    ]);
    expect(requests.filter((request) => request.path === '/dnszone')).toHaveLength(1);
  });

  it('reads every page of zones while HasMoreItems (2,100 zones, 1,000 per page)', async () => {
    fake = await startFakeBunny({ apiKey: API_KEY, zones: Array.from({ length: 2100 }, (_unused, index) => `zone${index}.example`) });
    await upsert(provider(), spec('home.zone2099.example'), '81.2.69.160');
    const pages = (fake.server?.requests ?? []).filter((request) => request.path === '/dnszone').map((request) => [request.query.get('page'), request.query.get('perPage')]);
    expect(pages).toEqual([['1', '1000'], ['2', '1000'], ['3', '1000']]);
  });

  it('updates in place with POST, keeping the id and the ttl, and reads the zone back', async () => {
    fake = await startFakeBunny({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    const [update, readBack] = fake.server?.requests.slice(-2) ?? [];
    expect([update?.method, update?.path]).toEqual(['POST', `/dnszone/1/records/${seeded.id}`]);
    expect(JSON.parse(update?.body ?? '') as unknown).toEqual({ Id: Number(seeded.id), Type: 0, Name: 'home', Value: '81.2.69.160', Ttl: 1200 });
    expect([readBack?.method, readBack?.path]).toEqual(['GET', '/dnszone/1']);
  });

  it('a wrong key is an auth error naming api_key, without the key', async () => {
    fake = await startFakeBunny({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider('wrong-bunny-key-99').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/check api_key/);
    expect(error.message).not.toContain('wrong-bunny-key-99');
  });

  it('no zone is not-found; 429 rate-limit; 400 config with the Message; an update answered 200 is protocol', async () => {
    fake = await startFakeBunny({ apiKey: API_KEY, zones: ['example.com'] });
    expect((await caught(provider().find(spec('home.example.org')))).kind).toBe('not-found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { ErrorKey: 'rate', Field: null, Message: 'Too many requests' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { ErrorKey: 'dnszone.invalid', Field: 'Ttl', Message: 'Invalid TTL' } } });
    const refused = await caught(provider().find(spec('home.example.com')));
    expect([refused.kind, refused.message]).toEqual(['config', 'bunny.net GET /dnszone refused (HTTP 400, Invalid TTL)']);
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    const dns = provider();
    const existing = await dns.find(spec('home.example.com'));
    if (existing === undefined) throw new Error('seeded record not found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: {} } });
    expect((await caught(dns.update(spec('home.example.com'), existing, '81.2.69.160'))).kind).toBe('protocol');
  });
});
