import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createJdcloudProvider } from './index.js';
import { startFakeJdcloud } from './fake.js';

// JD Cloud publishes no JDCLOUD2 vector: signature.test.ts checks the shared signer against its
// JDCLOUD3 vectors and the fakes' independent verifier, which every request below also passes.
const AK = 'unitJdcloudAccessKey0123456789';
const SK = 'unitJdcloudSecret0123456789abcdef';

let running: RunningFake | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function current(): RunningFake {
  if (running === undefined) throw new Error('no fake started');
  return running;
}

async function start(zones = ['example.com']): Promise<RunningFake> {
  running = await startFakeJdcloud({ accessKeyId: AK, secretAccessKey: SK, zones });
  return running;
}

function provider(secret = SK) {
  const context = providerContext({ endpoint: current().endpoint });
  return { dns: createJdcloudProvider({ access_key_id: AK, secret_access_key: secret }, context), warnings: context.warnings };
}

const all = (): SeenRequest[] => current().server?.requests ?? [];
const zoneId = (name: string): string => current().store.zoneByName(name)?.id ?? '?';
const recordsPath = (zone: string) => `/v2/regions/cn-north-1/domain/${zoneId(zone)}/ResourceRecord`;
const listings = () => all().filter((request) => request.method === 'GET' && request.path.endsWith('/ResourceRecord'));
const zoneListings = () => all().filter((request) => request.method === 'GET' && request.path === '/v2/regions/cn-north-1/domain');
const writes = (method: 'POST' | 'PUT') => all().filter((request) => request.method === method);
const bodyOf = (request: SeenRequest | undefined): unknown => JSON.parse(request?.body ?? 'null');

describe('jdcloud provider', () => {
  it('lists domains, searches the host, creates with the documented body (line -1, apex @), signed with host, date and nonce', async () => {
    await start(['example.com', 'lab.example.com']);
    const { dns } = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(zoneListings()).toHaveLength(1);
    expect(Object.fromEntries(zoneListings()[0]?.query ?? [])).toEqual({ pageNumber: '1', pageSize: '10' });
    const list = listings()[0];
    expect(list?.path).toBe(recordsPath('lab.example.com'));
    expect(Object.fromEntries(list?.query ?? [])).toEqual({ pageNumber: '1', pageSize: '10', search: 'a' });
    expect(writes('POST').map((request) => [request.path, bodyOf(request)])).toEqual([
      [recordsPath('lab.example.com'), { regionId: 'cn-north-1', domainId: zoneId('lab.example.com'), req: { hostRecord: 'a', hostValue: '81.2.69.160', ttl: 600, type: 'A', viewValue: -1 } }],
      [recordsPath('example.com'), { regionId: 'cn-north-1', domainId: zoneId('example.com'), req: { hostRecord: '@', hostValue: '2a02:1388:1000::160', ttl: 600, type: 'AAAA', viewValue: -1 } }],
    ]);
    for (const request of all()) {
      expect(request.headers['authorization']).toMatch(/^JDCLOUD2-HMAC-SHA256 Credential=unitJdcloudAccessKey0123456789\/\d{8}\/cn-north-1\/domainservice\/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=[0-9a-f]{64}$/);
      expect(request.headers['x-jdcloud-nonce']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(all().map((request) => request.headers['x-jdcloud-nonce'])).size).toBe(all().length);
  });

  it('finds its record among 30 hosts containing its name (fuzzy search, 10 a page) and updates it with a PUT, not a duplicate', async () => {
    await start();
    for (let index = 1; index <= 30; index++) current().store.add({ name: `home${index}.example.com`, type: 'A', content: '81.2.69.1' });
    const mine = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider().dns, spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: mine.id, content: '81.2.69.160', ttl: 1200 });
    expect(listings().slice(0, 4).map((request) => request.query.get('pageNumber'))).toEqual(['1', '2', '3', '4']);
    expect(writes('POST')).toHaveLength(0);
    const put = writes('PUT')[0];
    expect(put?.path).toBe(`${recordsPath('example.com')}/${mine.id}`);
    expect(bodyOf(put)).toEqual({
      regionId: 'cn-north-1',
      domainId: zoneId('example.com'),
      resourceRecordId: mine.id,
      req: { domainName: 'example.com', hostRecord: 'home', hostValue: '81.2.69.160', ttl: 1200, type: 'A', viewValue: -1 },
    });
    expect(current().store.records({ name: 'home.example.com' })).toHaveLength(1);
  });

  it('reads every page of domains (25 domains, 10 a page) and picks the exact one the fuzzy filter returns among others', async () => {
    await start(Array.from({ length: 25 }, (_unused, index) => `zone${index}.example`));
    await upsert(provider().dns, spec('home.zone24.example'), '81.2.69.160');
    expect(zoneListings().map((request) => request.query.get('pageNumber'))).toEqual(['1', '2', '3']);
    expect(current().store.records({ name: 'home.zone24.example' })).toHaveLength(1);

    await running?.close();
    await start(['myexample.com', 'example.com']);
    await upsert(provider().dns, spec('home.example.com', { zone: 'example.com' }), '81.2.69.160');
    expect(zoneListings().map((request) => request.query.get('domainName'))).toEqual(['example.com']);
    expect(current().store.records({ zone: 'example.com' })).toHaveLength(1);
    expect(current().store.records({ zone: 'myexample.com' })).toHaveLength(0);
  });

  it('keeps a record on its line: line = 2 is listed, created and updated on that line only', async () => {
    await start();
    current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', extra: { view: -1 } });
    const { dns } = provider();
    const isp = spec('home.example.com', { options: { line: 2 } });
    const created = await upsert(dns, isp, '81.2.69.160');
    expect(bodyOf(writes('POST')[0])).toMatchObject({ req: { hostRecord: 'home', viewValue: 2 } });
    await upsert(dns, isp, '81.2.69.161');
    expect(bodyOf(writes('PUT')[0])).toMatchObject({ resourceRecordId: created.id, req: { viewValue: 2 } });
    expect(current().store.records({ name: 'home.example.com' }).map((record) => [record.extra['view'], record.content])).toEqual([
      [-1, '81.2.69.1'],
      [2, '81.2.69.161'],
    ]);
  });

  it('warns about duplicates and keeps the first up to date', async () => {
    await start();
    const first = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2' });
    const { dns, warnings } = provider();
    expect((await dns.find(spec('home.example.com')))?.id).toBe(first.id);
    expect(warnings).toEqual([expect.stringContaining(`2 A records named home.example.com exist in JD Cloud zone example.com; only the first (id ${first.id})`)]);
  });

  it('a wrong secret is an auth error naming the keys, without the secret; not retried', async () => {
    await start();
    const error = await caught(provider('wrongJdcloudSecret0000').dns.find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, code: 'UNAUTHENTICATED', status: 401 });
    expect(error.message).toMatch(/^JD Cloud rejected the credentials \(UNAUTHENTICATED: .*\); check access_key_id and secret_access_key/);
    expect(error.message).not.toContain('wrongJdcloudSecret0000');
  });

  const injected = async (error: object, status: number) => {
    await start();
    current().server?.injectFault({ kind: 'reply', reply: { status, body: { requestId: 'r-1', error } } });
    return caught(provider().dns.find(spec('home.example.com')));
  };

  it.each([
    [{ code: 403, status: 'PERMISSION_DENIED', message: 'sub-user has no permission' }, 403, 'auth', /denied JD Cloud describeDomains .*grant the sub-user/],
    [{ code: 429, status: 'RESOURCE_EXHAUSTED', message: 'request too frequent' }, 429, 'rate-limit', /rate limited/],
    [{ code: 500, status: 'INTERNAL', message: 'internal error' }, 500, 'transient', /server error/],
    [{ code: 400, status: 'INVALID_ARGUMENT', message: 'ttl is invalid' }, 400, 'config', /^JD Cloud describeDomains refused \(INVALID_ARGUMENT: ttl is invalid; RequestId r-1\)$/],
    [{ code: 401, message: 'no status name' }, 401, 'auth', /JD Cloud rejected the credentials \(401: no status name/],
  ])('%j (HTTP %i) is %s', async (body, status, kind, message) => {
    const error = await injected(body, status);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(kind === 'rate-limit' || kind === 'transient');
    expect(error.message).toMatch(message);
  });

  it('a success envelope carrying error.code 0 (as lego\'s fixtures show) is a success', async () => {
    await start();
    current().server?.injectFault({ kind: 'reply', reply: { status: 200, body: { requestId: 'r-2', error: { code: 0 }, result: { dataList: [], currentCount: 0, totalCount: 0, totalPage: 0 } } } });
    const error = await caught(provider().dns.find(spec('home.example.com')));
    // The zone list answered empty, so the zone is not found: the envelope itself was read as a success.
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('JD Cloud DNS zone');
  });

  it('a create refused as ALREADY_EXISTS counts as done when a fresh listing shows the address', async () => {
    await start();
    const { dns } = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    const existing = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    const created = await dns.create(spec('home.example.com'), '81.2.69.160');
    expect(created.id).toBe(existing.id);
    expect(writes('POST')).toHaveLength(1);
  });

  it('an update answered success but not applied is not taken for done', async () => {
    await start();
    const mine = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    const { dns } = provider();
    const found = await dns.find(spec('home.example.com'));
    current().server?.injectFault({ kind: 'reply', reply: { status: 200, body: { requestId: 'r-3', result: {} } } });
    const error = await caught(dns.update(spec('home.example.com'), found ?? { id: mine.id, name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 600 }, '81.2.69.160'));
    expect(error).toMatchObject({ kind: 'protocol' });
    expect(error.message).toContain('does not hold 81.2.69.160');
  });
});
