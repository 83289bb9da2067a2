import { aaaa, caught, jsonBody, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import { fakePerTest } from '../../../test/helpers/fake-per-test.js';
import { createDynv6Provider } from './index.js';
import { startFakeDynv6 } from './fake.js';

const TOKEN = 'unitDynv6Token_0123456789abcdef';
const fake = fakePerTest(startFakeDynv6);

function provider(token = TOKEN) {
  return createDynv6Provider({ token }, providerContext({ endpoint: fake.current().endpoint }));
}

const writes = () => fake.requests().filter((request) => request.method !== 'GET');
const zoneId = (name: string) => fake.current().store.zoneByName(name)?.id ?? '?';

describe('dynv6', () => {
  it('sends the Bearer token, lists the zones once, and creates records by relative name in the deepest zone', async () => {
    await fake.start({ token: TOKEN, zones: ['example.dynv6.net', 'lab.example.dynv6.net'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.dynv6.net'), '81.2.69.160');
    await upsert(dns, aaaa('www.example.dynv6.net'), '2a02:1388:1000::160');
    expect(fake.requests().every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(fake.requests().filter((request) => request.path === '/api/v2/zones')).toHaveLength(1);
    const lab = zoneId('lab.example.dynv6.net');
    const parent = zoneId('example.dynv6.net');
    expect(writes().map((request) => [request.method, request.path, jsonBody(request)])).toEqual([
      ['POST', `/api/v2/zones/${lab}/records`, { name: 'a', type: 'A', data: '81.2.69.160' }],
      ['POST', `/api/v2/zones/${parent}/records`, { name: 'www', type: 'AAAA', data: '2a02:1388:1000::160' }],
    ]);
    expect(fake.requests().find((request) => request.method === 'POST')?.headers['content-type']).toBe('application/json');
    expect(fake.current().store.records({ name: 'a.lab.example.dynv6.net' })).toEqual([expect.objectContaining({ zone: 'lab.example.dynv6.net', content: '81.2.69.160' })]);
  });

  it('updates a record in place by id with PATCH', async () => {
    await fake.start({ token: TOKEN, zones: ['example.dynv6.net'] });
    const seeded = fake.current().store.add({ name: 'home.example.dynv6.net', type: 'A', content: '81.2.69.1' });
    const written = await upsert(provider(), spec('home.example.dynv6.net'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: undefined });
    expect(writes().map((request) => [request.method, request.path, jsonBody(request)])).toEqual([
      ['PATCH', `/api/v2/zones/${zoneId('example.dynv6.net')}/records/${seeded.id}`, { name: 'home', type: 'A', data: '81.2.69.160' }],
    ]);
    expect(fake.current().store.records({ name: 'home.example.dynv6.net' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160' })]);
  });

  it("keeps the zone's own address (the apex) with PATCH /zones/{id}: ipv4address for A, ipv6prefix for AAAA", async () => {
    await fake.start({ token: TOKEN, zones: ['example.dynv6.net'] });
    const dns = provider();
    const id = zoneId('example.dynv6.net');
    expect(await dns.find(spec('example.dynv6.net'))).toBeUndefined();
    await upsert(dns, spec('example.dynv6.net'), '81.2.69.160');
    await upsert(dns, aaaa('example.dynv6.net'), '2a02:1388:1000::160');
    await upsert(dns, spec('example.dynv6.net'), '81.2.69.161');
    expect(writes().map((request) => [request.method, request.path, jsonBody(request)])).toEqual([
      ['PATCH', `/api/v2/zones/${id}`, { ipv4address: '81.2.69.160' }],
      ['PATCH', `/api/v2/zones/${id}`, { ipv6prefix: '2a02:1388:1000::160' }],
      ['PATCH', `/api/v2/zones/${id}`, { ipv4address: '81.2.69.161' }],
    ]);
    expect(fake.requests().some((request) => request.path.endsWith('/records'))).toBe(false);
    expect(await dns.find(aaaa('example.dynv6.net'))).toMatchObject({ id: '@', content: '2a02:1388:1000::160' });
  });

  it('reads an ipv6prefix with a prefix length as its address, and confirms a PATCH answered without a body by reading the zone', async () => {
    await fake.start({ token: TOKEN, zones: ['example.dynv6.net'], emptyZonePatchAnswer: true });
    fake.current().store.add({ name: 'example.dynv6.net', type: 'AAAA', content: '2a02:1388:1000::1/64' });
    const dns = provider();
    expect(await dns.find(aaaa('example.dynv6.net'))).toMatchObject({ content: '2a02:1388:1000::1' });
    expect(await upsert(dns, aaaa('example.dynv6.net'), '2a02:1388:1000::160')).toMatchObject({ content: '2a02:1388:1000::160' });
    expect(fake.requests().slice(-2).map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /api/v2/zones/${zoneId('example.dynv6.net')}`, `GET /api/v2/zones/${zoneId('example.dynv6.net')}`]);
  });

  it('reads an AAAA given as a suffix of the zone prefix by its expandedData', async () => {
    const running = await fake.start({ token: TOKEN, zones: ['example.dynv6.net'] });
    const dns = provider();
    await dns.find(spec('other.example.dynv6.net'));
    running.server?.injectFault({ kind: 'reply', reply: { status: 200, body: [{ id: 1, zoneID: 2, name: 'nas', type: 'AAAA', data: '::160', expandedData: '2a02:1388:1000::160' }] } }, 1);
    expect(await dns.find(aaaa('nas.example.dynv6.net'))).toMatchObject({ id: '1', content: '2a02:1388:1000::160' });
  });

  it('uses GET /zones/by-name/{name} for a configured zone, and says when there is none', async () => {
    await fake.start({ token: TOKEN, zones: ['example.dynv6.net'] });
    const dns = provider();
    await upsert(dns, spec('home.example.dynv6.net', { zone: 'example.dynv6.net' }), '81.2.69.160');
    expect(fake.requests().map((request) => `${request.method} ${request.path}`).slice(0, 2)).toEqual(['GET /api/v2/zones/by-name/example.dynv6.net', `GET /api/v2/zones/${zoneId('example.dynv6.net')}/records`]);
    const error = await caught(dns.find(spec('home.other.dynv6.net', { zone: 'other.dynv6.net' })));
    expect(error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('no dynv6 zone other.dynv6.net') });
  });

  it('maps a wrong token to auth (no secret in the message)', async () => {
    await fake.start({ token: TOKEN, zones: ['example.dynv6.net'] });
    const error = await caught(provider('wrongDynv6Token_000000000').find(spec('home.example.dynv6.net')));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toMatch(/^dynv6 rejected the token \(HTTP 401, Unauthorized: invalid token\): check token \(dynv6 → Keys/);
    expect(error.message).not.toContain('wrongDynv6Token');
  });

  it('maps 403 to auth, 404 to not-found, 422 to config with its fields, 429 to rate-limit', async () => {
    const running = await fake.start({ token: TOKEN, zones: ['example.dynv6.net'] });
    const dns = provider();
    await dns.find(spec('home.example.dynv6.net'));
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => running.server?.injectFault({ kind: 'reply', reply: { status, body, headers } });

    reply(403, { error: { name: 'Forbidden', message: 'token is restricted to another zone' } });
    expect(await caught(dns.find(spec('home.example.dynv6.net')))).toMatchObject({ kind: 'auth', status: 403, message: expect.stringContaining('a token restricted to one zone') });

    reply(404, { error: { name: 'NotFound', message: 'zone not found' } });
    expect(await caught(dns.find(spec('home.example.dynv6.net')))).toMatchObject({ kind: 'not-found', message: expect.stringContaining('check that the zone is in this dynv6 account') });

    expect(await caught(dns.create(spec('home.example.dynv6.net'), '2a02:1388:1000::160'))).toMatchObject({
      kind: 'config',
      status: 422,
      message: 'dynv6 POST /zones/{id}/records refused (HTTP 422, ValidationError: validation failed: data: is not a valid IPv4 address)',
    });

    reply(429, { error: { name: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '30' });
    expect(await caught(dns.create(spec('home.example.dynv6.net'), '81.2.69.160'))).toMatchObject({ kind: 'rate-limit', retryAfterMs: 30_000 });
  });
});
