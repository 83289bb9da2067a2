import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createVercelProvider } from './index.js';
import { startFakeVercel } from './fake.js';

const TOKEN = 'unitVercelToken0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(options: Record<string, unknown> = {}) {
  return createVercelProvider({ token: TOKEN, ...options }, providerContext({ endpoint: fake.endpoint }));
}

describe('vercel', () => {
  it('sends the Bearer token and teamId, names relative to the domain ("" for the apex), and finds the deepest domain', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com', 'lab.example.com'], teamId: 'team_1' });
    const dns = provider({ team_id: 'team_1' });
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}` && request.query.get('teamId') === 'team_1')).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual(['/v2/domains/lab.example.com/records', '/v2/domains/example.com/records']);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { name: 'a', type: 'A', value: '81.2.69.160', ttl: 60 },
      { name: '', type: 'AAAA', value: '2a02:1388:1000::160', ttl: 60 },
    ]);
    expect(requests.filter((request) => request.path === '/v5/domains')).toHaveLength(1);
  });

  it('follows pagination.next as until across pages of domains and records', async () => {
    const zones = Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeVercel({ token: TOKEN, zones });
    for (let index = 0; index < 150; index++) fake.store.add({ name: `h${index}.zone249.example`, type: 'A', content: '192.0.2.1' });
    const seeded = fake.store.add({ name: 'home.zone249.example', type: 'A', content: '81.2.69.1' });
    const written = await upsert(provider(), spec('home.zone249.example'), '81.2.69.160');
    const requests = fake.server?.requests ?? [];
    const domainPages = requests.filter((request) => request.path === '/v5/domains');
    expect(domainPages).toHaveLength(3);
    expect(domainPages[0]?.query.get('until')).toBeNull();
    expect(domainPages.every((request) => request.query.get('limit') === '100')).toBe(true);
    expect(requests.filter((request) => request.method === 'GET' && request.path.endsWith('/records'))).toHaveLength(2);
    expect(written.id).toBe(seeded.id);
  });

  it('updates in place with PATCH /v1/domains/records/{id}, keeping the id and the ttl', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 300 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 300 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PATCH');
    expect(last?.path).toBe(`/v1/domains/records/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '{}')).toEqual({ value: '81.2.69.160', ttl: 300 });
  });

  it('a configured ttl is sent on update; the record listing is read with limit=100 on /v5', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'AAAA', content: '2a02:1388::1', ttl: 300 });
    const written = await upsert(provider(), aaaa('home.example.com', { ttl: 120 }), '2a02:1388::2');
    expect(written).toMatchObject({ content: '2a02:1388::2', ttl: 120 });
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.method === 'GET').map((request) => `${request.path}?limit=${request.query.get('limit') ?? ''}`)).toEqual([
      '/v5/domains?limit=100',
      '/v5/domains/example.com/records?limit=100',
    ]);
    expect(JSON.parse(requests.at(-1)?.body ?? '{}')).toEqual({ value: '2a02:1388::2', ttl: 120 });
  });

  it('a PATCH answer holding another value is a protocol error, not a success', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    const dns = provider();
    const found = await dns.find(spec('home.example.com'));
    expect(found?.id).toBe(seeded.id);
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { id: seeded.id, name: 'home', recordType: 'A', type: 'record', value: '81.2.69.1', creator: 'x', domain: 'example.com' } } });
    const error = await caught(dns.update(spec('home.example.com'), found ?? { id: '', name: '', type: 'A', content: '', ttl: undefined }, '81.2.69.160'));
    expect(error.kind).toBe('protocol');
  });

  it('a 409 on create counts as done only when a fresh listing holds the address', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'] });
    const dns = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    const conflict = { status: 409, body: { error: { code: 'conflict', message: 'A record with the same attributes already exists' } } };
    fake.server?.injectFault({ kind: 'reply', reply: conflict });
    const error = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('Vercel POST /v2/domains/…/records refused (HTTP 409, conflict: A record with the same attributes already exists)');
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    fake.server?.injectFault({ kind: 'reply', reply: conflict });
    expect((await dns.create(spec('home.example.com'), '81.2.69.160')).id).toBe(seeded.id);
  });

  it('a wrong token is an auth error naming the key, without the token; not retried', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'] });
    const dns = createVercelProvider({ token: 'wrong-token-value-9' }, providerContext({ endpoint: fake.endpoint }));
    const error = await caught(dns.find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Vercel rejected the token (HTTP 403, forbidden: Not authorized): check token (Vercel → Account Settings → Tokens)');
    expect(error.message).not.toContain('wrong-token-value-9');
  });

  it('a team domain without team_id is an auth error naming team_id', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'], teamId: 'team_1' });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/set team_id/);
  });

  it('400 is a config error with the message; 429 is rate-limit; an unknown name is not-found', async () => {
    fake = await startFakeVercel({ token: TOKEN, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { error: { code: 'bad_request', message: 'Invalid request: `ttl` should be >= 60' } } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Vercel GET /v5/domains refused (HTTP 400, bad_request: Invalid request: `ttl` should be >= 60)');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'rate_limited', message: 'Rate limit exceeded', limit: { remaining: 0, total: 100 } } } } });
    const limited = await caught(provider().find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBe(7000);
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('tried home.example.org, example.org');
  });
});
