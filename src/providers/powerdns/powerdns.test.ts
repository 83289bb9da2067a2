import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { apiBase } from './client.js';
import { startFakePowerdns, type FakePowerdnsOptions } from './fake.js';
import { createPowerdnsProvider } from './index.js';

const API_KEY = 'unitPowerdnsKey0123456789';
const ZONES = '/api/v1/servers/localhost/zones';

let running: RunningFake | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Partial<FakePowerdnsOptions> = {}): Promise<RunningFake> {
  running = await startFakePowerdns({ apiKey: API_KEY, zones: ['example.com'], ...options });
  return running;
}

function provider(fake: RunningFake, options: Record<string, unknown> = {}, context = providerContext({ endpoint: fake.endpoint })) {
  return createPowerdnsProvider({ server: fake.endpoint, api_key: API_KEY, server_id: 'localhost', ...options }, context);
}
const requests = (fake: RunningFake) => fake.server?.requests ?? [];
const body = (text: string): unknown => JSON.parse(text);

describe('powerdns', () => {
  it('accepts the webserver URL with or without /api/v1 and a trailing slash', () => {
    expect(apiBase('http://127.0.0.1:8081', 'localhost')).toBe('http://127.0.0.1:8081/api/v1/servers/localhost');
    expect(apiBase('http://127.0.0.1:8081/', 'localhost')).toBe('http://127.0.0.1:8081/api/v1/servers/localhost');
    expect(apiBase('http://127.0.0.1:8081/api/v1/', 'ns1')).toBe('http://127.0.0.1:8081/api/v1/servers/ns1');
  });

  it('sends X-API-Key, lists the zones once, picks the deepest, and REPLACEs the RRset with absolute names', async () => {
    const fake = await start({ zones: ['example.com', 'lab.example.com'] });
    const dns = provider(fake);
    await upsert(dns, spec('a.lab.example.com', { ttl: 120 }), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(requests(fake).every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true);
    expect(requests(fake).filter((request) => request.path === ZONES)).toHaveLength(1);
    const reads = requests(fake).filter((request) => request.method === 'GET' && request.path !== ZONES);
    expect(reads.map((request) => [request.path, request.query.get('rrset_name'), request.query.get('rrset_type'), request.headers.accept])).toEqual([
      [`${ZONES}/lab.example.com.`, 'a.lab.example.com.', 'A', 'application/json'],
      [`${ZONES}/example.com.`, 'example.com.', 'AAAA', 'application/json'],
    ]);
    const patches = requests(fake).filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => [request.path, request.headers['content-type'], body(request.body)])).toEqual([
      [`${ZONES}/lab.example.com.`, 'application/json', { rrsets: [{ name: 'a.lab.example.com.', type: 'A', ttl: 120, changetype: 'REPLACE', records: [{ content: '81.2.69.160', disabled: false }] }] }],
      [`${ZONES}/example.com.`, 'application/json', { rrsets: [{ name: 'example.com.', type: 'AAAA', ttl: 300, changetype: 'REPLACE', records: [{ content: '2a02:1388:1000::160', disabled: false }] }] }],
    ]);
    expect(fake.store.records({ name: 'a.lab.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 120 })]);
  });

  it('finds the apex A RRset among the apex SOA and NS, and keeps only the name and type asked for when the filters are ignored', async () => {
    const fake = await start();
    fake.store.add({ name: 'example.com', type: 'A', content: '81.2.69.1', ttl: 900 });
    fake.store.add({ name: 'example.com', type: 'AAAA', content: '2a02:1388:1000::1', ttl: 900 });
    fake.store.add({ name: 'www.example.com', type: 'A', content: '81.2.69.9', ttl: 900 });
    // A server that ignores both filters answers the whole zone.
    const http = providerContext().http;
    const context = providerContext({ endpoint: fake.endpoint });
    context.http = { request: (request) => http.request({ ...request, url: request.url.replace(/\?.*$/, '') }) };
    const found = await provider(fake, {}, context).find(spec('example.com'));
    expect(found).toEqual({ id: 'example.com./A', name: 'example.com', type: 'A', content: '81.2.69.1', ttl: 900 });
    expect(requests(fake).at(-1)?.query.toString()).toBe('');
  });

  it('updates an existing RRset keeping its ttl and id', async () => {
    const fake = await start();
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const dns = provider(fake);
    const before = await dns.find(spec('home.example.com'));
    expect(before).toMatchObject({ id: 'home.example.com./A', content: '81.2.69.1', ttl: 1200 });
    const written = await dns.update(spec('home.example.com'), before!, '81.2.69.160');
    expect(written).toEqual({ id: 'home.example.com./A', name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: 1200 });
    expect(body(requests(fake).at(-1)?.body ?? '')).toMatchObject({ rrsets: [{ ttl: 1200, changetype: 'REPLACE' }] });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 1200 })]);
  });

  it('reads an RRset of several addresses as one record holding them all, and replaces it with the one address', async () => {
    const fake = await start();
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: 600 });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2', ttl: 600 });
    const dns = provider(fake);
    expect(await dns.find(spec('home.example.com'))).toMatchObject({ id: 'home.example.com./A', content: '81.2.69.160, 81.2.69.2' });
    // Not "unchanged": the RRset holds one address too many.
    expect(await upsert(dns, spec('home.example.com'), '81.2.69.160')).toMatchObject({ content: '81.2.69.160', ttl: 600 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160' })]);
  });

  it('does not count disabled records as the address', async () => {
    const fake = await start();
    const dns = provider(fake);
    await dns.find(spec('other.example.com'));
    fake.server?.injectFault({
      kind: 'reply',
      reply: { status: 200, body: { id: 'example.com.', name: 'example.com.', rrsets: [{ comments: [], name: 'home.example.com.', type: 'A', ttl: 60, records: [{ content: '81.2.69.1', disabled: true }] }] } },
    });
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
  });

  it('uses server_id in the path', async () => {
    const fake = await start({ serverId: 'ns1' });
    await upsert(provider(fake, { server_id: 'ns1' }), spec('home.example.com'), '81.2.69.160');
    expect(requests(fake).every((request) => request.path.startsWith('/api/v1/servers/ns1/zones'))).toBe(true);
  });

  it('maps the 401 to auth naming api_key (never the key), and the 404 of an unknown server id to not-found', async () => {
    const fake = await start();
    const auth = await caught(provider(fake, { api_key: 'wrongKey0123456789' }).find(spec('home.example.com')));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toMatch(/^PowerDNS rejected the API key: Unauthorized \(HTTP 401\); check api_key/);
    expect(auth.message).not.toContain('wrongKey');

    const missing = await caught(provider(fake, { server_id: 'nope' }).find(spec('home.example.com')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toMatch(/PowerDNS GET \/zones: not found: Not Found \(HTTP 404\); check server and server_id/);
  });

  it('maps the plain-text 401 and 404 a client gets without Accept: application/json (or through a proxy) the same way', async () => {
    const fake = await start();
    const plain = await fetch(`${fake.endpoint}${ZONES}`, { headers: { 'X-API-Key': 'wrong' } });
    expect([plain.status, plain.headers.get('content-type'), await plain.text()]).toEqual([401, 'text/plain; charset=utf-8', 'Unauthorized']);
    fake.server?.injectFault({ kind: 'reply', reply: { status: 401, body: 'Unauthorized' } });
    const auth = await caught(provider(fake).find(spec('home.example.com')));
    expect(auth).toMatchObject({ kind: 'auth', message: expect.stringMatching(/^PowerDNS rejected the API key: HTTP 401, body "Unauthorized"; check api_key/) });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: 'Not Found' } });
    expect(await caught(provider(fake).find(spec('home.example.com')))).toMatchObject({ kind: 'not-found' });
  });

  it('maps a 422 to config quoting the error, a JSON 5xx to transient, and a name in no zone to not-found', async () => {
    const fake = await start();
    const dns = provider(fake);
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 422, body: { error: 'RRset home.example.com. IN A: Conflicts with pre-existing RRset' } } });
    const invalid = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(invalid.kind).toBe('config');
    expect(invalid.message).toMatch(/PowerDNS PATCH \/zones\/\{zone\} refused: RRset home\.example\.com\. IN A: Conflicts with pre-existing RRset \(HTTP 422\)/);

    fake.server?.injectFault({ kind: 'reply', reply: { status: 500, body: { error: 'Internal Server Error' } } });
    const broken = await caught(dns.find(spec('home.example.com')));
    expect(broken).toMatchObject({ kind: 'transient', message: expect.stringMatching(/server error: Internal Server Error \(HTTP 500\)/) });

    const outside = await caught(dns.find(spec('home.other.test')));
    expect(outside.kind).toBe('not-found');
    expect(outside.message).toMatch(/no PowerDNS zone found for home\.other\.test/);
  });

  it('the fake refuses what the real server refuses: bad content and out-of-zone names with 422', async () => {
    const fake = await start();
    const patch = (rrset: object) =>
      fetch(`${fake.endpoint}${ZONES}/example.com.`, { method: 'PATCH', headers: { 'X-API-Key': API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify({ rrsets: [rrset] }) });
    const bad = await patch({ name: 'home.example.com.', type: 'A', ttl: 60, changetype: 'REPLACE', records: [{ content: 'nope', disabled: false }] });
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([422, expect.stringMatching(/Parsing record content/)]);
    const outside = await patch({ name: 'home.other.', type: 'A', ttl: 60, changetype: 'REPLACE', records: [{ content: '81.2.69.1', disabled: false }] });
    expect([outside.status, await outside.json()]).toEqual([422, { error: 'RRset home.other. IN A: Name is out of zone' }]);
  });
});
