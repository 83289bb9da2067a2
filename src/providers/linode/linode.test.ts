import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createLinodeProvider } from './index.js';
import { startFakeLinode } from './fake.js';

const TOKEN = 'unit-linode-token-0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(token = TOKEN) {
  return createLinodeProvider({ token }, providerContext({ endpoint: fake.endpoint }));
}

describe('linode', () => {
  it('sends the Bearer token, names relative to the domain ("" for the apex), and finds the deepest domain', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual([`/domains/${fake.store.zoneByName('lab.example.com')?.id}/records`, `/domains/${fake.store.zoneByName('example.com')?.id}/records`]);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { type: 'A', name: 'a', target: '81.2.69.160' },
      { type: 'AAAA', name: '', target: '2a02:1388:1000::160' },
    ]);
    expect(requests.filter((request) => request.path === '/domains')).toHaveLength(1);
  });

  it('sends ttl_sec when the config sets a ttl', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com'] });
    await upsert(provider(), { ...spec('home.example.com'), ttl: 300 }, '81.2.69.160');
    expect(JSON.parse(fake.server?.requests.at(-1)?.body ?? '{}')).toEqual({ type: 'A', name: 'home', target: '81.2.69.160', ttl_sec: 300 });
  });

  it('reads every page of domains and records (page/pages, 500 per page)', async () => {
    const zones = Array.from({ length: 1200 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeLinode({ token: TOKEN, zones });
    for (let index = 0; index < 600; index++) fake.store.add({ name: `h${index}.zone1199.example`, type: 'A', content: '192.0.2.1' });
    const seeded = fake.store.add({ name: 'home.zone1199.example', type: 'A', content: '81.2.69.1' });
    const written = await upsert(provider(), spec('home.zone1199.example'), '81.2.69.160');
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.path === '/domains').map((request) => [request.query.get('page'), request.query.get('page_size')])).toEqual([
      ['1', '500'],
      ['2', '500'],
      ['3', '500'],
    ]);
    expect(requests.filter((request) => request.method === 'GET' && request.path.endsWith('/records')).map((request) => request.query.get('page'))).toEqual(['1', '2']);
    expect(written.id).toBe(seeded.id);
  });

  it('updates in place with PUT, keeping the record id and its ttl', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 3600 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 3600 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.path).toBe(`/domains/${fake.store.zoneByName('example.com')?.id}/records/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '{}')).toEqual({ type: 'A', name: 'home', target: '81.2.69.160', ttl_sec: 3600 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160' })]);
  });

  it('a wrong token (401) is an auth error naming the key, without the token; not retried', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider('wrong-token-value-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Linode rejected the token: Invalid Token (HTTP 401); check token (Cloud Manager → My Profile → API Tokens)');
    expect(error.message).not.toContain('wrong-token-value-9');
  });

  it('a token without the Domains scope (403) is an auth error naming the scope', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, body: { errors: [{ reason: 'Unauthorized' }] } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/Domains read\/write scope/);
  });

  it('a 400 with field errors is a one-line config error with the reasons', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { errors: [{ field: 'target', reason: 'You must provide a valid IPv4 address' }] } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Linode GET /domains refused: target: You must provide a valid IPv4 address (HTTP 400)');
  });

  it('429 is a rate-limit error; a name in no domain is not-found', async () => {
    fake = await startFakeLinode({ token: TOKEN, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { errors: [{ reason: 'Too Many Requests' }] } } });
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });
});
