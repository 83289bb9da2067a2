import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createNs1Provider } from './index.js';
import { startFakeNs1 } from './fake.js';

const API_KEY = 'unitNs1Key0123456789';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = API_KEY) {
  return createNs1Provider({ api_key: key }, providerContext({ endpoint: fake.endpoint }));
}

describe('ns1', () => {
  it('sends X-NSONE-Key, lists the zones once, finds the deepest zone and creates with PUT', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers['x-nsone-key'] === API_KEY)).toBe(true);
    expect(requests.filter((request) => request.path === '/v1/zones')).toHaveLength(1);
    const creates = requests.filter((request) => request.method === 'PUT');
    expect(creates.map((request) => request.path)).toEqual(['/v1/zones/lab.example.com/a.lab.example.com/A', '/v1/zones/example.com/example.com/AAAA']);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { zone: 'lab.example.com', domain: 'a.lab.example.com', type: 'A', answers: [{ answer: ['81.2.69.160'] }], ttl: 3600 },
      { zone: 'example.com', domain: 'example.com', type: 'AAAA', answers: [{ answer: ['2a02:1388:1000::160'] }], ttl: 3600 },
    ]);
  });

  it('updates in place with POST, keeping the record id and its ttl', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 600 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id.slice(0, 24), content: '81.2.69.160', ttl: 600 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('POST');
    expect(last?.path).toBe('/v1/zones/example.com/home.example.com/A');
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 600 })]);
  });

  it('a wrong key is an auth error naming api_key, without the key; not retried', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider('wrong-key-value-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_key/);
    expect(error.message).not.toContain('wrong-key-value-9');
  });

  it('a name in no zone of the account is not-found, naming what was tried', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('maps 400 to config and 429 to rate-limit, waiting period/limit from the rate-limit headers', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { message: 'Input validation failed' } } });
    const invalid = await caught(provider().find(spec('home.example.com')));
    expect(invalid).toMatchObject({ kind: 'config' });
    expect(invalid.message).toBe('NS1 GET /v1/zones refused: Input validation failed');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-period': '20' }, body: { message: 'Rate limit exceeded' } } });
    expect(await caught(provider().find(spec('home.example.com')))).toMatchObject({ kind: 'rate-limit', retryAfterMs: 2000 });
  });

  it('follows the Link rel="next" header across pages of zones, asking the configured endpoint (not the host the link names)', async () => {
    const zones = Array.from({ length: 5 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeNs1({ apiKey: API_KEY, zones, zonePageSize: 2 });
    await upsert(provider(), spec('home.zone4.example'), '81.2.69.160');
    const listings = (fake.server?.requests ?? []).filter((request) => request.path === '/v1/zones');
    expect(listings.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    expect(fake.store.records({ name: 'home.zone4.example' })).toEqual([expect.objectContaining({ content: '81.2.69.160' })]);
  });

  it('a create refused with "record already exists" counts as done when the record holds the address', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    const created = await provider().create(spec('home.example.com'), '81.2.69.160');
    expect(created).toMatchObject({ content: '81.2.69.160' });
    expect(fake.store.writes).toBe(0);
  });

  it('maps 404 "zone not found" to not-found and 5xx to a retryable transient error', async () => {
    fake = await startFakeNs1({ apiKey: API_KEY, zones: ['example.com'] });
    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { message: 'zone not found' } } });
    const missing = await caught(dns.find(spec('home.example.com')));
    expect(missing).toMatchObject({ kind: 'not-found' });
    expect(missing.message).toBe('NS1 GET /v1/zones/{zone}/{domain}/{type}: zone not found; check that the zone is in this NS1 account');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 503, body: { message: 'Service Unavailable' } } });
    expect(await caught(dns.find(spec('home.example.com')))).toMatchObject({ kind: 'transient', retryable: true });
  });
});
