import { ProviderError } from '../../http/errors.js';
import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import { createZonedRestProvider } from '../zoned-rest.js';
import { HetznerClient } from './client.js';
import { startFakeHetzner, type FakeHetzner } from './fake.js';
import { hetznerApi } from './index.js';

const TOKEN = 'unitHetznerToken0123456789';

let fake: FakeHetzner;
afterEach(async () => {
  await fake.close();
});

function provider(token = TOKEN) {
  const context = providerContext({ endpoint: fake.endpoint });
  return createZonedRestProvider(hetznerApi(new HetznerClient({ http: context.http, token, endpoint: fake.endpoint, sleep: async () => undefined })), context.log);
}

const requests = () => fake.server?.requests ?? [];

describe('hetzner', () => {
  it('sends the Bearer token, relative names (@ for the apex), polls the action, and finds the deepest zone', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com', { ttl: 300 }), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(requests().every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const lab = fake.store.zoneByName('lab.example.com')?.id;
    const apex = fake.store.zoneByName('example.com')?.id;
    const creates = requests().filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual([`/zones/${lab}/rrsets`, `/zones/${apex}/rrsets`]);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { name: 'a', type: 'A', ttl: 300, records: [{ value: '81.2.69.160' }] },
      { name: '@', type: 'AAAA', records: [{ value: '2a02:1388:1000::160' }] },
    ]);
    expect(requests().find((request) => request.method === 'GET' && request.path.includes('/rrsets/'))?.path).toBe(`/zones/${lab}/rrsets/a/A`);
    // The create's action is read until it leaves "running".
    expect(requests().filter((request) => request.path.startsWith('/zones/actions/')).length).toBeGreaterThanOrEqual(2);
    expect(requests().filter((request) => request.path === '/zones')).toHaveLength(1);
    expect(fake.store.records({ name: 'a.lab.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 300 })]);
  });

  it('reads every page of zones (120 zones, 50 per page)', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: Array.from({ length: 120 }, (_unused, index) => `zone${index}.example`) });
    await upsert(provider(), spec('home.zone119.example'), '81.2.69.160');
    const pages = requests().filter((request) => request.path === '/zones').map((request) => [request.query.get('page'), request.query.get('per_page')]);
    expect(pages).toEqual([['1', '50'], ['2', '50'], ['3', '50']]);
    expect(fake.store.records({ name: 'home.zone119.example' })).toHaveLength(1);
  });

  it('updates with set_records (keeping the id), changes the ttl only when it differs, and waits for the action', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: 'home/A', content: '81.2.69.160', ttl: 1200 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
    const posts = requests().filter((request) => request.method === 'POST');
    expect(posts.map((request) => [request.path, JSON.parse(request.body) as unknown])).toEqual([[`/zones/${fake.store.zoneByName('example.com')?.id}/rrsets/home/A/actions/set_records`, { records: [{ value: '81.2.69.160' }] }]]);

    await upsert(provider(), spec('home.example.com', { ttl: 600 }), '81.2.69.161');
    expect(requests().filter((request) => request.path.endsWith('/actions/change_ttl')).map((request) => JSON.parse(request.body) as unknown)).toEqual([{ ttl: 600 }]);
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.161', ttl: 600 })]);
  });

  it('a failed action is an error with its message, and the record is not changed', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    fake.failNextAction('action_failed', 'the zone is locked');
    const error = await caught(upsert(provider(), spec('home.example.com'), '81.2.69.160'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Hetzner POST /zones/{zone}/rrsets/{name}/{type}/actions/set_records: action set_records failed: the zone is locked (action_failed)');
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.1' })]);
  });

  it('an action still running after the last check is a retryable error', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { action: { id: 1, command: 'set_records', status: 'running', error: null } } } }, 100);
    const client = new HetznerClient({ http: providerContext({ endpoint: fake.endpoint }).http, token: TOKEN, endpoint: fake.endpoint, sleep: async () => undefined });
    const error = await caught(client.setRecords({ id: 1, name: 'example.com' }, 'home', 'A', ['81.2.69.160']));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/still running after 10 checks/);
  });

  it('a wrong token is an auth error naming the key, without the token; not retried', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider('wrong-token-value-9').find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/unable to authenticate \(unauthorized, HTTP 401\); check api_token/);
    expect(error.message).not.toContain('wrong-token-value-9');
  });

  it('a 429 is rate-limit, waiting until RateLimit-Reset', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com'] });
    const reset = Math.floor(Date.now() / 1000) + 30;
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'RateLimit-Reset': String(reset) }, body: { error: { code: 'rate_limit_exceeded', message: 'limit of 3600 requests per hour reached', details: {} } } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBeGreaterThan(20_000);
  });

  it('invalid input is a config error with the message; a missing RRSet is none; a name in no zone is not-found', async () => {
    fake = await startFakeHetzner({ token: TOKEN, zones: ['example.com'] });
    expect(await provider().find(spec('home.example.com'))).toBeUndefined();
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 422, body: { error: { code: 'incorrect_zone_mode', message: "This operation is not supported for this Zone's mode", details: {} } } } });
    const refused = await caught(provider().find(spec('home.example.com')));
    expect(refused.kind).toBe('config');
    expect(refused.message).toBe("Hetzner GET /zones refused: This operation is not supported for this Zone's mode (incorrect_zone_mode, HTTP 422)");
  });
});
