import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { fakePerTest } from '../../../test/helpers/fake-per-test.js';
import { hashHex } from '../signing.js';
import { DnscomClient, dnscomHash, dnscomStringToSign } from './client.js';
import { createDnscomProvider } from './index.js';
import { startFakeDnscom } from './fake.js';

const API_KEY = 'unitdnscomkey0123456789abcdef012';
const API_SECRET = 'unitDnscomSecret/0123456789';

const fake = fakePerTest((zones: string[] = ['example.com']) => startFakeDnscom({ apiKey: API_KEY, apiSecret: API_SECRET, zones }));

function provider(secret = API_SECRET) {
  const context = providerContext({ endpoint: fake.current().endpoint });
  return { dns: createDnscomProvider({ api_key: API_KEY, api_secret: secret }, context), warnings: context.warnings };
}

const requests = (action?: string): SeenRequest[] => fake.requests().filter((request) => action === undefined || request.path === `/api/${action}`);
const formOf = (request: SeenRequest | undefined): Record<string, string> => Object.fromEntries(new URLSearchParams(request?.body ?? ''));

describe('dnscom signature (MD5 over sorted parameters + apiSecret)', () => {
  it('reproduces the published example of www.dns.com/document/api/70/72.html', () => {
    // "请求字符串 apiKey=c7722149110b7492a2e5cf1d8f3f966b&domain=dns.com&timestamp=1521005892
    //  最终字符串 apiKey=c7722149110b7492a2e5cf1d8f3f966b&domain=dns.com&timestamp=1521005892ecb4ff0e877a83292b9f35067e9ae673"
    const params = { timestamp: '1521005892', domain: 'dns.com', apiKey: 'c7722149110b7492a2e5cf1d8f3f966b' };
    const secret = 'ecb4ff0e877a83292b9f35067e9ae673';
    expect(dnscomStringToSign(params, secret)).toBe('apiKey=c7722149110b7492a2e5cf1d8f3f966b&domain=dns.com&timestamp=1521005892ecb4ff0e877a83292b9f35067e9ae673');
    expect(dnscomHash(params, secret)).toBe('0eb4933a634000ce215370683d6f1338');
    expect(dnscomHash(params, secret)).toBe(hashHex('md5', dnscomStringToSign(params, secret)));
  });

  it("agrees with go-acme/lego's recorded signed request (fixtures/create_record-request.json): values unencoded", () => {
    const params = {
      apiKey: 'key',
      domainID: '123',
      host: '_acme-challenge',
      remark: 'Created by go-acme/lego',
      timestamp: '1767225600',
      ttl: '120',
      type: 'TXT',
      value: 'ADw2sEd82DUgXcQ9hNBZThJs7zVJkR5v9JeSbAb9mZY',
      viewID: '456',
    };
    expect(dnscomHash(params, 'secret')).toBe('060f732994e973b20e120314cb5202b4');
  });

  it('signs what it sends: apiKey, timestamp in unix seconds, then hash over the unencoded values', () => {
    const client = new DnscomClient({ http: { request: () => Promise.reject(new Error('unused')) }, apiKey: 'k', apiSecret: 's', endpoint: undefined, now: () => new Date('2026-01-01T00:00:00Z') });
    const form = client.signedForm({ domainID: '1', value: '2a02:1388::1' });
    expect(Object.fromEntries(form)).toEqual({ domainID: '1', value: '2a02:1388::1', apiKey: 'k', timestamp: '1767225600', hash: hashHex('md5', 'apiKey=k&domainID=1&timestamp=1767225600&value=2a02:1388::1s') });
  });
});

describe('dnscom provider', () => {
  it('lists domains once, finds by host, creates with the documented form; apex is @', async () => {
    await fake.start(['example.com', 'lab.example.com']);
    const { dns } = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(requests('domain/list')).toHaveLength(1);
    expect(formOf(requests('record/list')[0])).toMatchObject({ domainID: fake.current().store.zoneByName('lab.example.com')?.id, host: 'a', page: '1', pageSize: '500' });
    const creates = requests('record/create').map(formOf);
    expect(creates).toEqual([
      expect.objectContaining({ domainID: fake.current().store.zoneByName('lab.example.com')?.id, host: 'a', type: 'A', value: '81.2.69.160', TTL: '600' }),
      expect.objectContaining({ domainID: fake.current().store.zoneByName('example.com')?.id, host: '@', type: 'AAAA', value: '2a02:1388:1000::160', TTL: '600' }),
    ]);
    expect(creates.some((form) => 'viewID' in form)).toBe(false);
    expect(requests().every((request) => request.headers['content-type'] === 'application/x-www-form-urlencoded' && !request.body.includes(encodeURIComponent(API_SECRET)))).toBe(true);
  });

  it('reads every page of domains (250 domains, 100 a page) and of records (600 records, 500 a page); updates in place keeping the ttl', async () => {
    await fake.start(Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`));
    for (let index = 0; index < 599; index++) fake.current().store.add({ name: 'home.zone249.example', type: 'A', content: `10.0.${Math.floor(index / 250)}.${index % 250}`, extra: { view: 7 } });
    const mine = fake.current().store.add({ name: 'home.zone249.example', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider().dns, spec('home.zone249.example'), '81.2.69.160');
    expect(requests('domain/list').map((request) => formOf(request)['page'])).toEqual(['1', '2', '3']);
    expect(requests('record/list').map((request) => formOf(request)['page'])).toEqual(['1', '2']);
    expect(written).toMatchObject({ id: mine.id, ttl: 1200 });
    expect(formOf(requests('record/modify')[0])).toMatchObject({ recordID: mine.id, newvalue: '81.2.69.160', newTTL: '1200' });
  });

  it('a configured zone is asked for by name (domain/getsingle), without listing the domains', async () => {
    await fake.start(['example.com']);
    await upsert(provider().dns, spec('home.example.com', { zone: 'example.com' }), '81.2.69.160');
    expect(requests('domain/list')).toHaveLength(0);
    expect(formOf(requests('domain/getsingle')[0])).toMatchObject({ domainID: 'example.com' });
    const error = await caught(provider().dns.find(spec('home.example.org', { zone: 'example.org' })));
    expect(error).toMatchObject({ kind: 'not-found' });
    expect(error.message).toMatch(/^no 51DNS domain example\.org/);
  });

  it('keeps a record on its view (line): viewID is sent on create and other views are other records', async () => {
    await fake.start();
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    const { dns } = provider();
    const telecom = spec('home.example.com', { options: { line: '285' } });
    await upsert(dns, telecom, '81.2.69.160');
    await upsert(dns, telecom, '81.2.69.161');
    expect(formOf(requests('record/create')[0])).toMatchObject({ viewID: '285' });
    expect(fake.current().store.records({ name: 'home.example.com' }).map((record) => [record.extra['view'], record.content])).toEqual([
      [undefined, '81.2.69.1'],
      [285, '81.2.69.161'],
    ]);
  });

  it('warns about duplicates and keeps the first up to date', async () => {
    await fake.start();
    const first = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2' });
    const { dns, warnings } = provider();
    expect((await dns.find(spec('home.example.com')))?.id).toBe(first.id);
    expect(warnings).toEqual([expect.stringContaining('2 A records named home.example.com exist in 51DNS zone example.com')]);
  });

  it('a wrong secret (bad hash) is an auth error naming the keys, without the secret; not retried', async () => {
    await fake.start();
    const error = await caught(provider('wrong-dnscom-secret').dns.find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, code: '2' });
    expect(error.message).toBe('51DNS rejected the credentials (2: hash 签名错误); check api_key and api_secret (51DNS / dns.com 设置中心 → API 密钥管理)');
  });

  it.each([
    [{ code: 4, message: 'timestamp 已过期' }, 'clock-skew', /set the system clock right/],
    [{ code: 9, message: '请求过于频繁' }, 'rate-limit', /rate limited/],
    [{ code: 3, message: '非法参数' }, 'config', /^51DNS domain\/list refused \(3: 非法参数\)$/],
  ])('%j is %s', async (body, kind, message) => {
    await fake.start();
    fake.current().server?.injectFault({ kind: 'reply', reply: { status: 200, body } });
    const error = await caught(provider().dns.find(spec('home.example.com')));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('a create refused as 记录已存在 counts as done when a fresh listing shows the address', async () => {
    await fake.start();
    const { dns } = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    const existing = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    expect((await dns.create(spec('home.example.com'), '81.2.69.160')).id).toBe(existing.id);
  });
});
