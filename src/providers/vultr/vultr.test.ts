import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createVultrProvider } from './index.js';
import { startFakeVultr } from './fake.js';

const API_KEY = 'UNITVULTRKEY0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = API_KEY) {
  return createVultrProvider({ api_key: key }, providerContext({ endpoint: fake.endpoint }));
}

describe('vultr', () => {
  it('sends the Bearer key, names relative to the domain ("" for the apex), and finds the deepest domain', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual(['/domains/lab.example.com/records', '/domains/example.com/records']);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { name: 'a', type: 'A', data: '81.2.69.160', ttl: 300 },
      { name: '', type: 'AAAA', data: '2a02:1388:1000::160', ttl: 300 },
    ]);
    expect(requests.filter((request) => request.path === '/domains')).toHaveLength(1);
    expect(requests.find((request) => request.path === '/domains')?.query.get('per_page')).toBe('500');
  });

  it('follows meta.links.next through every page of domains and of records', async () => {
    const zones = Array.from({ length: 1100 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeVultr({ apiKey: API_KEY, zones });
    for (let index = 0; index < 600; index++) fake.store.add({ name: `h${index}.zone1099.example`, type: 'A', content: '81.2.69.1' });
    fake.store.add({ name: 'home.zone1099.example', type: 'A', content: '81.2.69.1', ttl: 900 });
    const found = await provider().find(spec('home.zone1099.example'));
    expect(found).toMatchObject({ content: '81.2.69.1', ttl: 900 });
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.path === '/domains').map((request) => request.query.has('cursor'))).toEqual([false, true, true]);
    expect(requests.filter((request) => request.path.endsWith('/records'))).toHaveLength(2);
  });

  it('finds and updates the apex record named ""', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160' });
  });

  it('updates in place with PATCH of data only, keeping the record id and its ttl', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
    const [patch, readBack] = fake.server?.requests.slice(-2) ?? [];
    expect(patch?.method).toBe('PATCH');
    expect(patch?.path).toBe(`/domains/example.com/records/${seeded.id}`);
    expect(JSON.parse(patch?.body ?? '') as unknown).toEqual({ data: '81.2.69.160' });
    expect([readBack?.method, readBack?.path]).toEqual(['GET', `/domains/example.com/records/${seeded.id}`]);
  });

  it('an update answered other than 204, or read back without the address, is a protocol error', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    const dns = provider();
    const existing = await dns.find(spec('home.example.com'));
    if (existing === undefined) throw new Error('seeded record not found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { record: {} } } });
    const refused = await caught(dns.update(spec('home.example.com'), existing, '81.2.69.160'));
    expect(refused.kind).toBe('protocol');
    expect(refused.message).toMatch(/not the 204 Vultr gives/);
    fake.server?.injectFault({ kind: 'reply', reply: { status: 204 } });
    const unapplied = await caught(dns.update(spec('home.example.com'), existing, '81.2.69.160'));
    expect(unapplied.kind).toBe('protocol');
    expect(unapplied.message).toMatch(/holds A 81\.2\.69\.1, not A 81\.2\.69\.160/);
  });

  it('a wrong key is an auth error naming api_key, without the key; not retried', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider('WRONGKEYVALUE999').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_key/);
    expect(error.message).not.toContain('WRONGKEYVALUE999');
  });

  it('a name in no domain of the account is not-found', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('429 is rate-limit, 404 not-found, 400 a config error with Vultr\'s error text', async () => {
    fake = await startFakeVultr({ apiKey: API_KEY, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'retry-after': '2' }, body: { error: 'Rate limit reached', status: 429 } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { error: 'Domain not found.', status: 404 } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('not-found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { error: 'Invalid record data', status: 400 } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Vultr refused GET /domains (HTTP 400, Invalid record data)');
  });
});
