import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createDnslaProvider } from './index.js';
import { startFakeDnsla } from './fake.js';

const API_ID = 'unitDnslaId';
const API_SECRET = 'unit-dnsla-secret-0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(secret = API_SECRET) {
  return createDnslaProvider({ api_id: API_ID, api_secret: secret }, providerContext({ endpoint: fake.endpoint }));
}

describe('dnsla', () => {
  it('sends Basic auth, numeric types, the host relative to the zone (@ for the apex), and finds the deepest domain', async () => {
    fake = await startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === `Basic ${Buffer.from(`${API_ID}:${API_SECRET}`).toString('base64')}`)).toBe(true);
    const creates = requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(creates).toEqual([
      { domainId: fake.store.zoneByName('lab.example.com')?.id, host: 'a', type: 1, data: '81.2.69.160', ttl: 600 },
      { domainId: fake.store.zoneByName('example.com')?.id, host: '@', type: 28, data: '2a02:1388:1000::160', ttl: 600 },
    ]);
    // One domain listing for both records.
    expect(requests.filter((request) => request.path === '/api/domainList')).toHaveLength(1);
    expect(requests.find((request) => request.path === '/api/recordList')?.query.get('domain')).toBe('lab.example.com');
  });

  it('reads every page of domains (250 domains, 100 per page)', async () => {
    const zones = Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones });
    await upsert(provider(), spec('home.zone249.example'), '81.2.69.160');
    const pages = (fake.server?.requests ?? []).filter((request) => request.path === '/api/domainList').map((request) => request.query.get('pageIndex'));
    expect(pages).toEqual(['1', '2', '3']);
    expect(fake.store.records({ name: 'home.zone249.example' })).toHaveLength(1);
  });

  it('updates in place with PUT, keeping the record id and its ttl', async () => {
    fake = await startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
    expect(fake.server?.requests.at(-1)?.method).toBe('PUT');
  });

  it('a wrong secret is an auth error naming the keys, without the secret; not retried', async () => {
    fake = await startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones: ['example.com'] });
    const error = await caught(provider('wrong-secret-value-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_id and api_secret/);
    expect(error.message).not.toContain('wrong-secret-value-9');
  });

  it('a name in no domain of the account is not-found, naming what was tried', async () => {
    fake = await startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('an envelope code other than 200 is a one-line config error with the message', async () => {
    fake = await startFakeDnsla({ apiId: API_ID, apiSecret: API_SECRET, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { code: 400, msg: '参数错误', data: null } } });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toBe('DNS.LA GET /api/domainList refused: 参数错误 (code 400)');
  });
});
