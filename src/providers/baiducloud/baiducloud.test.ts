import { ProviderError } from '../../http/errors.js';
import { signBceAuthV1 } from '../canonical-request.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import { verifyBceV1 } from '../../../test/helpers/fake-signatures.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createBaiducloudProvider } from './index.js';
import { startFakeBaiducloud } from './fake.js';

const AK = 'unitBaiduAccessKey0123456789abcd';
const SK = 'unitBaiduSecret0123456789abcdefAB';

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
  running = await startFakeBaiducloud({ accessKeyId: AK, secretAccessKey: SK, zones });
  return running;
}

function provider(secret = SK) {
  const context = providerContext({ endpoint: current().endpoint });
  return { dns: createBaiducloudProvider({ access_key_id: AK, secret_access_key: secret }, context), warnings: context.warnings };
}

const seen = (): SeenRequest[] => current().server?.requests ?? [];
const writes = (method: string): SeenRequest[] => seen().filter((request) => request.method === method);
const bodyOf = (request: SeenRequest | undefined): unknown => JSON.parse(request?.body ?? 'null');

describe('baiducloud signer (bce-auth-v1)', () => {
  // Baidu's own worked example (intl.cloud.baidu.com/doc/Reference/s/Gjwvz1xez-en, the header
  // example; inputs from intl.cloud.baidu.com/doc/Reference/s/wjwvz1xt2-en):
  //   AK aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, SK bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,
  //   PUT /v1/test/myfolder/readme.txt?partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851
  //   host: bj.bcebos.com, content-length: 8, content-md5: NFzcPqhviddjRNnSOGo4rw==,
  //   content-type: text/plain, x-bce-date: 2015-04-27T08:23:49Z; expiration 1800; signedHeaders empty
  //   Authorization: bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800//d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e
  // The sample-code page writes the path without /v1 (/test/myfolder/readme.txt); only the /v1 path
  // reproduces the published signature, so the header page's path is the one tested.
  const request = {
    method: 'PUT',
    url: 'https://bj.bcebos.com/v1/test/myfolder/readme.txt?partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851',
    headers: { Host: 'bj.bcebos.com', 'Content-Length': '8', 'Content-MD5': 'NFzcPqhviddjRNnSOGo4rw==', 'Content-Type': 'text/plain', 'x-bce-date': '2015-04-27T08:23:49Z' },
  };
  const credentials = { accessKeyId: 'a'.repeat(32), secretAccessKey: 'b'.repeat(32) };

  it("reproduces Baidu's published example: signing key, canonical request and Authorization", () => {
    const signed = signBceAuthV1(request, credentials, '2015-04-27T08:23:49Z', 1800, false);
    expect(signed.signingKey).toBe('1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479');
    expect(signed.canonicalRequest).toBe(
      [
        'PUT',
        '/v1/test/myfolder/readme.txt',
        'partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851',
        'content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\nhost:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z',
      ].join('\n'),
    );
    expect(signed.authorization).toBe(`bce-auth-v1/${'a'.repeat(32)}/2015-04-27T08:23:49Z/1800//d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e`);
  });

  it('agrees with the independent verifier, listed or default signed headers', () => {
    const asSeen = (authorization: string): SeenRequest => ({
      method: 'PUT',
      path: '/v1/test/myfolder/readme.txt',
      query: new URLSearchParams('partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851'),
      headers: { ...Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])), authorization },
      body: '12345678',
    });
    const secretOf = () => credentials.secretAccessKey;
    for (const listed of [false, true]) {
      const signed = signBceAuthV1(request, credentials, '2015-04-27T08:23:49Z', 1800, listed);
      expect(verifyBceV1(asSeen(signed.authorization), secretOf)).toMatchObject({ ok: true, expiration: 1800 });
    }
    expect(verifyBceV1(asSeen(signBceAuthV1(request, { ...credentials, secretAccessKey: 'c'.repeat(32) }, '2015-04-27T08:23:49Z', 1800).authorization), secretOf)).toEqual({ ok: false, reason: 'mismatch' });
  });
});

describe('baiducloud provider', () => {
  it('lists zones once, lists the host, creates with the documented body and a clientToken, then reads the record back; apex is @', async () => {
    await start(['example.com', 'lab.example.com']);
    const { dns } = provider();
    const created = await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(created).toMatchObject({ content: '81.2.69.160', ttl: 300 });
    expect(created.id).toBe(current().store.records({ name: 'a.lab.example.com' })[0]?.id);
    expect(seen().filter((request) => request.path === '/v1/dns/zone')).toHaveLength(1);
    const list = seen().find((request) => request.path === '/v1/dns/zone/lab.example.com/record' && request.method === 'GET');
    expect(Object.fromEntries(list?.query ?? [])).toEqual({ rr: 'a', maxKeys: '1000' });
    const posts = writes('POST');
    expect(posts.map((request) => request.path)).toEqual(['/v1/dns/zone/lab.example.com/record', '/v1/dns/zone/example.com/record']);
    expect(posts.map(bodyOf)).toEqual([
      { rr: 'a', type: 'A', value: '81.2.69.160', ttl: 300, line: 'default' },
      { rr: '@', type: 'AAAA', value: '2a02:1388:1000::160', ttl: 300, line: 'default' },
    ]);
    expect(posts.every((request) => /^[0-9a-f-]{36}$/.test(request.query.get('clientToken') ?? '') && String(request.headers['content-type']).startsWith('application/json'))).toBe(true);
    expect(String(posts[0]?.headers.authorization)).toMatch(/^bce-auth-v1\/unitBaiduAccessKey0123456789abcd\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\/1800\/content-type;host;x-bce-date\/[0-9a-f]{64}$/);
  });

  it('updates a hand-made record by id with PUT, keeping its ttl, and confirms it by reading it back', async () => {
    await start();
    const mine = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider().dns, spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: mine.id, content: '81.2.69.160', ttl: 1200 });
    expect(writes('POST')).toHaveLength(0);
    const put = writes('PUT')[0];
    expect(put?.path).toBe(`/v1/dns/zone/example.com/record/${mine.id}`);
    expect(bodyOf(put)).toEqual({ rr: 'home', type: 'A', value: '81.2.69.160', ttl: 1200 });
    expect(current().store.records({ name: 'home.example.com' })).toHaveLength(1);
  });

  it('a write answered 200 that did not happen is not taken for done (protocol error)', async () => {
    await start();
    const { dns } = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    current().server?.injectFault({ kind: 'reply', reply: { status: 200, body: '' } });
    const error = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(error).toMatchObject({ kind: 'protocol' });
    expect(error.message).toMatch(/answered success but no A record home\.example\.com holding 81\.2\.69\.160 is listed afterwards/);
  });

  it('reads every page of zones by marker (1500 zones, 1000 a page)', async () => {
    await start(Array.from({ length: 1500 }, (_unused, index) => `zone${index}.example`));
    await upsert(provider().dns, spec('home.zone1499.example'), '81.2.69.160');
    const listings = seen().filter((request) => request.path === '/v1/dns/zone');
    expect(listings.map((request) => request.query.get('marker'))).toEqual([null, current().store.zoneByName('zone1000.example')?.id]);
    expect(current().store.records({ name: 'home.zone1499.example' })).toHaveLength(1);
  });

  it('keeps a record on its ISP line: line = "ct" is listed and created on that line only', async () => {
    await start();
    current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', extra: { line: 'default' } });
    const { dns } = provider();
    const telecom = spec('home.example.com', { options: { line: 'ct' } });
    const created = await upsert(dns, telecom, '81.2.69.160');
    expect(bodyOf(writes('POST')[0])).toMatchObject({ rr: 'home', line: 'ct' });
    await upsert(dns, telecom, '81.2.69.161');
    expect(writes('PUT')[0]?.path).toBe(`/v1/dns/zone/example.com/record/${created.id}`);
    expect(current().store.records({ name: 'home.example.com' }).map((record) => [record.extra['line'], record.content])).toEqual([
      ['default', '81.2.69.1'],
      ['ct', '81.2.69.161'],
    ]);
  });

  it('warns about duplicates and keeps the first up to date', async () => {
    await start();
    const first = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2' });
    const { dns, warnings } = provider();
    expect((await dns.find(spec('home.example.com')))?.id).toBe(first.id);
    expect(warnings).toEqual([expect.stringContaining(`2 A records named home.example.com exist in Baidu AI Cloud zone example.com; only the first (id ${first.id})`)]);
  });

  it('a wrong secret is an auth error naming the keys, without the secret; not retried', async () => {
    await start();
    const error = await caught(provider('wrongBaiduSecret0000').dns.find(spec('home.example.com')));
    expect(error).toMatchObject({ kind: 'auth', retryable: false, code: 'SignatureDoesNotMatch', status: 400 });
    expect(error.message).toMatch(/^Baidu AI Cloud rejected the credentials \(SignatureDoesNotMatch: .*\); check access_key_id and secret_access_key/);
    expect(error.message).not.toContain('wrongBaiduSecret0000');
  });

  const injected = async (body: object, status: number) => {
    await start();
    current().server?.injectFault({ kind: 'reply', reply: { status, body: { requestId: 'r-1', ...body } } });
    return caught(provider().dns.find(spec('home.example.com')));
  };

  it.each([
    [{ code: 'AccessDenied', message: 'Access denied.' }, 403, 'auth', /denied Baidu AI Cloud ListZone .*grant the IAM user DNS access/],
    [{ code: 'InvalidAccessKeyId', message: 'The Access Key ID you provided does not exist.' }, 403, 'auth', /rejected the credentials .*check access_key_id/],
    [{ code: 'RequestExpired', message: 'Request has expired.' }, 400, 'clock-skew', /set the system clock right/],
    [{ code: 'RequestRateLimitExceeded', message: 'too many requests' }, 429, 'rate-limit', /rate limited/],
    [{ code: 'InternalError', message: 'We encountered an internal error.' }, 500, 'transient', /server error/],
    [{ code: 'InvalidParameter', message: 'ttl is invalid' }, 400, 'config', /^Baidu AI Cloud ListZone refused \(InvalidParameter: ttl is invalid; RequestId r-1\)$/],
  ])('%j (HTTP %i) is %s', async (body, status, kind, message) => {
    const error = await injected(body, status);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(kind === 'rate-limit' || kind === 'transient');
    expect(error.message).toMatch(message);
  });

  it('a create refused as already existing counts as done when a fresh listing shows the address; otherwise names the fix', async () => {
    await start();
    const { dns } = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    const existing = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    expect((await dns.create(spec('home.example.com'), '81.2.69.160')).id).toBe(existing.id);
    current().server?.injectFault({ kind: 'reply', reply: { status: 400, body: { requestId: 'r-2', code: 'RecordAlreadyExist', message: 'The record already exists.' } } });
    const error = await caught(dns.create(spec('home.example.com'), '81.2.69.161'));
    expect(error).toMatchObject({ kind: 'conflict', retryable: false });
    expect(error.message).toMatch(/such a record already exists .*; delete the duplicate record$/);
  });
});
