import { ProviderError } from '../../http/errors.js';
import { signV4 } from '../canonical-request.js';
import { sha256Hex } from '../signing.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import { verifyV4 } from '../../../test/helpers/fake-signatures.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { VOLCENGINE_V4 } from './client.js';
import { createVolcengineProvider } from './index.js';
import { startFakeVolcengine } from './fake.js';

const AK = 'AKLTunitVolcengine0123';
const SK = 'unitVolcSecret0123456789abcdef==';

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
  running = await startFakeVolcengine({ accessKeyId: AK, secretAccessKey: SK, zones });
  return running;
}

function provider(secret = SK) {
  const context = providerContext({ endpoint: current().endpoint });
  return { dns: createVolcengineProvider({ access_key_id: AK, secret_access_key: secret }, context), warnings: context.warnings };
}

const requests = (action: string): SeenRequest[] => (current().server?.requests ?? []).filter((request) => request.query.get('Action') === action);
const bodyOf = (request: SeenRequest | undefined): unknown => JSON.parse(request?.body ?? 'null');

describe('volcengine signer (Volcengine V4 variant)', () => {
  // Volcengine publishes the algorithm (volcengine.com/docs/6971/174333, docs/6369/67269) and walks
  // GET /?Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01 at X-Date 20201230T081805Z with
  // scope 20201230/<region>/iam/request, but with the secret masked: there is no complete vector
  // to reproduce. The signer is therefore checked for the documented layout here and against the
  // fake's independent verifier (test/helpers/fake-signatures.ts), which every other test also uses.
  const request = {
    method: 'GET',
    url: 'https://iam.volcengineapi.com/?Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
    headers: { Host: 'iam.volcengineapi.com', 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'X-Content-Sha256': sha256Hex('') },
    body: '',
  };
  const signed = signV4(request, { accessKeyId: AK, secretAccessKey: SK }, VOLCENGINE_V4, { region: 'cn-north-1', service: 'iam' }, new Date('2020-12-30T08:18:05Z'));

  it('builds the documented canonical request, scope and Authorization shape', () => {
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
        `content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.volcengineapi.com\nx-content-sha256:${sha256Hex('')}\nx-date:20201230T081805Z\n`,
        'content-type;host;x-content-sha256;x-date',
        sha256Hex(''),
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe(`HMAC-SHA256\n20201230T081805Z\n20201230/cn-north-1/iam/request\n${sha256Hex(signed.canonicalRequest)}`);
    expect(signed.authorization).toMatch(new RegExp(`^HMAC-SHA256 Credential=${AK}/20201230/cn-north-1/iam/request, SignedHeaders=content-type;host;x-content-sha256;x-date, Signature=[0-9a-f]{64}$`));
  });

  it('agrees with the independent verifier, which refuses the AWS4-prefixed key chain', () => {
    const seen = (headers: Record<string, string>): SeenRequest => ({
      method: 'GET',
      path: '/',
      query: new URLSearchParams('Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01'),
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
      body: '',
    });
    const expectation = { algorithm: 'HMAC-SHA256', terminator: 'request', dateHeader: 'x-date', region: 'cn-north-1', service: 'iam', requiredSigned: ['host', 'x-date'], secretOf: () => SK };
    expect(verifyV4(seen(signed.headers), { ...expectation, keyPrefix: '' })).toMatchObject({ ok: true });
    expect(verifyV4(seen(signed.headers), { ...expectation, keyPrefix: 'AWS4' })).toEqual({ ok: false, reason: 'mismatch' });
  });
});

describe('volcengine provider', () => {
  it('lists zones once, finds the record by exact host, type and line (PageSize 500), creates with the documented body; apex is @', async () => {
    await start(['example.com', 'lab.example.com']);
    const { dns } = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(requests('ListZones')).toHaveLength(1);
    const list = requests('ListRecords')[0];
    expect(Object.fromEntries(list?.query ?? [])).toEqual({
      Action: 'ListRecords',
      Version: '2018-08-01',
      ZID: current().store.zoneByName('lab.example.com')?.id,
      Host: 'a',
      Type: 'A',
      Line: 'default',
      SearchMode: 'exact',
      PageNumber: '1',
      PageSize: '500',
    });
    expect(requests('CreateRecord').map(bodyOf)).toEqual([
      { ZID: Number(current().store.zoneByName('lab.example.com')?.id), Host: 'a', Type: 'A', Value: '81.2.69.160', TTL: 600, Line: 'default' },
      { ZID: Number(current().store.zoneByName('example.com')?.id), Host: '@', Type: 'AAAA', Value: '2a02:1388:1000::160', TTL: 600, Line: 'default' },
    ]);
    expect(requests('CreateRecord').every((request) => request.method === 'POST' && request.headers['content-type'] === 'application/json')).toBe(true);
  });

  it('finds its record among 30 hosts that contain its name (the default fuzzy, 10-a-page answer would miss it) and updates it, not a duplicate', async () => {
    await start();
    for (let index = 1; index <= 30; index++) current().store.add({ name: `home${index}.example.com`, type: 'A', content: '81.2.69.1' });
    const mine = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider().dns, spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: mine.id, content: '81.2.69.160', ttl: 1200 });
    expect(requests('CreateRecord')).toHaveLength(0);
    expect(bodyOf(requests('UpdateRecord')[0])).toEqual({ RecordID: mine.id, Host: 'home', Type: 'A', Value: '81.2.69.160', TTL: 1200, Line: 'default' });
    expect(current().store.records({ name: 'home.example.com' })).toHaveLength(1);
  });

  it('reads every page of zones (250 zones, 100 a page)', async () => {
    await start(Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`));
    await upsert(provider().dns, spec('home.zone249.example'), '81.2.69.160');
    expect(requests('ListZones').map((request) => request.query.get('PageNumber'))).toEqual(['1', '2', '3']);
    expect(current().store.records({ name: 'home.zone249.example' })).toHaveLength(1);
  });

  it('keeps a record on its ISP line: line = "telecom" is listed, created and updated on that line only', async () => {
    await start();
    current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', extra: { line: 'default' } });
    const { dns } = provider();
    const telecom = spec('home.example.com', { options: { line: 'telecom' } });
    const created = await upsert(dns, telecom, '81.2.69.160');
    expect(bodyOf(requests('CreateRecord')[0])).toMatchObject({ Host: 'home', Line: 'telecom' });
    await upsert(dns, telecom, '81.2.69.161');
    expect(bodyOf(requests('UpdateRecord')[0])).toMatchObject({ RecordID: created.id, Line: 'telecom' });
    expect(current().store.records({ name: 'home.example.com' }).map((record) => [record.extra['line'], record.content])).toEqual([
      ['default', '81.2.69.1'],
      ['telecom', '81.2.69.161'],
    ]);
  });

  it('warns about duplicates and keeps the first up to date', async () => {
    await start();
    const first = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.2' });
    const { dns, warnings } = provider();
    expect((await dns.find(spec('home.example.com')))?.id).toBe(first.id);
    expect(warnings).toEqual([expect.stringContaining(`2 A records named home.example.com exist in Volcengine zone example.com; only the first (id ${first.id})`)]);
  });

  it('a wrong secret is an auth error naming the keys, without the secret; not retried', async () => {
    await start();
    const error = await caught(provider('wrongVolcSecret0000').dns.find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, code: 'SignatureDoesNotMatch', status: 401 });
    expect(error.message).toMatch(/^Volcengine rejected the credentials \(SignatureDoesNotMatch: .*\); check access_key_id and secret_access_key/);
    expect(error.message).not.toContain('wrongVolcSecret0000');
  });

  const injected = async (body: object, status: number) => {
    await start();
    current().server?.injectFault({ kind: 'reply', reply: { status, body: { ResponseMetadata: { RequestId: 'r-1', Action: 'ListZones', Error: body } } } });
    return caught(provider().dns.find(spec('home.example.com')));
  };

  it.each([
    [{ Code: 'AccessDenied', CodeN: 100013, Message: 'User is not authorized to perform: dns:ListZones' }, 403, 'auth', /denied Volcengine ListZones .*grant the IAM user/],
    [{ Code: 'InvalidTimestamp', CodeN: 100006, Message: 'The Signature of the request is expired.' }, 400, 'clock-skew', /set the system clock right/],
    [{ Code: 'FlowLimitExceeded', CodeN: 100018, Message: 'flow limit' }, 429, 'rate-limit', /rate limited/],
    [{ Code: 'InternalError', CodeN: 100014, Message: 'Service has some internal Error.' }, 500, 'transient', /server error/],
    [{ Code: 'InvalidParameter', CodeN: 100001, Message: 'The parameter TTL is invalid.' }, 400, 'config', /^Volcengine ListZones refused \(InvalidParameter: The parameter TTL is invalid\.; RequestId r-1\)$/],
  ])('%j (HTTP %i) is %s', async (body, status, kind, message) => {
    const error = await injected(body, status);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(kind === 'rate-limit' || kind === 'transient');
    expect(error.message).toMatch(message);
  });

  it('a create refused as ErrDBDuplicated counts as done when a fresh listing shows the address', async () => {
    await start();
    const { dns } = provider();
    expect(await dns.find(spec('home.example.com'))).toBeUndefined();
    const existing = current().store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.160' });
    const created = await dns.create(spec('home.example.com'), '81.2.69.160');
    expect(created.id).toBe(existing.id);
    expect(requests('CreateRecord')).toHaveLength(1);
  });
});
