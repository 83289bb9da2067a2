import type { Provider } from '../types.js';
import { createAlidnsProvider, relativeName } from './index.js';
import { zoneCandidates } from '../zones.js';
import { AlidnsClient } from './client.js';
import { withRetry } from '../../core/retry.js';
import { caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import { INTERNAL_ERROR, THROTTLING_USER, startFakeAlidns, type FakeAlidns, type FakeAlidnsCall } from './fake.js';

const KEY_ID = 'LTAI5tTestKeyId0123456789';
const SECRET = 'aLiDnS-Test-Secret_0123456789abcdefXYZ';

function makeProvider(fake: FakeAlidns, credentials: { id?: string; secret?: string } = {}): { provider: Provider; warnings: string[] } {
  const context = providerContext({ endpoint: fake.url });
  const options = { access_key_id: credentials.id ?? KEY_ID, access_key_secret: credentials.secret ?? SECRET };
  return { provider: createAlidnsProvider(options, context), warnings: context.warnings };
}

/** The action-specific parameters of a call (common and signature parameters left out). */
function actionParams(call: FakeAlidnsCall | undefined): Record<string, string> {
  if (call === undefined) throw new Error('expected a call');
  const common = ['Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'];
  return Object.fromEntries(Object.entries(call.params).filter(([name]) => !common.includes(name)));
}

/** DescribeDomains calls in order: the page asked for, and the page size. */
function domainQueries(fake: FakeAlidns): string[] {
  return fake.callsOf('DescribeDomains').map((call) => `page ${call.params['PageNumber']} of ${call.params['PageSize']}${call.params['KeyWord'] === undefined ? '' : ` KeyWord ${call.params['KeyWord']}`}`);
}

const fastRetry = { retries: 3, minDelayMs: 1, maxRetryAfterMs: 60_000 };

describe('zone candidates and host records', () => {
  it('walks from the full name down to two labels', () => {
    expect(zoneCandidates('a.b.example.com.cn')).toEqual(['a.b.example.com.cn', 'b.example.com.cn', 'example.com.cn', 'com.cn']);
    expect(zoneCandidates('example.com')).toEqual(['example.com']);
  });

  it('names the apex "@" and a sub-name relative to the zone', () => {
    expect(relativeName('example.com', 'example.com')).toBe('@');
    expect(relativeName('a.b.example.com.cn', 'example.com.cn')).toBe('a.b');
  });
});

describe('Alidns provider against the fake API', () => {
  let fake: FakeAlidns;

  afterEach(async () => {
    await fake.close();
  });

  describe('zone discovery', () => {
    it('resolves a.b.example.com.cn to the multi-label zone example.com.cn', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com.cn', 'other.cn'] });
      const { provider } = makeProvider(fake);

      const created = await upsert(provider, spec('a.b.example.com.cn'), '81.2.69.160');

      expect(domainQueries(fake)).toEqual(['page 1 of 100']);
      expect(actionParams(fake.callsOf('DescribeSubDomainRecords')[0])).toEqual({
        SubDomain: 'a.b.example.com.cn',
        DomainName: 'example.com.cn',
        Type: 'A',
        PageNumber: '1',
        PageSize: '100',
      });
      expect(fake.records()).toEqual([
        expect.objectContaining({ RecordId: created.id, DomainName: 'example.com.cn', RR: 'a.b', Type: 'A', Value: '81.2.69.160' }),
      ]);
    });

    it('prefers a sub-domain added as its own domain over its parent', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com', 'lab.example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('nas.lab.example.com'), '81.2.69.160');

      expect(domainQueries(fake)).toEqual(['page 1 of 100']);
      expect(fake.records().map((record) => [record.DomainName, record.RR])).toEqual([['lab.example.com', 'nas']]);
    });

    it('lists the domains once per provider instance, however many records', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com'), '81.2.69.160');
      await upsert(provider, spec('nas.example.com'), '81.2.69.160');
      await upsert(provider, spec('home.example.com'), '81.2.69.192');

      expect(domainQueries(fake)).toEqual(['page 1 of 100']);
    });

    it('reads every page of the domain list (100 per page)', async () => {
      const domains = Array.from({ length: 201 }, (_, index) => `zone${index}.example`);
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.zone200.example'), '81.2.69.160');

      expect(domainQueries(fake)).toEqual(['page 1 of 100', 'page 2 of 100', 'page 3 of 100']);
      expect(fake.records().map((record) => record.DomainName)).toEqual(['zone200.example']);
    });

    it('uses a configured zone without asking DescribeDomains (nor needing its permission)', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com.cn'] });
      fake.denyActions('DescribeDomains');
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('a.b.example.com.cn', { zone: 'example.com.cn' }), '81.2.69.160');

      expect(fake.callsOf('DescribeDomains')).toEqual([]);
      expect(fake.records()[0]).toEqual(expect.objectContaining({ DomainName: 'example.com.cn', RR: 'a.b' }));
    });

    it('refuses a configured zone that does not contain the name', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.org', { zone: 'example.com' })));

      expect(error.kind).toBe('config');
      expect(fake.server.requests).toHaveLength(0);
    });

    it('reports a name in no domain of the account as not-found, naming what it tried', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.org')));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('no Alibaba Cloud DNS domain found for home.example.org (tried home.example.org, example.org)');
      expect(fake.server.writes()).toEqual([]);
    });

    it('reports a configured zone missing from the account as not-found (IncorrectDomainUser)', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.net', { zone: 'example.net' })));

      expect([error.kind, error.code, error.status]).toEqual(['not-found', 'IncorrectDomainUser', 400]);
    });
  });

  describe('find, create, update', () => {
    it('finds nothing, then creates the record on the default line with the provider default ttl', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');

      expect(await provider.find(record)).toBeUndefined();
      const created = await provider.create(record, '81.2.69.160');

      const [add] = fake.callsOf('AddDomainRecord');
      expect(add?.method).toBe('POST');
      expect(actionParams(add)).toEqual({ DomainName: 'example.com', RR: 'home', Type: 'A', Value: '81.2.69.160', Line: 'default' });
      const [post] = fake.server.writes();
      expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(post?.query.toString()).toBe('');
      expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: undefined });
      expect(fake.records()).toEqual([expect.objectContaining({ RecordId: created.id, RR: 'home', TTL: 600, Line: 'default' })]);
    });

    it('creates the apex as "@" with the configured ttl, and AAAA records', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('example.com', { ttl: 1200 }), '81.2.69.160');
      await upsert(provider, spec('home.example.com', { type: 'AAAA' }), '2a02:1388:1000::160');

      expect(fake.records().map(({ RR, Type, Value, TTL }) => ({ RR, Type, Value, TTL }))).toEqual([
        { RR: '@', Type: 'A', Value: '81.2.69.160', TTL: 1200 },
        { RR: 'home', Type: 'AAAA', Value: '2a02:1388:1000::160', TTL: 600 },
      ]);
    });

    it('finds a record that already holds the IP and writes nothing', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.160', ttl: 1200 });
      const { provider } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found).toEqual({ id: seeded.RecordId, name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: 1200 });
      expect(fake.server.writes()).toEqual([]);
    });

    it('takes no record of another type, line or name for the one asked', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', rr: 'home', type: 'AAAA', value: '2a02:1388:1000::1' });
      fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.1', line: 'telecom' });
      fake.addRecord({ domain: 'example.com', rr: 'myhome', type: 'A', value: '81.2.69.2' });
      fake.addRecord({ domain: 'example.com', rr: 'x.home', type: 'A', value: '81.2.69.3' });
      const { provider } = makeProvider(fake);

      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
      expect(await provider.find(spec('home.example.com', { options: { line: 'telecom' } }))).toEqual(
        expect.objectContaining({ content: '81.2.69.1' }),
      );
    });

    it('reads and writes only the configured line', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const onDefault = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.1' });
      const { provider } = makeProvider(fake);
      const unicom = spec('home.example.com', { options: { line: 'unicom' } });

      await upsert(provider, unicom, '81.2.69.160');
      await upsert(provider, unicom, '81.2.69.192');

      expect(actionParams(fake.callsOf('AddDomainRecord')[0])).toEqual(expect.objectContaining({ Line: 'unicom' }));
      expect(actionParams(fake.callsOf('UpdateDomainRecord')[0])).toEqual(expect.objectContaining({ Line: 'unicom' }));
      expect(fake.records().map(({ RecordId, Line, Value }) => ({ RecordId, Line, Value }))).toEqual([
        { RecordId: onDefault.RecordId, Line: 'default', Value: '81.2.69.1' },
        { RecordId: expect.any(String), Line: 'unicom', Value: '81.2.69.192' },
      ]);
    });

    it('updates with RecordId, RR, Type, Value and the ttl and line the record has, so they are not reset', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.160', ttl: 3600 });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');

      const existing = await provider.find(record);
      if (existing === undefined) throw new Error('seeded record not found');
      const updated = await provider.update(record, existing, '81.2.69.192');

      const [update] = fake.callsOf('UpdateDomainRecord');
      expect(update?.method).toBe('POST');
      expect(actionParams(update)).toEqual({ RecordId: seeded.RecordId, RR: 'home', Type: 'A', Value: '81.2.69.192', TTL: '3600', Line: 'default' });
      expect(updated).toEqual({ id: seeded.RecordId, name: 'home.example.com', type: 'A', content: '81.2.69.192', ttl: 3600 });
      expect(fake.records()).toEqual([expect.objectContaining({ RecordId: seeded.RecordId, Value: '81.2.69.192', TTL: 3600 })]);
    });

    it('applies a configured ttl on update', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.160' });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com', { ttl: 900 });

      const existing = await provider.find(record);
      if (existing === undefined) throw new Error('seeded record not found');
      await provider.update(record, existing, '81.2.69.160');

      expect(fake.records()[0]).toEqual(expect.objectContaining({ Value: '81.2.69.160', TTL: 900 }));
    });

    it('warns when several records match, and when the record is paused', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const first = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.1', status: 'DISABLE' });
      fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.2' });
      const { provider, warnings } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found?.id).toBe(first.RecordId);
      expect(warnings).toEqual([
        expect.stringContaining('2 A records named home.example.com exist on line "default"'),
        expect.stringContaining('is paused in Alibaba Cloud DNS'),
      ]);
    });

    it('treats DomainRecordDuplicate on update as already current, once a listing confirms it', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.160', ttl: 600 });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');
      const existing = await provider.find(record);
      if (existing === undefined) throw new Error('seeded record not found');
      // As after a retried update whose first attempt did go through: the record already holds
      // the new value, so Alidns refuses the identical update with DomainRecordDuplicate.
      fake.setRecordValue(existing.id, '81.2.69.192');

      const updated = await provider.update(record, existing, '81.2.69.192');

      expect(updated).toEqual({ id: existing.id, name: 'home.example.com', type: 'A', content: '81.2.69.192', ttl: 600 });
      const actions = fake.calls().map((call) => call.action);
      expect(actions.slice(-2)).toEqual(['UpdateDomainRecord', 'DescribeSubDomainRecords']);
      expect(fake.server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    });

    it('reports the record that holds the IP when DomainRecordDuplicate names another record, and warns', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const stale = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.1' });
      const current = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.192' });
      const { provider, warnings } = makeProvider(fake);
      const record = spec('home.example.com');
      const existing = await provider.find(record);
      if (existing?.id !== stale.RecordId) throw new Error('expected the first record');

      const updated = await provider.update(record, existing, '81.2.69.192');

      expect(updated.id).toBe(current.RecordId);
      expect(warnings.at(-1)).toContain(`delete RecordId ${stale.RecordId}`);
    });

    it('returns the existing record when AddDomainRecord meets a duplicate holding the IP', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');
      expect(await provider.find(record)).toBeUndefined();
      const seeded = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.160' });

      const created = await provider.create(record, '81.2.69.160');

      expect(created.id).toBe(seeded.RecordId);
      expect(fake.records()).toHaveLength(1);
    });

    it('reports a record deleted since it was found as not-found (DomainRecordNotBelongToUser)', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const seeded = fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.160' });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record not found');
      fake.removeRecord(seeded.RecordId);

      const error = await caught(provider.update(spec('home.example.com'), existing, '81.2.69.192'));

      expect([error.kind, error.code, error.status]).toEqual(['not-found', 'DomainRecordNotBelongToUser', 400]);
    });

    it('maps a ttl below the edition minimum to a config error that says the free edition needs 600', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.create(spec('home.example.com', { ttl: 60 }), '81.2.69.160'));

      expect([error.kind, error.code, error.status, error.retryable]).toEqual(['config', 'QuotaExceeded.TTL', 400, false]);
      expect(error.message).toContain('A valid TTL must be in the range of 600 to 86400');
      expect(error.message).toContain('free edition of Alibaba Cloud DNS accepts ttl 600 to 86400');
      expect(fake.records()).toEqual([]);
    });

    it('maps a CNAME on the name to conflict and a locked record to config', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      fake.addRecord({ domain: 'example.com', rr: 'www', type: 'CNAME', value: 'example.net' });
      fake.addRecord({ domain: 'example.com', rr: 'home', type: 'A', value: '81.2.69.1', locked: true });
      const { provider } = makeProvider(fake);

      const conflict = await caught(provider.create(spec('www.example.com'), '81.2.69.160'));
      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record not found');
      const locked = await caught(provider.update(spec('home.example.com'), existing, '81.2.69.160'));

      expect([conflict.kind, conflict.code]).toEqual(['conflict', 'DomainRecordConflict']);
      expect([locked.kind, locked.code]).toEqual(['config', 'DomainRecordLocked']);
    });
  });

  describe('authentication and errors', () => {
    it('maps a wrong secret to auth (SignatureDoesNotMatch, 403) without revealing either secret', async () => {
      const wrongSecret = 'wrong-Secret_ZYXWVUTSRQPONMLKJIHGFEDCBA';
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake, { secret: wrongSecret });

      const error = await caught(provider.find(spec('home.example.com')));

      expect([error.kind, error.code, error.status, error.retryable]).toEqual(['auth', 'SignatureDoesNotMatch', 403, false]);
      expect(error.message).toContain('Alibaba Cloud rejected the signature: access_key_secret is wrong');
      expect(error.message).not.toContain(wrongSecret);
      expect(error.message).not.toContain(SECRET);
      expect(fake.calls()).toEqual([]);
      const sent = fake.server.requests[0];
      expect(JSON.stringify({ url: sent?.query.toString(), body: sent?.body, headers: sent?.headers })).not.toContain(wrongSecret);
    });

    it('maps an unknown AccessKeyId to auth (InvalidAccessKeyId.NotFound)', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake, { id: 'LTAI5tSomeoneElse' });

      const error = await caught(provider.find(spec('home.example.com')));

      expect([error.kind, error.code, error.status]).toEqual(['auth', 'InvalidAccessKeyId.NotFound', 400]);
      expect(error.message).toContain('check access_key_id and access_key_secret');
    });

    it('maps Forbidden.RAM to auth with the permissions to grant', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      fake.denyActions('AddDomainRecord');
      const { provider } = makeProvider(fake);

      const error = await caught(upsert(provider, spec('home.example.com'), '81.2.69.160'));

      expect([error.kind, error.code, error.status]).toEqual(['auth', 'Forbidden.RAM', 403]);
      expect(error.message).toContain('AliyunDNSFullAccess');
      expect(error.message).toContain('alidns:AddDomainRecord');
    });

    it('maps Throttling.User to rate-limit and succeeds through withRetry once the throttling stops', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext(THROTTLING_USER, 2);
      const retried: string[] = [];

      const found = await withRetry(() => provider.find(spec('home.example.com')), {
        ...fastRetry,
        onRetry: (error) => retried.push(`${error.kind} ${error.code ?? ''}`),
      });

      expect(found).toBeUndefined();
      expect(retried).toEqual(['rate-limit Throttling.User', 'rate-limit Throttling.User']);
      // Every attempt is a new request with its own nonce, and the fake verified each signature.
      const nonces = fake.calls().map((call) => call.params['SignatureNonce']);
      expect(new Set(nonces).size).toBe(nonces.length);
      expect(fake.calls().map((call) => call.action)).toEqual([
        'DescribeDomains',
        'DescribeDomains',
        'DescribeDomains',
        'DescribeSubDomainRecords',
      ]);
    });

    it('maps plain Throttling and HTTP 429 to rate-limit too', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext({ status: 400, code: 'Throttling', message: 'Your request was denied due to traffic shaping.' });
      fake.server.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '3' }, body: 'Too Many Requests' } });

      // Transport-level faults come first (before the fake authenticates), then the injected code.
      const plain429 = await caught(provider.find(spec('home.example.com')));
      const throttling = await caught(provider.find(spec('home.example.com')));

      expect([plain429.kind, plain429.retryAfterMs]).toEqual(['rate-limit', 3000]);
      expect([throttling.kind, throttling.code, throttling.status]).toEqual(['rate-limit', 'Throttling', 400]);
    });

    it('maps InternalError (500) and non-JSON 5xx to transient', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext(INTERNAL_ERROR);
      fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: '<html>Bad Gateway</html>' } });

      const plain = await caught(provider.find(spec('home.example.com')));
      const enveloped = await caught(provider.find(spec('home.example.com')));

      expect([enveloped.kind, enveloped.code, enveloped.status]).toEqual(['transient', 'InternalError', 500]);
      expect([plain.kind, plain.status, plain.retryable]).toEqual(['transient', 502, true]);
    });

    it('maps a non-Alidns answer to protocol', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html>captive portal</html>' } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: { Domains: 'nope' } } });

      const kinds = [(await caught(provider.find(spec('home.example.com')))).kind, (await caught(provider.find(spec('home.example.com')))).kind];

      expect(kinds).toEqual(['protocol', 'protocol']);
    });

    it('says how far the clock is off when the timestamp is refused, and does not retry', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'], clockOffsetMs: 20 * 60_000 });
      const { provider } = makeProvider(fake);

      const behind = await caught(withRetry(() => provider.find(spec('home.example.com')), fastRetry));
      fake.setClockOffset(-90 * 60_000);
      const ahead = await caught(provider.find(spec('home.example.com')));

      expect([behind.kind, behind.code, behind.status, behind.retryable]).toEqual(['clock-skew', 'InvalidTimeStamp.Expired', 400, false]);
      expect(behind.message).toContain('the system clock is 20 minutes off (behind Alibaba Cloud');
      expect(ahead.message).toContain('the system clock is 90 minutes off (ahead of Alibaba Cloud');
      expect(fake.server.requests).toHaveLength(2);
      expect(fake.calls()).toEqual([]);
    });

    it('measures clock skew from the client clock too, and copes without a Date header', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const slowClock = () => new Date(Date.now() - 3 * 3600_000);
      const client = new AlidnsClient({ http: providerContext().http, accessKeyId: KEY_ID, accessKeySecret: SECRET, endpoint: fake.url, now: slowClock });

      const skewed = await caught(client.describeDomainsExact('example.com'));
      fake.server.injectFault({
        kind: 'reply',
        reply: { status: 400, body: { RequestId: 'R', HostId: 'alidns.aliyuncs.com', Code: 'InvalidTimeStamp.Expired', Message: 'Specified time stamp or date value is expired.' } },
      });
      const withoutDate = await caught(new AlidnsClient({ http: noDateHttp(), accessKeyId: KEY_ID, accessKeySecret: SECRET, endpoint: fake.url }).describeDomainsExact('example.com'));

      expect(skewed.message).toContain('the system clock is 180 minutes off (behind');
      expect(withoutDate.kind).toBe('clock-skew');
      expect(withoutDate.message).toContain('the system clock is probably more than 15 minutes off');
    });

    it('refuses credentials with a line break or quote before sending anything', () => {
      const context = providerContext();
      expect(() => createAlidnsProvider({ access_key_id: KEY_ID, access_key_secret: `${SECRET}\n` }, context)).toThrow(
        expect.objectContaining({ kind: 'config', message: expect.not.stringContaining(SECRET) }),
      );
      expect(() => createAlidnsProvider({ access_key_id: `"${KEY_ID}"`, access_key_secret: SECRET }, context)).toThrow(
        expect.objectContaining({ kind: 'config' }),
      );
    });

    it('scrubs the secret should the server echo it in a message', async () => {
      fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.failNext({ status: 400, code: 'InvalidParameter', message: `bad secret ${SECRET}` });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.message).toContain('bad secret ***');
      expect(error.message).not.toContain(SECRET);
    });
  });
});

/** An HTTP client whose answers carry no Date header (some proxies strip it). */
function noDateHttp() {
  const inner = providerContext().http;
  return {
    async request(request: Parameters<typeof inner.request>[0]) {
      const response = await inner.request(request);
      const headers = response.headers;
      return { ...response, headers: { get: (name: string) => (name.toLowerCase() === 'date' ? null : headers.get(name)) } };
    },
  };
}

describe('fake Alidns API (wire behaviour)', () => {
  let fake: FakeAlidns;

  afterEach(async () => {
    await fake.close();
  });

  async function signedGet(params: Record<string, string>, secret = SECRET): Promise<{ url: string }> {
    const { signRpcRequest, rpcTimestamp } = await import('../rpc-signature.js');
    const all = {
      ...params,
      Version: '2015-01-09',
      Format: 'JSON',
      AccessKeyId: KEY_ID,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: `nonce-${Math.random()}`,
      Timestamp: rpcTimestamp(new Date()),
    };
    return { url: `${fake.url}/?${signRpcRequest('GET', all, secret).signedQuery}` };
  }

  it('answers with the Alidns error envelope and a Date header', async () => {
    fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
    const { url } = await signedGet({ Action: 'DescribeDomains' }, 'not-the-secret');

    const response = await fetch(url);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(403);
    expect(Date.parse(response.headers.get('date') ?? '')).not.toBeNaN();
    expect(body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      HostId: 'alidns.aliyuncs.com',
      Code: 'SignatureDoesNotMatch',
      Message: expect.stringContaining('does not match'),
      Recommend: expect.stringContaining('q=SignatureDoesNotMatch'),
    });
  });

  it('refuses a replayed request (SignatureNonceUsed) and a tampered one (SignatureDoesNotMatch)', async () => {
    fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
    const { url } = await signedGet({ Action: 'DescribeDomains', KeyWord: 'example.com', SearchMode: 'EXACT' });

    const first = await fetch(url);
    const replay = await fetch(url);
    const tampered = await fetch(url.replace('KeyWord=example.com', 'KeyWord=example.org').replace(/SignatureNonce=[^&]+/, 'SignatureNonce=fresh'));

    expect(first.status).toBe(200);
    expect(await first.json()).toEqual(
      expect.objectContaining({ TotalCount: 1, Domains: { Domain: [expect.objectContaining({ DomainName: 'example.com' })] } }),
    );
    expect([replay.status, ((await replay.json()) as { Code: string }).Code]).toEqual([400, 'SignatureNonceUsed']);
    expect([tampered.status, ((await tampered.json()) as { Code: string }).Code]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('refuses requests without the common parameters and unknown actions', async () => {
    fake = await startFakeAlidns({ accessKeyId: KEY_ID, accessKeySecret: SECRET, domains: ['example.com'] });
    const { url } = await signedGet({ Action: 'DeleteDomain' });

    const bare = await fetch(`${fake.url}/?Action=DescribeDomains`);
    const unknown = await fetch(url);

    expect([bare.status, ((await bare.json()) as { Code: string }).Code]).toEqual([400, 'MissingParameter']);
    expect([unknown.status, ((await unknown.json()) as { Code: string }).Code]).toEqual([404, 'InvalidAction.NotFound']);
  });
});
