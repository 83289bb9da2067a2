import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createLuadnsProvider } from './index.js';
import { startFakeLuadns } from './fake.js';

const EMAIL = 'unit@example.com';
const API_KEY = 'unitluadnskey0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = API_KEY) {
  return createLuadnsProvider({ email: EMAIL, api_key: key }, providerContext({ endpoint: fake.endpoint }));
}

describe('luadns', () => {
  it('sends Basic email:api_key and Accept JSON, absolute names with a dot, and finds the deepest zone', async () => {
    fake = await startFakeLuadns({ email: EMAIL, apiKey: API_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    const basic = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;
    expect(requests.every((request) => request.headers.authorization === basic && request.headers.accept === 'application/json')).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(creates).toEqual([
      { path: '/v1/zones/2/records', body: { name: 'a.lab.example.com.', type: 'A', content: '81.2.69.160', ttl: 300 } },
      { path: '/v1/zones/1/records', body: { name: 'example.com.', type: 'AAAA', content: '2a02:1388:1000::160', ttl: 300 } },
    ]);
    expect(requests.filter((request) => request.path === '/v1/zones')).toHaveLength(1);
  });

  it('updates in place with PUT of the whole record, keeping the id and the ttl', async () => {
    fake = await startFakeLuadns({ email: EMAIL, apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    const last = fake.server?.requests.at(-1);
    expect([last?.method, last?.path]).toEqual(['PUT', `/v1/zones/1/records/${seeded.id}`]);
    expect(JSON.parse(last?.body ?? '') as unknown).toEqual({ name: 'home.example.com.', type: 'A', content: '81.2.69.160', ttl: 1200 });
  });

  it('a wrong key is an auth error naming the keys, without the key or its Basic form', async () => {
    fake = await startFakeLuadns({ email: EMAIL, apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider('wrongluadnskey99').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/check email and api_key/);
    expect(error.message).not.toContain('wrongluadnskey99');
  });

  it('a name in no zone is not-found; 429 rate-limit; 400 config', async () => {
    fake = await startFakeLuadns({ email: EMAIL, apiKey: API_KEY, zones: ['example.com'] });
    expect((await caught(provider().find(spec('home.example.org')))).kind).toBe('not-found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { status: 'Error', message: 'Too Many Requests' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { status: 'Error', message: 'invalid ttl' } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('config');
  });
});
