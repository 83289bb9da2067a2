import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { startFakeNamesilo } from './fake.js';
import { createNamesiloProvider } from './index.js';

const API_KEY = 'unitNamesiloKey0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = API_KEY) {
  return createNamesiloProvider({ api_key: key }, providerContext({ endpoint: fake.endpoint }));
}

const requests = () => fake.server?.requests ?? [];

describe('namesilo', () => {
  it('sends GETs with the key, version and type in the query, the host relative (empty for the apex), and finds the deepest domain', async () => {
    fake = await startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com', { ttl: 7200 }), '2a02:1388:1000::160');
    expect(requests().every((request) => request.method === 'GET' && request.query.get('key') === API_KEY && request.query.get('version') === '1' && request.query.get('type') === 'json')).toBe(true);
    const adds = requests().filter((request) => request.path === '/dnsAddRecord').map((request) => Object.fromEntries([...request.query].filter(([key]) => key.startsWith('rr') || key === 'domain')));
    expect(adds).toEqual([
      { domain: 'lab.example.com', rrtype: 'A', rrhost: 'a', rrvalue: '81.2.69.160', rrttl: '3600' },
      { domain: 'example.com', rrtype: 'AAAA', rrhost: '', rrvalue: '2a02:1388:1000::160', rrttl: '7200' },
    ]);
    expect(requests().filter((request) => request.path === '/listDomains')).toHaveLength(1);
  });

  it('reads a single domain and a single record sent as one item, not a list', async () => {
    fake = await startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 7200 });
    expect(await provider().find(spec('home.example.com'))).toMatchObject({ id: seeded.id, content: '81.2.69.1', ttl: 7200 });
  });

  it('updates by record id, keeping its ttl', async () => {
    fake = await startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 7200 });
    fake.store.add({ name: 'other.example.com', type: 'A', content: '81.2.69.2' });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 7200 });
    const update = requests().find((request) => request.path === '/dnsUpdateRecord');
    expect(update?.query.get('rrid')).toBe(seeded.id);
    expect(update?.query.get('rrhost')).toBe('home');
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 7200 })]);
  });

  it('a wrong key (code 110) is an auth error naming the key, without it; not retried', async () => {
    fake = await startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider('wrong-key-value-9').find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/Invalid API Key \(code 110\); check api_key/);
    expect(error.message).not.toContain('wrong-key-value-9');
  });

  it('codes: 200 is not-found, 201 is retryable, others (as strings too) are config errors with the detail', async () => {
    fake = await startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com'] });
    const reply = (code: number | string, detail: string) => ({ kind: 'reply' as const, reply: { status: 200, body: { request: {}, reply: { code, detail } } } });
    fake.server?.injectFault(reply(200, 'Domain is not active, or does not belong to this user'));
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('not-found');
    fake.server?.injectFault(reply('201', 'Internal system error'));
    const internal = await caught(provider().find(spec('home.example.com')));
    expect(internal.kind).toBe('transient');
    fake.server?.injectFault(reply('280', 'DNS modification error'));
    const refused = await caught(provider().find(spec('home.example.com')));
    expect(refused.kind).toBe('config');
    expect(refused.message).toBe('NameSilo listDomains refused: DNS modification error (code 280)');
  });

  it('a name in no domain of the account is not-found', async () => {
    fake = await startFakeNamesilo({ apiKey: API_KEY, zones: ['example.com'] });
    expect((await caught(provider().find(spec('home.example.org')))).kind).toBe('not-found');
  });
});
