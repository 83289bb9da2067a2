import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { fakePerTest } from '../../../test/helpers/fake-per-test.js';
import { createRainyunProvider } from './index.js';
import { startFakeRainyun } from './fake.js';

const API_KEY = 'unitRainyunKey0123456789';

const fake = fakePerTest((zones: string[] = ['example.com']) => startFakeRainyun({ apiKey: API_KEY, zones }));

function provider(key = API_KEY) {
  const context = providerContext({ endpoint: fake.current().endpoint });
  return { dns: createRainyunProvider({ api_key: key }, context), warnings: context.warnings };
}

const requests = (method: string, path?: RegExp): SeenRequest[] => fake.requests().filter((request) => request.method === method && (path === undefined || path.test(request.path)));
const bodyOf = (request: SeenRequest | undefined): unknown => JSON.parse(request?.body ?? 'null');

describe('rainyun', () => {
  it('sends x-api-key, lists domains once, creates with the documented body (apex is @) and learns the id from the list', async () => {
    await fake.start(['example.com', 'lab.example.com']);
    const { dns } = provider();
    const created = await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(fake.requests().every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true);
    expect(requests('GET', /^\/product\/domain\/?$/)).toHaveLength(1);
    expect(JSON.parse(requests('GET', /^\/product\/domain\/?$/)[0]?.query.get('options') ?? '')).toEqual({ columnFilters: { 'domains.Domain': '' }, sort: [], page: 1, perPage: 100 });
    const lab = fake.current().store.zoneByName('lab.example.com')?.id;
    expect(requests('POST').map((request) => request.path)).toEqual([`/product/domain/${lab}/dns`, `/product/domain/${fake.current().store.zoneByName('example.com')?.id}/dns`]);
    expect(requests('POST').map(bodyOf)).toEqual([
      { record_id: 0, host: 'a', type: 'A', value: '81.2.69.160', ttl: 600, line: 'DEFAULT', level: 10 },
      { record_id: 0, host: '@', type: 'AAAA', value: '2a02:1388:1000::160', ttl: 600, line: 'DEFAULT', level: 10 },
    ]);
    expect(created.id).toBe(fake.current().store.records({ name: 'a.lab.example.com' })[0]?.id);
    expect(requests('GET', /\/dns$/)[0]?.query.toString()).toBe('limit=100&page_no=1');
  });

  it('finds its record on the third page of 250 records and updates it with PATCH, keeping id and ttl', async () => {
    await fake.start();
    for (let index = 0; index < 240; index++) fake.current().store.add({ name: `host${index}.example.com`, type: 'A', content: '81.2.69.1' });
    const mine = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider().dns, spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: mine.id, content: '81.2.69.160', ttl: 1200 });
    expect(requests('GET', /\/dns$/).map((request) => request.query.get('page_no'))).toEqual(['1', '2', '3']);
    expect(requests('POST')).toHaveLength(0);
    expect(bodyOf(requests('PATCH')[0])).toEqual({ record_id: Number(mine.id), host: 'home', type: 'A', value: '81.2.69.160', ttl: 1200, line: 'DEFAULT', level: 10 });
  });

  it('reads every page of domains (250 domains, 100 a page)', async () => {
    await fake.start(Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`));
    await upsert(provider().dns, spec('home.zone249.example'), '81.2.69.160');
    expect(requests('GET', /^\/product\/domain\/?$/).map((request) => (JSON.parse(request.query.get('options') ?? '{}') as { page: number }).page)).toEqual([1, 2, 3]);
  });

  it('keeps a record on its ISP line: another line is another record', async () => {
    await fake.start();
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', extra: { line: 'DEFAULT' } });
    const { dns } = provider();
    const telecom = spec('home.example.com', { options: { line: 'LTEL' } });
    await upsert(dns, telecom, '81.2.69.160');
    expect(bodyOf(requests('POST')[0])).toMatchObject({ host: 'home', line: 'LTEL' });
    await upsert(dns, telecom, '81.2.69.161');
    expect(fake.current().store.records({ name: 'home.example.com' }).map((record) => [record.extra['line'], record.content])).toEqual([
      ['DEFAULT', '81.2.69.1'],
      ['LTEL', '81.2.69.161'],
    ]);
  });

  it('warns about duplicates and keeps the first up to date', async () => {
    await fake.start();
    const first = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2' });
    const { dns, warnings } = provider();
    expect((await dns.find(spec('home.example.com')))?.id).toBe(first.id);
    expect(warnings).toEqual([expect.stringContaining('2 A records named home.example.com exist in Rainyun zone example.com')]);
  });

  it('a wrong key (code 30039) is an auth error naming the key, without it; not retried', async () => {
    await fake.start();
    const error = await caught(provider('wrongRainyunKey99').dns.find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, code: '30039' });
    expect(error.message).toBe('Rainyun rejected the credentials (30039: 密钥认证错误或已失效); check api_key (Rainyun console → 用户中心 → API 密钥)');
  });

  it.each([
    [{ code: 429, message: '请求过于频繁' }, 200, 'rate-limit', /rate limited/],
    [{ code: 500, message: '系统错误' }, 500, 'transient', /server error/],
    [{ code: 40010, message: 'TTL 不合法' }, 200, 'config', /^Rainyun GET \/product\/domain refused \(40010: TTL 不合法\)$/],
  ])('%j (HTTP %i) is %s', async (body, status, kind, message) => {
    await fake.start();
    fake.current().server?.injectFault({ kind: 'reply', reply: { status, body } });
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
