import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProviderError, type ProviderErrorKind } from '../../http/errors.js';
import type { Provider } from '../types.js';
import { createDnspodProvider, subdomainOf } from './index.js';
import { classifyTencentCode, describeClockSkew } from './client.js';
import { dnspodMetadata } from './metadata.js';
import { withRetry } from '../../core/retry.js';
import { loadConfig } from '../../config/load.js';
import { startFakeDnspod, type FakeDnspod } from './fake.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { caught, jsonBody, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';

const SECRET_ID = 'AKIDdnspodUnitTest0123456789abcdef';
const SECRET_KEY = 'dnspodUnitTestSecretKey0123456789';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function makeProvider(fake: FakeDnspod, credentials: { secretId?: string; secretKey?: string } = {}): { provider: Provider; warnings: string[] } {
  const context = providerContext({ endpoint: fake.url });
  const options = { secret_id: credentials.secretId ?? SECRET_ID, secret_key: credentials.secretKey ?? SECRET_KEY };
  return { provider: createDnspodProvider(options, context), warnings: context.warnings };
}

function requestsFor(fake: FakeDnspod, action: string): SeenRequest[] {
  return fake.server.requests.filter((request) => request.headers['x-tc-action'] === action);
}

describe('subdomains', () => {
  it('names the host part relative to the zone, "@" for the apex', () => {
    expect(subdomainOf('a.b.example.com.cn', 'example.com.cn')).toBe('a.b');
    expect(subdomainOf('example.com', 'example.com')).toBe('@');
    expect(() => subdomainOf('home.example.org', 'example.com')).toThrow(expect.objectContaining({ kind: 'config' }));
  });
});

describe('DNSPod provider against the fake API', () => {
  let fake: FakeDnspod;

  afterEach(async () => {
    await fake.close();
  });

  describe('wire format', () => {
    it('POSTs signed JSON with the API 3.0 headers, signing content-type and the host actually sent to', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      const before = Math.floor(Date.now() / 1000);

      await provider.find(spec('home.example.com'));

      const [request] = fake.server.requests;
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe('/');
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers.host).toBe(new URL(fake.url).host);
      expect(request?.headers['x-tc-action']).toBe('DescribeDomainList');
      expect(request?.headers['x-tc-version']).toBe('2021-03-23');
      const timestamp = Number(request?.headers['x-tc-timestamp']);
      expect(timestamp).toBeGreaterThanOrEqual(before);
      expect(timestamp).toBeLessThanOrEqual(before + 5);
      const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
      expect(request?.headers.authorization).toMatch(
        new RegExp(`^TC3-HMAC-SHA256 Credential=${SECRET_ID}/${date}/dnspod/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`),
      );
      expect(request?.headers['x-tc-region']).toBeUndefined();
      // Every request was accepted by the fake's own signature check.
      expect(fake.actions()).toEqual(['DescribeDomainList', 'DescribeRecordList']);
    });
  });

  describe('create, unchanged, update', () => {
    it('treats NoDataOfRecord as "no record yet", then creates on the default line', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');

      expect(await provider.find(record)).toBeUndefined();
      expect(jsonBody(requestsFor(fake, 'DescribeRecordList')[0])).toEqual({
        Domain: 'example.com',
        Subdomain: 'home',
        RecordType: 'A',
        RecordLine: '默认',
        Limit: 100,
      });

      const created = await provider.create(record, '198.51.100.4');

      expect(jsonBody(requestsFor(fake, 'CreateRecord')[0])).toEqual({
        Domain: 'example.com',
        SubDomain: 'home',
        RecordType: 'A',
        RecordLine: '默认',
        Value: '198.51.100.4',
      });
      const [stored] = fake.addressRecords();
      expect(created).toEqual({ id: String(stored?.RecordId), name: 'home.example.com', type: 'A', content: '198.51.100.4', ttl: undefined });
      expect(stored).toEqual(expect.objectContaining({ domain: 'example.com', Name: 'home', Type: 'A', Line: '默认', Value: '198.51.100.4', TTL: 600 }));
    });

    it('sends the configured ttl on create', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const created = await provider.create(spec('home.example.com', { ttl: 3600 }), '198.51.100.4');

      expect(jsonBody(requestsFor(fake, 'CreateRecord')[0])).toEqual(expect.objectContaining({ TTL: 3600 }));
      expect(created.ttl).toBe(3600);
      expect(fake.addressRecords()[0]?.TTL).toBe(3600);
    });

    it('finds a record that already holds the IP and writes nothing', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4', ttl: 1200 });
      const { provider } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found).toEqual({ id: String(seeded.RecordId), name: 'home.example.com', type: 'A', content: '198.51.100.4', ttl: 1200 });
      expect(fake.writeCount()).toBe(0);
    });

    it('updates with ModifyDynamicDNS, always sending SubDomain and the record\'s own TTL so neither falls back to a default', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4', ttl: 1200 });
      const { provider } = makeProvider(fake);

      const updated = await upsert(provider, spec('home.example.com'), '203.0.113.8');

      expect(jsonBody(requestsFor(fake, 'ModifyDynamicDNS')[0])).toEqual({
        Domain: 'example.com',
        SubDomain: 'home',
        RecordId: seeded.RecordId,
        RecordLine: '默认',
        Value: '203.0.113.8',
        Ttl: 1200,
      });
      expect(updated).toEqual({ id: String(seeded.RecordId), name: 'home.example.com', type: 'A', content: '203.0.113.8', ttl: 1200 });
      expect(fake.addressRecords()).toEqual([expect.objectContaining({ RecordId: seeded.RecordId, Name: 'home', Value: '203.0.113.8', TTL: 1200 })]);
      expect(fake.writeCount()).toBe(1);
    });

    it('applies a configured ttl on update', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4', ttl: 1200 });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com', { ttl: 600 }), '203.0.113.8');

      expect(jsonBody(requestsFor(fake, 'ModifyDynamicDNS')[0])).toEqual(expect.objectContaining({ Ttl: 600 }));
      expect(fake.addressRecords()[0]?.TTL).toBe(600);
    });

    it('keeps the apex as "@" and handles AAAA records, comparing addresses rather than spellings', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', name: '@', type: 'AAAA', value: '2001:DB8:0:0:0:0:0:1' });
      const { provider } = makeProvider(fake);
      const apex = spec('example.com', { type: 'AAAA' });

      const found = await provider.find(apex);
      expect(found?.content).toBe('2001:DB8:0:0:0:0:0:1');
      await provider.update(apex, found!, '2001:db8::2');

      expect(jsonBody(requestsFor(fake, 'DescribeRecordList')[0])).toEqual(expect.objectContaining({ Subdomain: '@', RecordType: 'AAAA' }));
      expect(jsonBody(requestsFor(fake, 'ModifyDynamicDNS')[0])).toEqual(expect.objectContaining({ SubDomain: '@', Value: '2001:db8::2' }));
      expect(fake.addressRecords().map(({ Name, Type, Value }) => `${Name} ${Type} ${Value}`)).toEqual(['@ AAAA 2001:db8::2']);
    });

    it('warns about duplicates and disabled records, and keeps the first up to date', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const first = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4', status: 'DISABLE' });
      fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.9' });
      const { provider, warnings } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found?.id).toBe(String(first.RecordId));
      expect(warnings).toEqual([
        expect.stringContaining('2 A records named home.example.com on line 默认'),
        expect.stringContaining('is DISABLE'),
      ]);
    });
  });

  describe('zones', () => {
    it('resolves a.b.example.com.cn to the domain example.com.cn with SubDomain a.b', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com', 'example.com.cn'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('a.b.example.com.cn'), '198.51.100.4');

      expect(jsonBody(requestsFor(fake, 'CreateRecord')[0])).toEqual(expect.objectContaining({ Domain: 'example.com.cn', SubDomain: 'a.b' }));
      expect(fake.addressRecords()).toEqual([expect.objectContaining({ domain: 'example.com.cn', Name: 'a.b' })]);
    });

    it('prefers the deepest domain the account holds (a sub-domain hosted as its own domain)', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com', 'lab.example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('nas.lab.example.com'), '198.51.100.7');

      expect(fake.addressRecords()).toEqual([expect.objectContaining({ domain: 'lab.example.com', Name: 'nas' })]);
    });

    it('lists the domains once per provider instance, across records', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com', 'example.net'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com'), '198.51.100.4');
      await upsert(provider, spec('nas.example.net'), '198.51.100.4');
      await upsert(provider, spec('home.example.com'), '198.51.100.5');

      expect(requestsFor(fake, 'DescribeDomainList')).toHaveLength(1);
      expect(jsonBody(requestsFor(fake, 'DescribeDomainList')[0])).toEqual({ Offset: 0, Limit: 3000 });
      expect(fake.addressRecords().map((record) => `${record.Name}.${record.domain} ${record.Value}`)).toEqual([
        'home.example.com 198.51.100.5',
        'nas.example.net 198.51.100.4',
      ]);
    });

    it('uses the configured zone without listing domains', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      await provider.find(spec('a.b.example.com', { zone: 'example.com' }));

      expect(fake.actions()).toEqual(['DescribeRecordList']);
      expect(jsonBody(fake.server.requests[0])).toEqual(expect.objectContaining({ Domain: 'example.com', Subdomain: 'a.b' }));
    });

    it('reports a name under no domain of the account as not-found, naming what it tried', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.org')));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('no DNSPod domain holds home.example.org');
      expect(error.message).toContain('include none of home.example.org, example.org;');
      expect(error.message).toContain('zone = ');
    });

    it('handles an account without any domain (NoDataOfDomain) as "no domain", not as a failure', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: [] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('the 0 domain(s)');
    });

    it('reports a configured zone the account does not hold as not-found (DomainNotExists)', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.net', { zone: 'example.net' })));

      expect(error.kind).toBe('not-found');
      expect(error.code).toBe('InvalidParameterValue.DomainNotExists');
      expect(error.message).toContain('DNSPod refused DescribeRecordList (InvalidParameterValue.DomainNotExists: ');
      expect(error.message).toMatch(/RequestId [0-9a-f-]{36}/);
    });
  });

  describe('lines', () => {
    it('finds, creates and updates on the configured line only', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const onDefault = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4' });
      const { provider } = makeProvider(fake);
      const telecom = spec('home.example.com', { options: { line: '电信' } });

      expect(await provider.find(telecom)).toBeUndefined();
      expect(jsonBody(requestsFor(fake, 'DescribeRecordList')[0])).toEqual(expect.objectContaining({ RecordLine: '电信' }));
      const created = await provider.create(telecom, '198.51.100.4');
      expect(jsonBody(requestsFor(fake, 'CreateRecord')[0])).toEqual(expect.objectContaining({ RecordLine: '电信' }));

      const found = await provider.find(telecom);
      expect(found?.id).toBe(created.id);
      await provider.update(telecom, found!, '203.0.113.8');
      expect(jsonBody(requestsFor(fake, 'ModifyDynamicDNS')[0])).toEqual(expect.objectContaining({ RecordLine: '电信' }));

      expect(fake.addressRecords().map(({ RecordId, Line, Value }) => [RecordId, Line, Value])).toEqual([
        [onDefault.RecordId, '默认', '198.51.100.4'],
        [Number(created.id), '电信', '203.0.113.8'],
      ]);
    });

    it('reports a line DNSPod does not know as a config error quoting its code', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.com', { options: { line: '火星' } })));

      expect(error.kind).toBe('config');
      expect(error.code).toBe('InvalidParameter.RecordLineInvalid');
      expect(error.message).toContain('InvalidParameter.RecordLineInvalid: 记录线路不正确');
    });
  });

  describe('"record already exists"', () => {
    it('accepts DomainRecordExist on modify when a re-read shows the record already holds the IP', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4', ttl: 1200 });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      // Another run (or a person) sets the new address between our read and our write.
      fake.setRecordValue(seeded.RecordId, '203.0.113.8');

      const updated = await provider.update(spec('home.example.com'), existing!, '203.0.113.8');

      expect(updated).toEqual({ id: String(seeded.RecordId), name: 'home.example.com', type: 'A', content: '203.0.113.8', ttl: 1200 });
      expect(fake.actions().slice(-2)).toEqual(['ModifyDynamicDNS', 'DescribeRecordList']);
    });

    it('reports DomainRecordExist on modify as a conflict when another record holds the IP', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4' });
      fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '203.0.113.8' });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));

      const error = await caught(provider.update(spec('home.example.com'), existing!, '203.0.113.8'));

      expect(error.kind).toBe('conflict');
      expect(error.code).toBe('InvalidParameter.DomainRecordExist');
      expect(error.message).toContain('another A record on line 默认 already holds it');
      expect(fake.addressRecords().map((record) => record.Value)).toEqual(['198.51.100.4', '203.0.113.8']);
    });

    it('accepts DomainRecordExist on create when the record appeared meanwhile (a retried create)', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
      const seeded = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4' });

      const created = await provider.create(spec('home.example.com'), '198.51.100.4');

      expect(created.id).toBe(String(seeded.RecordId));
      expect(fake.actions().slice(-2)).toEqual(['CreateRecord', 'DescribeRecordList']);
      expect(fake.addressRecords()).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it('maps a wrong secret key to auth without revealing either credential, and is not retried', async () => {
      const wrongKey = 'wrongSecretKey_ZYXWVUTSRQPONMLKJIH';
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake, { secretKey: wrongKey });

      const error = await caught(withRetry(() => provider.find(spec('home.example.com')), { retries: 3, minDelayMs: 1, maxRetryAfterMs: 1000 }));

      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
      expect(error.code).toBe('AuthFailure.SignatureFailure');
      expect(error.message).toContain('Tencent Cloud rejected the credentials (AuthFailure.SignatureFailure: ');
      expect(error.message).toContain('check secret_id and secret_key');
      for (const secret of [wrongKey, SECRET_KEY, SECRET_ID]) expect(error.message).not.toContain(secret);
      expect(fake.server.requests).toHaveLength(1);
    });

    it('maps an unknown SecretId to auth', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake, { secretId: 'AKIDnotKnownHere000000000000000000' });

      const error = await caught(provider.find(spec('home.example.com')));

      expect([error.kind, error.code]).toEqual(['auth', 'AuthFailure.SecretIdNotFound']);
      expect(error.message).not.toContain('AKIDnotKnownHere000000000000000000');
    });

    it('retries RequestLimitExceeded and succeeds once the throttling stops', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext(2, 'RequestLimitExceeded');
      const retried: string[] = [];

      const found = await withRetry(() => provider.find(spec('home.example.com')), {
        retries: 3,
        minDelayMs: 1,
        maxRetryAfterMs: 1000,
        onRetry: (error) => retried.push(`${error.kind} ${error.code ?? ''}`),
      });

      expect(found).toBeUndefined();
      expect(retried).toEqual(['rate-limit RequestLimitExceeded', 'rate-limit RequestLimitExceeded']);
      expect(fake.actions()).toEqual(['DescribeDomainList', 'DescribeDomainList', 'DescribeDomainList', 'DescribeRecordList']);
    });

    it('reports clock skew with how far off the clock is, from the server\'s Date header', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'], clockOffsetMs: 7 * 60_000 });
      const { provider } = makeProvider(fake);

      const behind = await caught(withRetry(() => provider.find(spec('home.example.com')), { retries: 3, minDelayMs: 1, maxRetryAfterMs: 1000 }));

      expect(behind.kind).toBe('clock-skew');
      expect(behind.retryable).toBe(false);
      expect(behind.code).toBe('AuthFailure.SignatureExpire');
      expect(behind.message).toContain('the system clock is 7 minutes off (behind Tencent Cloud');
      expect(fake.server.requests).toHaveLength(1);

      fake.setClockOffset(-12 * 60_000);
      const ahead = await caught(provider.find(spec('home.example.com')));
      expect(ahead.message).toContain('the system clock is 12 minutes off (ahead of Tencent Cloud');
    });

    it('maps InternalError to transient and permission codes to auth with the CAM hint', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext(1, 'InternalError');
      fake.failNext(1, 'UnauthorizedOperation', 'CAM签名/鉴权错误');

      const internal = await caught(provider.find(spec('home.example.com')));
      const denied = await caught(provider.find(spec('home.example.com')));

      expect([internal.kind, internal.retryable]).toEqual(['transient', true]);
      expect(denied.kind).toBe('auth');
      expect(denied.message).toContain('Tencent Cloud denied DescribeDomainList (UnauthorizedOperation: CAM签名/鉴权错误');
      expect(denied.message).toContain('QcloudDNSPodFullAccess');
    });

    it('maps an unknown code to config, quoting code and message', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext(1, 'FailedOperation.DomainIsLocked', '锁定域名不能进行此操作。');

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('config');
      expect(error.message).toContain('DNSPod refused DescribeDomainList (FailedOperation.DomainIsLocked: 锁定域名不能进行此操作。');
    });

    it('maps a TTL below the plan minimum to a config error', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.create(spec('home.example.com', { ttl: 60 }), '198.51.100.4'));

      expect([error.kind, error.code]).toEqual(['config', 'LimitExceeded.RecordTtlLimit']);
      expect(fake.addressRecords()).toEqual([]);
    });

    it('maps a deleted record (RecordIdInvalid) to not-found', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', name: 'home', type: 'A', value: '198.51.100.4' });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      fake.removeRecord(seeded.RecordId);

      const error = await caught(provider.update(spec('home.example.com'), existing!, '203.0.113.8'));

      expect([error.kind, error.code]).toEqual(['not-found', 'InvalidParameter.RecordIdInvalid']);
    });

    it('maps answers that are not API envelopes: 5xx transient, 429 rate-limit, others protocol', async () => {
      fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: '<html>Bad Gateway</html>' } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '3' }, body: 'slow down' } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html>captive portal</html>' } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: { Response: { RequestId: 'x', DomainList: 'nope' } } } });

      const errors: ProviderError[] = [];
      for (let i = 0; i < 4; i++) errors.push(await caught(provider.find(spec('home.example.com'))));

      expect(errors.map((error) => error.kind)).toEqual(['transient', 'rate-limit', 'protocol', 'protocol']);
      expect(errors[1]?.retryAfterMs).toBe(3000);
      expect(errors[2]?.message).toContain('is not a Tencent Cloud API response');
      expect(errors[3]?.message).toContain('DomainList');
    });
  });
});

describe('error classification', () => {
  const cases: Array<[string, ProviderErrorKind]> = [
    ['AuthFailure.SignatureFailure', 'auth'],
    ['AuthFailure.SecretIdNotFound', 'auth'],
    ['AuthFailure.InvalidAuthorization', 'auth'],
    ['AuthFailure.SignatureExpire', 'clock-skew'],
    ['UnauthorizedOperation', 'auth'],
    ['OperationDenied.NoPermissionToOperateDomain', 'auth'],
    ['FailedOperation.NotDomainOwner', 'auth'],
    ['RequestLimitExceeded', 'rate-limit'],
    ['RequestLimitExceeded.RequestLimitExceeded', 'rate-limit'],
    ['RequestLimitExceeded.UinLimitExceeded', 'rate-limit'],
    ['FailedOperation.FrequencyLimit', 'rate-limit'],
    ['InternalError', 'transient'],
    ['InternalError.DbError', 'transient'],
    ['FailedOperation.UnknowError', 'transient'],
    ['InvalidParameterValue.DomainNotExists', 'not-found'],
    ['ResourceNotFound.NoDataOfRecord', 'not-found'],
    ['InvalidParameter.RecordIdInvalid', 'not-found'],
    ['InvalidParameter.DomainRecordExist', 'conflict'],
    ['InvalidParameter.RecordValueInvalid', 'config'],
    ['LimitExceeded.RecordTtlLimit', 'config'],
    ['FailedOperation.DomainIsSpam', 'config'],
  ];
  it.each(cases)('%s → %s', (code, kind) => {
    expect(classifyTencentCode(code)).toBe(kind);
  });

  it('says plainly when the Date header is missing', () => {
    expect(describeClockSkew(null, Date.now())).toContain('the system clock is probably more than 5 minutes off');
    expect(describeClockSkew('Sat, 01 Mar 2025 12:00:00 GMT', Date.UTC(2025, 2, 1, 12, 30))).toBe(
      "the system clock is 30 minutes off (ahead of Tencent Cloud's 2025-03-01T12:00:00.000Z)",
    );
  });
});

describe('DNSPod config', () => {
  it('accepts secret_id, secret_key and a line; refuses credentials with spaces or quotes and unknown keys', () => {
    expect(dnspodMetadata.secretKeys).toEqual(['secret_id', 'secret_key', 'login_token']);
    expect(dnspodMetadata.configSchema.safeParse({ secret_id: SECRET_ID, secret_key: SECRET_KEY }).success).toBe(true);
    expect(dnspodMetadata.configSchema.safeParse({ secret_id: SECRET_ID, secret_key: `${SECRET_KEY} ` }).success).toBe(false);
    expect(dnspodMetadata.configSchema.safeParse({ secret_id: `"${SECRET_ID}"`, secret_key: SECRET_KEY }).success).toBe(false);
    expect(dnspodMetadata.configSchema.safeParse({ secret_id: SECRET_ID, secret_key: SECRET_KEY, region: 'ap-guangzhou' }).success).toBe(false);
    expect(dnspodMetadata.recordSchema.safeParse({ line: '电信' }).success).toBe(true);
    expect(dnspodMetadata.recordSchema.safeParse({ line: '' }).success).toBe(false);
    expect(dnspodMetadata.recordSchema.safeParse({ proxied: true }).success).toBe(false);
  });

  it('examples/dnspod.toml is a complete, valid config', async () => {
    const config = await loadConfig(path.join(REPO_ROOT, 'examples', 'dnspod.toml'), {
      env: { TENCENTCLOUD_SECRET_ID: 'AKIDexample', TENCENTCLOUD_SECRET_KEY: 'example-key' },
      platform: 'linux',
      isRoot: false,
    });
    expect(config.providers).toEqual([expect.objectContaining({ type: 'dnspod', options: { secret_id: 'AKIDexample', secret_key: 'example-key' } })]);
    expect(config.records.map((record) => `${record.name} ${record.type} ${record.zone ?? '-'}`)).toEqual([
      'home.example.com A example.com',
      'home.example.com AAAA example.com',
      'nas.example.com.cn A -',
    ]);
    expect(config.secrets).toEqual(expect.arrayContaining(['AKIDexample', 'example-key']));
  });
});
