import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { startFakeCloudns } from './fake.js';
import { cloudnsTtl, createCloudnsProvider } from './index.js';

const AUTH_ID = '1234';
const PASSWORD = 'unit-cloudns-Pass+word/01';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(options: Record<string, unknown> = { auth_id: AUTH_ID, auth_password: PASSWORD }) {
  return createCloudnsProvider(options, providerContext({ endpoint: fake.endpoint }));
}

const requests = () => fake.server?.requests ?? [];
const form = (index: number) => new URLSearchParams(requests()[index]?.body ?? '');
const formsTo = (path: string) => requests().filter((request) => request.path === path).map((request) => Object.fromEntries(new URLSearchParams(request.body)));
const failed = (statusDescription: string) => ({ kind: 'reply' as const, reply: { status: 200, body: { status: 'Failed', statusDescription } } });

describe('cloudns', () => {
  it('POSTs forms with the id and password in the body, never the URL; the host is relative (empty for the apex), the deepest zone wins and the ttl is rounded up', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com', { ttl: 350 }), '2a02:1388:1000::160');
    expect(requests().every((request) => request.method === 'POST' && request.headers['content-type'] === 'application/x-www-form-urlencoded' && [...request.query].length === 0)).toBe(true);
    expect(requests().every((_, index) => form(index).get('auth-id') === AUTH_ID && form(index).get('auth-password') === PASSWORD)).toBe(true);
    expect(formsTo('/dns/list-zones.json')).toEqual([{ 'auth-id': AUTH_ID, 'auth-password': PASSWORD, page: '1', 'rows-per-page': '100' }]);
    expect(formsTo('/dns/records.json').map(({ host, type }) => ({ host, type }))).toEqual([
      { host: 'a', type: 'A' },
      { host: '', type: 'AAAA' },
    ]);
    expect(formsTo('/dns/add-record.json').map(({ 'auth-id': _id, 'auth-password': _password, ...fields }) => fields)).toEqual([
      { 'domain-name': 'lab.example.com', 'record-type': 'A', host: 'a', record: '81.2.69.160', ttl: '3600' },
      { 'domain-name': 'example.com', 'record-type': 'AAAA', host: '', record: '2a02:1388:1000::160', ttl: '900' },
    ]);
    expect(fake.store.records({ name: 'example.com' })).toEqual([expect.objectContaining({ type: 'AAAA', ttl: 900 })]);
  });

  it('a record holding the rounded-up ttl counts as holding the ttl asked for', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com'] });
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 900 });
    expect(await provider().find(spec('home.example.com', { ttl: 350 }))).toMatchObject({ content: '81.2.69.1', ttl: 350 });
    expect(await provider().find(spec('home.example.com', { ttl: 300 }))).toMatchObject({ ttl: 900 });
    expect([cloudnsTtl(60), cloudnsTtl(61), cloudnsTtl(3600), cloudnsTtl(2_000_000), cloudnsTtl(2_592_000)]).toEqual([60, 300, 3600, 2_592_000, 2_592_000]);
  });

  it('pages through the zones and the records, 100 at a time', async () => {
    const zones = Array.from({ length: 130 }, (_, index) => `zone${String(index).padStart(3, '0')}.example`);
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones });
    for (let index = 0; index < 100; index++) fake.store.add({ name: 'home.zone120.example', type: 'A', content: `10.0.0.${index}` });
    const last = fake.store.add({ name: 'home.zone120.example', type: 'A', content: '81.2.69.1' });
    const found = await provider().find(spec('home.zone120.example'));
    expect(found?.id).toBe(fake.store.records({ name: 'home.zone120.example' })[0]?.id);
    expect(formsTo('/dns/list-zones.json').map((fields) => fields['page'])).toEqual(['1', '2']);
    expect(formsTo('/dns/records.json').map((fields) => [fields['page'], fields['rows-per-page']])).toEqual([
      ['1', '100'],
      ['2', '100'],
    ]);
    expect(last.id).not.toBe(found?.id);
  });

  it('a configured zone is asked for by search, not by listing every zone', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com', 'example.org'] });
    await upsert(provider(), spec('home.example.com', { zone: 'example.com' }), '81.2.69.160');
    expect(formsTo('/dns/list-zones.json').map((fields) => fields['search'])).toEqual(['example.com']);
    expect((await caught(provider().find(spec('home.example.net', { zone: 'example.net' })))).kind).toBe('not-found');
  });

  it('updates in place by record-id, keeping the id and the ttl', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 86400 });
    fake.store.add({ name: 'other.example.com', type: 'A', content: '81.2.69.2' });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 86400 });
    expect(formsTo('/dns/mod-record.json').map(({ 'auth-id': _id, 'auth-password': _password, ...fields }) => fields)).toEqual([
      { 'domain-name': 'example.com', 'record-id': seeded.id, host: 'home', record: '81.2.69.160', ttl: '86400' },
    ]);
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 86400 })]);
  });

  it('a sub-user authenticates with sub-auth-id or sub-auth-user instead of auth-id', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, subAuthId: '77', subAuthUser: 'ddns-sub', zones: ['example.com'] });
    await upsert(provider({ sub_auth_id: 77, auth_password: PASSWORD }), spec('home.example.com'), '81.2.69.160');
    await upsert(provider({ sub_auth_user: 'ddns-sub', auth_password: PASSWORD }), aaaa('home.example.com'), '2a02:1388:1000::160');
    expect(requests().every((_, index) => !form(index).has('auth-id'))).toBe(true);
    expect(requests().filter((_, index) => form(index).get('sub-auth-id') === '77').length).toBeGreaterThan(0);
    expect(requests().filter((_, index) => form(index).get('sub-auth-user') === 'ddns-sub').length).toBeGreaterThan(0);
    expect(fake.store.records({ name: 'home.example.com' })).toHaveLength(2);
  });

  it('a wrong password is an auth error naming the keys, without the secret; not retried', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com'] });
    const error = await caught(provider({ auth_id: AUTH_ID, auth_password: 'wrong-Pass-9876' }).find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^ClouDNS rejected the credentials: Invalid authentication, incorrect auth-id or auth-password\. Check auth_id and auth_password/);
    expect(error.message).not.toContain('wrong-Pass-9876');
    const sub = await caught(provider({ sub_auth_user: 'nobody', auth_password: PASSWORD }).find(spec('home.example.com')));
    expect(sub.message).toMatch(/incorrect sub-auth-id, sub-auth-user or auth-password\. Check sub_auth_user and auth_password/);
  });

  it('maps the Failed envelope: throttling is retryable, a missing zone or record is not-found, a ttl or anything else is config', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com'] });
    fake.server?.injectFault(failed('Request blocked. 203.0.113.7 is sending more than 20 requests per second.'));
    const throttled = await caught(provider().find(spec('home.example.com')));
    expect(throttled.kind).toBe('rate-limit');
    expect(throttled.retryable).toBe(true);

    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault(failed('Missing domain-name'));
    expect((await caught(dns.find(spec('home.example.com')))).kind).toBe('not-found');
    fake.server?.injectFault(failed('Invalid record-id param.'));
    expect((await caught(dns.update(spec('home.example.com'), { id: '999', name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 3600 }, '81.2.69.2'))).kind).toBe('not-found');
    fake.server?.injectFault(failed('Invalid TTL. Choose from the list of the values we support.'));
    const ttl = await caught(dns.create(spec('home.example.com'), '81.2.69.2'));
    expect(ttl.kind).toBe('config');
    expect(ttl.message).toMatch(/check the record's ttl/);
    fake.server?.injectFault(failed('Something unexpected.'));
    const other = await caught(dns.create(spec('home.example.com'), '81.2.69.2'));
    expect(other.kind).toBe('config');
    expect(other.message).toBe('ClouDNS add-record refused: Something unexpected.');
    expect(fake.store.writes).toBe(0);
  });

  it('an empty listing ([]) is no record; a name in no zone of the account is not-found', async () => {
    fake = await startFakeCloudns({ authId: AUTH_ID, password: PASSWORD, zones: ['example.com'] });
    expect(await provider().find(spec('home.example.com'))).toBeUndefined();
    expect((await caught(provider().find(spec('home.example.org')))).kind).toBe('not-found');
  });
});
