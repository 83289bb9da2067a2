import { aaaa, caught, jsonBody, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import { fakePerTest } from '../../../test/helpers/fake-per-test.js';
import { createDesecProvider } from './index.js';
import { startFakeDesec } from './fake.js';

const TOKEN = 'unitDesecToken0123456789abcdef';
const fake = fakePerTest(startFakeDesec);

function provider(token = TOKEN) {
  const context = providerContext({ endpoint: fake.current().endpoint });
  return { dns: createDesecProvider({ token }, context), context };
}

const writes = () => fake.requests().filter((request) => request.method !== 'GET');

describe('desec', () => {
  it('sends the token, subnames ("" for the apex), the domain minimum_ttl as default, and picks the deepest domain', async () => {
    await fake.start({ token: TOKEN, zones: ['example.com', 'lab.example.com'] });
    const { dns } = provider();
    await upsert(dns, spec('a.lab.example.com', { ttl: 7200 }), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(fake.requests().every((request) => request.headers.authorization === `Token ${TOKEN}`)).toBe(true);
    expect(fake.requests().filter((request) => request.method === 'GET').map((request) => `${request.path}?${request.query.toString()}`)).toEqual([
      '/api/v1/domains/?cursor=',
      '/api/v1/domains/lab.example.com/rrsets/?subname=a&type=A',
      '/api/v1/domains/example.com/rrsets/?subname=&type=AAAA',
    ]);
    expect(writes().map((request) => [request.method, request.path, jsonBody(request)])).toEqual([
      ['POST', '/api/v1/domains/lab.example.com/rrsets/', { subname: 'a', type: 'A', records: ['81.2.69.160'], ttl: 7200 }],
      ['POST', '/api/v1/domains/example.com/rrsets/', { subname: '', type: 'AAAA', records: ['2a02:1388:1000::160'], ttl: 3600 }],
    ]);
    expect(fake.requests().find((request) => request.method === 'POST')?.headers['content-type']).toBe('application/json');
    expect(fake.current().store.records({ name: 'a.lab.example.com' })).toEqual([expect.objectContaining({ zone: 'lab.example.com', content: '81.2.69.160', ttl: 7200 })]);
  });

  it('reads every page of domains by cursor (1,100 domains, 500 per page)', async () => {
    await fake.start({ token: TOKEN, zones: Array.from({ length: 1100 }, (_unused, index) => `zone${index}.example`), pageSize: 500 });
    await upsert(provider().dns, spec('home.zone1099.example'), '81.2.69.160');
    const listings = fake.requests().filter((request) => request.path === '/api/v1/domains/');
    expect(listings).toHaveLength(3);
    expect(listings[0]?.query.get('cursor')).toBe('');
    expect(listings.slice(1).every((request) => (request.query.get('cursor') ?? '') !== '')).toBe(true);
    expect(fake.current().store.records({ name: 'home.zone1099.example' })).toHaveLength(1);
  });

  it('updates the RRset in place with PATCH (@ for the apex), keeping the id and the ttl unless one is configured', async () => {
    await fake.start({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.current().store.add({ name: 'example.com', type: 'A', content: '81.2.69.1', ttl: 7200 });
    const written = await upsert(provider().dns, spec('example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: '/A', content: '81.2.69.160', ttl: 7200 });
    expect(writes().map((request) => [request.method, request.path, jsonBody(request)])).toEqual([['PATCH', '/api/v1/domains/example.com/rrsets/@/A/', { records: ['81.2.69.160'] }]]);
    expect(fake.current().store.records({ name: 'example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 7200 })]);

    await upsert(provider().dns, spec('example.com', { ttl: 3600 }), '81.2.69.161');
    expect(jsonBody(writes().at(-1))).toEqual({ records: ['81.2.69.161'], ttl: 3600 });
  });

  it('reads an RRset of several values as not current, and leaves the one address', async () => {
    await fake.start({ token: TOKEN, zones: ['example.com'] });
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160\n81.2.69.2' });
    const { dns } = provider();
    const found = await dns.find(spec('home.example.com'));
    expect(found?.content).toBe('81.2.69.160,81.2.69.2');
    await upsert(dns, spec('home.example.com'), '81.2.69.160');
    expect(fake.current().store.records({ name: 'home.example.com' }).map((record) => record.content)).toEqual(['81.2.69.160']);
  });

  it("raises a ttl below the domain's minimum_ttl to it, with a warning, and then reads it as the configured one", async () => {
    await fake.start({ token: TOKEN, zones: ['example.com'], minimumTtl: 3600 });
    const { dns, context } = provider();
    const record = spec('home.example.com', { ttl: 60 });
    await upsert(dns, record, '81.2.69.160');
    expect(jsonBody(writes()[0])).toMatchObject({ ttl: 3600 });
    expect(context.warnings).toEqual([expect.stringMatching(/^deSEC domain example\.com accepts a ttl of at least 3600 \(its minimum_ttl\): home\.example\.com A is written with ttl 3600, not 60$/)]);
    expect(await dns.find(record)).toMatchObject({ content: '81.2.69.160', ttl: 60 });
  });

  it('sends a dedyn.io-style low ttl as it is when the domain allows it', async () => {
    await fake.start({ token: TOKEN, zones: ['myhome.dedyn.io'], minimumTtl: 60 });
    const { dns, context } = provider();
    await upsert(dns, spec('myhome.dedyn.io', { ttl: 60 }), '81.2.69.160');
    expect(jsonBody(writes()[0])).toEqual({ subname: '', type: 'A', records: ['81.2.69.160'], ttl: 60 });
    expect(context.warnings).toEqual([]);
  });

  it('maps a wrong token to auth (no secret in the message)', async () => {
    await fake.start({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider('wrongDesecToken000000000').dns.find(spec('home.example.com')));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toMatch(/^deSEC rejected the token \(HTTP 401, Invalid token\.\): check token/);
    expect(error.message).not.toContain('wrongDesecToken');
  });

  it('maps a 403 to auth, a 404 to not-found, a ttl refusal to config, and a 429 to rate-limit with its Retry-After', async () => {
    const running = await fake.start({ token: TOKEN, zones: ['example.com'] });
    const { dns } = provider();
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => running.server?.injectFault({ kind: 'reply', reply: { status, body, headers } });
    // The domains are listed once, so that each fault below answers the request it is about.
    await dns.find(spec('home.example.com'));

    reply(403, { detail: 'You do not have permission to perform this action.' });
    expect(await caught(dns.create(spec('home.example.com'), '81.2.69.160'))).toMatchObject({ kind: 'auth', status: 403, message: expect.stringContaining('check token') });

    reply(404, { detail: 'Not found.' });
    expect(await caught(dns.find(spec('home.example.com')))).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/^deSEC GET \/domains\/…\/rrsets\/: not found \(HTTP 404, Not found\.\); check that the domain is in this deSEC account/) });

    reply(400, { ttl: ['Ensure this value is greater than or equal to 3600.'] });
    expect(await caught(dns.create(spec('home.example.com'), '81.2.69.160'))).toMatchObject({
      kind: 'config',
      message: "deSEC POST /domains/…/rrsets/ refused (HTTP 400, ttl: Ensure this value is greater than or equal to 3600.); set ttl in the [[record]] between the domain's minimum_ttl and 86400",
    });

    reply(429, { detail: 'Request was throttled. Expected available in 3600 seconds.' }, { 'retry-after': '3600' });
    const throttled = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(throttled).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 3_600_000 });
    expect(throttled.message).toContain('Request was throttled. Expected available in 3600 seconds.');

    reply(400, { records: ['Record content for type A malformed: invalid address.'] });
    expect(await caught(dns.create(spec('home.example.com'), '81.2.69.160'))).toMatchObject({ kind: 'config', message: expect.stringContaining('records: Record content for type A malformed') });
  });

  it('a create refused because the RRset exists counts as done when the listing holds the address', async () => {
    const running = await fake.start({ token: TOKEN, zones: ['example.com'] });
    const { dns } = provider();
    running.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    expect(await dns.create(spec('home.example.com'), '81.2.69.160')).toMatchObject({ id: 'home/A', content: '81.2.69.160' });
    running.store.add({ name: 'other.example.com', type: 'A', content: '81.2.69.1' });
    const error = await caught(dns.create(spec('other.example.com'), '81.2.69.160'));
    expect(error).toMatchObject({ kind: 'conflict', message: expect.stringContaining('Another RRset with the same subdomain and type exists') });
  });

  it('says which domain is missing when none holds the name', async () => {
    await fake.start({ token: TOKEN, zones: ['example.com'] });
    const error = await caught(provider().dns.find(spec('home.example.org')));
    expect(error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('no deSEC domain found for home.example.org') });
  });
});
