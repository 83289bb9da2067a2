import { ProviderError } from '../../http/errors.js';
import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { rpcSignature, rpcStringToSign, rpcCanonicalQuery } from '../rpc-signature.js';
import { createTodaynicProvider } from './index.js';
import { startFakeTodaynic, todaynicSignatureValid } from './fake.js';

const INSTANCE_ID = 'unitTodaynicInstance';
const SECRET = 'unit-todaynic-secret-0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(secret = SECRET, extra: Record<string, unknown> = {}) {
  return createTodaynicProvider({ access_instance_id: INSTANCE_ID, access_key_secret: secret, ...extra }, providerContext({ endpoint: fake.endpoint }));
}

const requests = () => fake.server?.requests ?? [];

describe('todaynic', () => {
  it('signs every GET with AccessInstanceID and HMAC-SHA1, sends the host relative to the zone (@ for the apex), creates A and AAAA', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    const dns = provider();
    await upsert(dns, spec('home.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(requests().every((request) => request.method === 'GET' && todaynicSignatureValid(request, SECRET))).toBe(true);
    for (const request of requests()) {
      expect(request.query.get('AccessInstanceID')).toBe(INSTANCE_ID);
      expect(request.query.get('SignatureMethod')).toBe('HMAC-SHA1');
      expect(request.query.get('Timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(request.query.has('AccessKeyId')).toBe(false);
      expect(request.query.has('Format')).toBe(false);
    }
    const adds = requests().filter((request) => request.path === '/api/Dns/AddDomainRecord').map((request) => Object.fromEntries(['Domain', 'Host', 'Type', 'Value', 'Ttl'].map((key) => [key, request.query.get(key)])));
    expect(adds).toEqual([
      { Domain: 'example.com', Host: 'home', Type: 'A', Value: '81.2.69.160', Ttl: '600' },
      { Domain: 'example.com', Host: '@', Type: 'AAAA', Value: '2a02:1388:1000::160', Ttl: '600' },
    ]);
    // Nonces differ per request.
    const nonces = new Set(requests().map((request) => request.query.get('SignatureNonce')));
    expect(nonces.size).toBe(requests().length);
  });

  it('the fake verifier agrees with the Alibaba RPC V1 recipe the client signs with', () => {
    const params = { Domain: 'example.com', Host: 'a b*~', AccessInstanceID: 'id', SignatureMethod: 'HMAC-SHA1', SignatureNonce: 'n', Timestamp: '2026-01-01T00:00:00Z' };
    const signature = rpcSignature(rpcStringToSign('GET', rpcCanonicalQuery(params)), SECRET);
    const query = new URLSearchParams({ ...params, Signature: signature });
    const seen = { method: 'GET', path: '/api/Dns/DescribeRecordIndex', query, headers: {}, body: '' };
    expect(todaynicSignatureValid(seen, SECRET)).toBe(true);
    expect(todaynicSignatureValid(seen, 'other')).toBe(false);
  });

  it('a configured zone is used for deeper domains (example.com.cn)', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com.cn'] });
    await upsert(provider(), spec('home.example.com.cn', { zone: 'example.com.cn' }), '81.2.69.160');
    expect(fake.store.records({ name: 'home.example.com.cn' })).toHaveLength(1);
    expect(requests()[0]?.query.get('Domain')).toBe('example.com.cn');
  });

  it('updates in place, keeping the id, with the configured ttl', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com', { ttl: 300 }), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 300 });
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 300 })]);
    const update = requests().at(-1);
    expect(update?.path).toBe('/api/Dns/UpdateDomainRecord');
    expect(update?.query.get('Id')).toBe(seeded.id);
  });

  it('site picks the brand host; endpoint overrides it', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    // With the endpoint set, the site does not matter.
    await upsert(provider(SECRET, { site: 'eranet' }), spec('home.example.com'), '81.2.69.160');
    expect(fake.store.records({ name: 'home.example.com' })).toHaveLength(1);
    expect(() => createTodaynicProvider({ access_instance_id: INSTANCE_ID, access_key_secret: SECRET, site: 'nope' }, providerContext({ endpoint: undefined }))).toThrow(ProviderError);
  });

  it('a wrong secret is an auth error naming the keys, without the secret; not retried', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    const error = await caught(provider('wrong-secret-value-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('access_key_secret');
    expect(error.message).not.toContain('wrong-secret-value-9');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('an unknown domain is a config error', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('域名不存在');
  });

  it('429 is a rate limit and 503 transient', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, body: 'slow down' } }, 1);
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('rate-limit');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 503, body: 'down' } }, 1);
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('transient');
  });

  it('an answer that is not the envelope is a protocol error', async () => {
    fake = await startFakeTodaynic({ accessInstanceId: INSTANCE_ID, accessKeySecret: SECRET, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { RequestId: 'x', Data: [{ id: 'not-a-number' }] } } }, 1);
    expect((await caught(provider().find(spec('home.example.com')))).kind).toBe('protocol');
  });
});
