import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createDnsimpleProvider } from './index.js';
import { startFakeDnsimple } from './fake.js';

const API_TOKEN = 'dnsimple_a_unitToken0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(token = API_TOKEN, accountId?: string) {
  return createDnsimpleProvider({ api_token: token, ...(accountId === undefined ? {} : { account_id: accountId }) }, providerContext({ endpoint: fake.endpoint }));
}

describe('dnsimple', () => {
  it('sends the Bearer token, asks whoami once, names records relative to the deepest zone ("" for the apex)', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Bearer ${API_TOKEN}`)).toBe(true);
    expect(requests.filter((request) => request.path === '/v2/whoami')).toHaveLength(1);
    expect(requests.filter((request) => request.path === '/v2/1385/zones')).toHaveLength(1);
    const creates = requests.filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual(['/v2/1385/zones/lab.example.com/records', '/v2/1385/zones/example.com/records']);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { name: 'a', type: 'A', content: '81.2.69.160', ttl: 3600 },
      { name: '', type: 'AAAA', content: '2a02:1388:1000::160', ttl: 3600 },
    ]);
    const find = requests.find((request) => request.path === '/v2/1385/zones/example.com/records' && request.method === 'GET');
    expect(find?.query.get('name')).toBe('');
    expect(find?.query.get('type')).toBe('AAAA');
  });

  it('a configured account_id is used without whoami', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 42, zones: ['example.com'] });
    await upsert(provider(API_TOKEN, '42'), spec('home.example.com'), '81.2.69.160');
    expect((fake.server?.requests ?? []).some((request) => request.path === '/v2/whoami')).toBe(false);
    expect(fake.store.records({ name: 'home.example.com' })).toHaveLength(1);
  });

  it('reads every page of zones (250 zones, 100 per page)', async () => {
    const zones = Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones });
    await upsert(provider(), spec('home.zone249.example'), '81.2.69.160');
    const pages = (fake.server?.requests ?? []).filter((request) => request.path === '/v2/1385/zones').map((request) => request.query.get('page'));
    expect(pages).toEqual(['1', '2', '3']);
    expect(fake.store.records({ name: 'home.zone249.example' })).toHaveLength(1);
  });

  it('updates in place with PATCH, keeping the record id and its ttl', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PATCH');
    expect(last?.path).toBe(`/v2/1385/zones/example.com/records/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '') as unknown).toEqual({ content: '81.2.69.160' });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
  });

  it('a wrong token is an auth error naming api_token, without the token; not retried', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] });
    const error = await caught(provider('dnsimple_a_wrongToken99').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_token/);
    expect(error.message).not.toContain('dnsimple_a_wrongToken99');
  });

  it('a wrong account_id is not-found naming account_id', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] });
    const error = await caught(provider(API_TOKEN, '999').find(spec('home.example.com')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(/check account_id/);
  });

  it('a user token (whoami without an account) is a config error asking for account_id', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { data: { user: { id: 7, email: 'a@example.com' }, account: null } } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/set account_id/);
  });

  it('a name in no zone of the account is not-found, naming what was tried', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('a validation failure (400) is a one-line config error; a 429 is rate-limit', async () => {
    fake = await startFakeDnsimple({ apiToken: API_TOKEN, accountId: 1385, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { message: 'Validation failed', errors: { ttl: ['is invalid'] } } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toBe('DNSimple GET /v2/whoami refused: Validation failed (HTTP 400)');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: { message: 'Your request rate limit has been exceeded' } } });
    expect(await caught(provider().find(spec('home.example.com')))).toMatchObject({ kind: 'rate-limit' });
  });
});
