import { ProviderError } from '../../http/errors.js';
import { hashHex } from '../signing.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { fakePerTest } from '../../../test/helpers/fake-per-test.js';
import { westcnApiKey } from './client.js';
import { gbkFormBody } from './gbk-form.js';
import { createWestcnProvider } from './index.js';
import { westcnMetadata } from './metadata.js';
import { decodeGbkForm, encodeGbk, startFakeWestcn } from './fake.js';

const USERNAME = 'unitwest';
const API_PASSWORD = 'unit-West-Passw0rd';
const DOMAIN_KEY = '0123456789abcdef0123456789abcdef';

const fake = fakePerTest((zones: string[] = ['example.com']) => startFakeWestcn({ username: USERNAME, apiPassword: API_PASSWORD, zones, domainKeys: { 'example.com': DOMAIN_KEY } }));

function provider(options: Record<string, unknown> = { username: USERNAME, api_password: API_PASSWORD }) {
  const context = providerContext({ endpoint: fake.current().endpoint });
  return { dns: createWestcnProvider(options, context), warnings: context.warnings };
}

const forms = (act?: string): Map<string, string>[] =>
  fake.requests().map((request: SeenRequest) => decodeGbkForm(request.body)).filter((form) => act === undefined || form.get('act') === act);

describe('westcn apikey (MD5) and GBK form', () => {
  it('MD5 is RFC 1321\'s own: MD5("message digest") = f96b697d7cb7938d525a2f31aaf161d0; apikey is its lower-case hex', () => {
    // No West.cn worked example exists; RFC 1321 appendix A.5 is the algorithm's published test suite.
    expect(westcnApiKey('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(westcnApiKey('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hashHex('md5', API_PASSWORD)).toBe(westcnApiKey(API_PASSWORD));
  });

  it('encodes ASCII forms byte for byte, refuses non-ASCII with a clear config error, and the fake reads them as GBK', () => {
    expect(gbkFormBody({ act: 'dnsrec.add', hostname: 'a b', record_value: '2a02:1388::1' })).toBe('act=dnsrec.add&hostname=a+b&record_value=2a02%3A1388%3A%3A1');
    expect(() => gbkFormBody({ hostname: '主页' })).toThrow(expect.objectContaining({ kind: 'config', message: expect.stringContaining('write names in punycode') }) as Error);
    // The fake's decoder reads %XX as GBK bytes: C4 E3 BA C3 is 你好 in GBK (and not valid UTF-8).
    expect(decodeGbkForm('msg=%C4%E3%BA%C3').get('msg')).toBe('你好');
    expect([...encodeGbk('你好')]).toEqual([0xc4, 0xe3, 0xba, 0xc3]);
  });
});

describe('westcn config', () => {
  it.each([
    [{ username: 'u', api_password: 'p' }, true],
    [{ domain: 'example.com', domain_key: DOMAIN_KEY }, true],
    [{ username: 'u' }, false],
    [{ username: 'u', api_password: 'p', domain: 'example.com', domain_key: DOMAIN_KEY }, false],
    [{ domain: 'example.com', domain_key: 'not-an-md5' }, false],
    [{}, false],
  ])('%j valid: %s', (table, valid) => {
    expect(westcnMetadata.configSchema.safeParse(table).success).toBe(valid);
  });
});

describe('westcn provider', () => {
  it('probes zones deepest first once per run, sends username + apikey, creates with the documented fields; apex is @', async () => {
    await fake.start(['example.com']);
    const { dns } = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const all = forms();
    expect(all.every((form) => form.get('username') === USERNAME && form.get('apikey') === westcnApiKey(API_PASSWORD) && !form.has('apidomainkey'))).toBe(true);
    expect(forms('dnsrec.list').map((form) => form.get('domain'))).toEqual(['a.lab.example.com', 'lab.example.com', 'example.com', 'example.com', 'example.com']);
    expect(forms('dnsrec.add').map((form) => Object.fromEntries(form))).toEqual([
      expect.objectContaining({ domain: 'example.com', hostname: 'a.lab', record_type: 'A', record_value: '81.2.69.160', record_ttl: '600', record_level: '10' }),
      expect.objectContaining({ domain: 'example.com', hostname: '@', record_type: 'AAAA', record_value: '2a02:1388:1000::160', record_ttl: '600' }),
    ]);
    expect(forms('dnsrec.add').some((form) => form.has('record_line'))).toBe(false);
    expect(fake.current().store.records().map((record) => record.name)).toEqual(['a.lab.example.com', 'example.com']);
  });

  it('with domain and domain_key sends only apidomainkey and asks no zone question', async () => {
    await fake.start();
    const { dns } = provider({ domain: 'example.com', domain_key: DOMAIN_KEY });
    await upsert(dns, spec('home.example.com'), '81.2.69.160');
    expect(forms().map((form) => [form.get('act'), form.get('apidomainkey'), form.has('username')])).toEqual([
      ['dnsrec.list', DOMAIN_KEY, false],
      ['dnsrec.add', DOMAIN_KEY, false],
    ]);
    const error = await caught(dns.find(spec('home.example.org')));
    expect(error).toMatchObject({ kind: 'config', message: 'home.example.org is not inside West.cn domain example.com' });
  });

  it('finds its record on the third page (250 records, 100 a page) and modifies it by record_id, keeping its ttl', async () => {
    await fake.start();
    for (let index = 0; index < 240; index++) fake.current().store.add({ name: 'home.example.com', type: 'A', content: `10.0.${Math.floor(index / 200)}.${index % 200}`, extra: { line: 'LCNC' } });
    const mine = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider().dns, spec('home.example.com', { zone: 'example.com' }), '81.2.69.160');
    expect(written).toMatchObject({ id: mine.id, content: '81.2.69.160', ttl: 1200 });
    expect(forms('dnsrec.list').map((form) => form.get('pageno'))).toEqual(['1', '2', '3']);
    expect(Object.fromEntries(forms('dnsrec.modify')[0] ?? [])).toEqual(
      expect.objectContaining({ domain: 'example.com', record_id: mine.id, record_type: 'A', record_value: '81.2.69.160', record_ttl: '1200' }),
    );
  });

  it('keeps a record on its ISP line (LTEL), apart from the default line', async () => {
    await fake.start();
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    const { dns } = provider();
    const telecom = spec('home.example.com', { options: { line: 'LTEL' } });
    await upsert(dns, telecom, '81.2.69.160');
    await upsert(dns, telecom, '81.2.69.161');
    expect(forms('dnsrec.add')[0]?.get('record_line')).toBe('LTEL');
    expect(forms('dnsrec.modify')[0]?.get('record_line')).toBe('LTEL');
    expect(fake.current().store.records({ name: 'home.example.com' }).map((record) => [record.extra['line'] ?? '', record.content])).toEqual([
      ['', '81.2.69.1'],
      ['LTEL', '81.2.69.161'],
    ]);
  });

  it('warns about duplicates and keeps the first up to date', async () => {
    await fake.start();
    const first = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2' });
    const { dns, warnings } = provider();
    expect((await dns.find(spec('home.example.com')))?.id).toBe(first.id);
    expect(warnings).toEqual([expect.stringContaining(`2 A records named home.example.com exist in West.cn domain example.com; only the first (record_id ${first.id})`)]);
  });

  it('a wrong API password is an auth error naming the keys, in readable Chinese (GBK decoded), without the secret or its MD5', async () => {
    await fake.start();
    const error = await caught(provider({ username: USERNAME, api_password: 'wrong-West-pass' }).dns.find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false });
    expect(error.message).toMatch(/^West\.cn rejected the credentials \(500: 用户名或 apikey 验证失败\); check username and api_password/);
    expect(error.message).not.toContain(westcnApiKey('wrong-West-pass'));
  });

  it('a domain in no candidate is not-found, naming what was tried', async () => {
    await fake.start();
    const error = await caught(provider().dns.find(spec('home.example.org')));
    expect(error).toMatchObject({ kind: 'not-found' });
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('a GBK answer whose Chinese holds a 0x5C trail byte still parses (a UTF-8 reading would break the JSON)', async () => {
    await fake.start();
    // 錦 is 0xE5 0x5C in GBK: read as UTF-8, the 0x5C would be a backslash escaping the closing quote.
    expect([...encodeGbk('錦')]).toEqual([0xe5, 0x5c]);
    fake.current().server?.injectFault({ kind: 'reply', reply: { status: 200, body: encodeGbk(JSON.stringify({ code: 500, msg: '参数錦' })) } });
    const error = await caught(provider().dns.find(spec('home.example.com', { zone: 'example.com' })));
    expect(error).toMatchObject({ kind: 'config', message: 'West.cn dnsrec.list refused (500: 参数錦)' });
  });

  it.each([
    ['请求过于频繁，API 已暂停', 'rate-limit'],
    ['TTL 必须在 60-86400 之间', 'config'],
  ])('msg %s is %s', async (msg, kind) => {
    await fake.start();
    fake.current().server?.injectFault({ kind: 'reply', reply: { status: 200, body: encodeGbk(JSON.stringify({ code: 500, msg })) } });
    expect((await caught(provider().dns.find(spec('home.example.com', { zone: 'example.com' })))).kind).toBe(kind);
  });

  it('an add refused as "500 already exists" counts as done when a fresh listing shows the address', async () => {
    await fake.start();
    const { dns } = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    const existing = fake.current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    expect((await dns.create(spec('home.example.com'), '81.2.69.160')).id).toBe(existing.id);
    expect(forms('dnsrec.add')).toHaveLength(1);
  });
});
