import { Headers } from 'node-fetch';
import type { HttpClient, HttpRequest } from '../../http/client.js';
import type { ProviderErrorKind } from '../../http/errors.js';
import type { Provider } from '../types.js';
import { createHuaweiCloudProvider } from './index.js';
import { signRequest } from './client.js';
import { withRetry } from '../../core/retry.js';
import { startFakeHuaweiCloud, type FakeHuaweiCloud, type FakeHuaweiCloudOptions } from './fake.js';
import { aaaa, caught, jsonBody, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';

const ACCESS_KEY = 'HPUAJ5QXCWVT3RMN8KZE';
const SECRET_KEY = 'q7VfT2kLp9WzR4mXc8NbJ6hYd3GsA1eU5oIiK0tQ';
const MINUTE = 60_000;

function makeProvider(fake: FakeHuaweiCloud, overrides: Record<string, unknown> = {}): { provider: Provider; warnings: string[]; debug: string[] } {
  const context = providerContext({ endpoint: fake.url });
  const provider = createHuaweiCloudProvider({ access_key: ACCESS_KEY, secret_key: SECRET_KEY, ...overrides }, context);
  return { provider, warnings: context.warnings, debug: context.debugMessages };
}

function startFake(options: Partial<FakeHuaweiCloudOptions> = {}): Promise<FakeHuaweiCloud> {
  return startFakeHuaweiCloud({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, zones: ['example.com'], ...options });
}

/** GET /v2/zones requests in order: "name X" for a lookup by name, "offset N" for a page of the listing. */
function zoneQueries(fake: FakeHuaweiCloud): string[] {
  return fake.server.requests
    .filter((request) => request.path.endsWith('/v2/zones'))
    .map((request) => {
      const name = request.query.get('name');
      return name === null ? `offset ${request.query.get('offset') ?? '0'}` : `name ${name}`;
    });
}

function gatewayError(status: number, code: string, message: string) {
  return { kind: 'reply' as const, reply: { status, body: { error_msg: message, error_code: code, request_id: '0123456789abcdef' } } };
}

function dnsError(status: number, code: string, message: string) {
  return { kind: 'reply' as const, reply: { status, body: { code, message } } };
}

describe('Huawei Cloud provider against the fake API', () => {
  let fake: FakeHuaweiCloud;

  afterEach(async () => {
    await fake.close();
  });

  describe('zone discovery', () => {
    it('resolves a.b.example.com.cn to the zone example.com.cn from one listing of the public zones', async () => {
      fake = await startFake({ zones: ['example.com.cn'] });
      const { provider } = makeProvider(fake);

      const created = await upsert(provider, spec('a.b.example.com.cn'), '81.2.69.160');

      expect(zoneQueries(fake)).toEqual(['offset 0']);
      const zoneQuery = fake.server.requests[0];
      expect(Object.fromEntries(zoneQuery?.query ?? [])).toEqual({ limit: '500', offset: '0', type: 'public' });
      expect(fake.records()).toEqual([
        expect.objectContaining({ id: created.id, zone_name: 'example.com.cn.', name: 'a.b.example.com.cn.', records: ['81.2.69.160'] }),
      ]);
      expect(fake.authFailures).toEqual([]);
    });

    it('prefers a delegated sub-zone over its parent', async () => {
      fake = await startFake({ zones: ['example.com', 'lab.example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('nas.lab.example.com'), '81.2.69.160');

      expect(zoneQueries(fake)).toEqual(['offset 0']);
      expect(fake.server.writes()[0]?.path).toBe(`/v2.1/zones/${fake.zoneId('lab.example.com')}/recordsets`);
    });

    it('lists the zones once per provider instance, however many records', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com'), '81.2.69.160');
      await upsert(provider, spec('nas.example.com'), '81.2.69.160');
      await upsert(provider, spec('home.example.com'), '81.2.69.192');

      expect(zoneQueries(fake)).toEqual(['offset 0']);
      expect(fake.records().map((record) => [record.name, record.records])).toEqual([
        ['home.example.com.', ['81.2.69.192']],
        ['nas.example.com.', ['81.2.69.160']],
      ]);
    });

    it('reads every page of the listing (500 zones per page)', async () => {
      const zones = Array.from({ length: 1001 }, (_, index) => `zone${index}.example`);
      fake = await startFake({ zones });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.zone1000.example'), '81.2.69.160');

      expect(zoneQueries(fake)).toEqual(['offset 0', 'offset 500', 'offset 1000']);
      expect(fake.records().map((record) => record.zone_name)).toEqual(['zone1000.example.']);
    });

    it('uses the zone named in the config without walking', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);

      await provider.find(spec('a.b.example.com', { zone: 'example.com' }));
      await provider.find(spec('c.example.com', { zone: 'example.com' }));

      expect(zoneQueries(fake)).toEqual(['name example.com.']);
    });

    it('reports an unknown zone as not-found, naming what it tried', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.org')));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('no public Huawei Cloud DNS zone found for home.example.org (tried home.example.org, example.org)');
      expect(error.message).toContain('dns:zone:list');
      expect(fake.server.writes()).toEqual([]);
    });

    it('refuses a configured zone that does not hold the name, before any request', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.net', { zone: 'example.com' })));

      expect(error.kind).toBe('config');
      expect(fake.server.requests).toHaveLength(0);
    });
  });

  describe('find, create, update', () => {
    it('finds nothing, then creates the record set with POST and the API default ttl', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');

      expect(await provider.find(record)).toBeUndefined();
      const list = fake.server.requests.at(-1);
      expect(list?.path).toBe(`/v2.1/zones/${fake.zoneId('example.com')}/recordsets`);
      expect(Object.fromEntries(list?.query ?? [])).toEqual({ limit: '500', name: 'home.example.com.', search_mode: 'equal', type: 'A' });

      const created = await provider.create(record, '81.2.69.160');

      const [post] = fake.server.writes();
      expect(post?.method).toBe('POST');
      expect(post?.headers['content-type']).toBe('application/json');
      expect(post?.headers.authorization).toMatch(
        new RegExp(`^SDK-HMAC-SHA256 Access=${ACCESS_KEY}, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$`),
      );
      expect(post?.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(jsonBody(post)).toEqual({ name: 'home.example.com.', type: 'A', records: ['81.2.69.160'] });
      expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: 300 });
      expect(fake.records()).toEqual([expect.objectContaining({ id: created.id, ttl: 300, line: 'default_view', records: ['81.2.69.160'] })]);
    });

    it('creates with the ttl the config sets', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);

      await provider.create(spec('home.example.com', { ttl: 60 }), '81.2.69.160');

      expect(jsonBody(fake.server.writes()[0])).toEqual({ name: 'home.example.com.', type: 'A', records: ['81.2.69.160'], ttl: 60 });
      expect(fake.records()[0]?.ttl).toBe(60);
    });

    it('finds a record set that already holds the IP and writes nothing', async () => {
      fake = await startFake();
      const seeded = fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'], ttl: 120 });
      const { provider } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found).toEqual({ id: seeded.id, name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: 120 });
      expect(fake.server.writes()).toEqual([]);
    });

    it('filters the loose name match exactly, and ignores other types and other resolution lines', async () => {
      fake = await startFake();
      fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'xhome.example.com', records: ['81.2.69.1'] });
      fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'a.home.example.com', records: ['81.2.69.2'] });
      fake.addRecordSet({ zone: 'example.com', type: 'AAAA', name: 'home.example.com', records: ['2a02:1388:1000::160'] });
      fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.3'], line: 'Dianxin' });
      const { provider, debug } = makeProvider(fake);

      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
      // The fake's listing, like the API's, matched the look-alikes: the provider had to filter.
      const list = fake.server.requests.at(-1);
      expect(list?.query.get('name')).toBe('home.example.com.');
      expect(debug.join('\n')).toContain('ignoring A home.example.com on line(s) Dianxin');
    });

    it('warns, naming how many, when several record sets match, and returns the first', async () => {
      fake = await startFake();
      const first = fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'] });
      fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.161'] });
      const { provider, warnings } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found?.id).toBe(first.id);
      expect(warnings).toEqual([expect.stringContaining('2 A record sets named home.example.com')]);
    });

    it('shows a record set holding several addresses as such, so the core replaces them', async () => {
      fake = await startFake();
      fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160', '81.2.69.161'] });
      const { provider, warnings } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));
      if (found === undefined) throw new Error('seeded record set not found');
      expect(found.content).toBe('81.2.69.160,81.2.69.161');
      expect(warnings).toEqual([expect.stringContaining('holds 81.2.69.160,81.2.69.161')]);

      await provider.update(spec('home.example.com'), found, '81.2.69.160');
      expect(fake.records()[0]?.records).toEqual(['81.2.69.160']);
    });

    it('updates with PUT, keeping the ttl set in the console', async () => {
      fake = await startFake();
      const seeded = fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'], ttl: 600 });
      const { provider } = makeProvider(fake);

      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record set not found');
      const updated = await provider.update(spec('home.example.com'), existing, '81.2.69.192');

      const [put] = fake.server.writes();
      expect(put?.method).toBe('PUT');
      expect(put?.path).toBe(`/v2.1/zones/${fake.zoneId('example.com')}/recordsets/${seeded.id}`);
      expect(jsonBody(put)).toEqual({ name: 'home.example.com.', type: 'A', records: ['81.2.69.192'], ttl: 600 });
      expect(updated).toEqual({ id: seeded.id, name: 'home.example.com', type: 'A', content: '81.2.69.192', ttl: 600 });
      expect(fake.records()[0]).toEqual(expect.objectContaining({ records: ['81.2.69.192'], ttl: 600 }));
    });

    it('sends the configured ttl in the PUT', async () => {
      fake = await startFake();
      fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'], ttl: 600 });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com', { ttl: 120 });

      const existing = await provider.find(record);
      if (existing === undefined) throw new Error('seeded record set not found');
      await provider.update(record, existing, '81.2.69.192');

      expect(jsonBody(fake.server.writes()[0])).toEqual(expect.objectContaining({ ttl: 120 }));
      expect(fake.records()[0]?.ttl).toBe(120);
    });

    it('reports a record set deleted since it was found as not-found (DNS.0313)', async () => {
      fake = await startFake();
      const seeded = fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'] });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record set not found');
      fake.removeRecordSet(seeded.id);

      const error = await caught(provider.update(spec('home.example.com'), existing, '81.2.69.192'));

      expect([error.kind, error.status, error.code]).toEqual(['not-found', 404, 'DNS.0313']);
      expect(error.message).toContain('This record set does not exist.');
    });

    it('returns the existing record set when a POST meets a duplicate (DNS.0335)', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');
      expect(await provider.find(record)).toBeUndefined();
      // It appears between find and create, as after a retried POST whose first attempt succeeded.
      const seeded = fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'] });

      const created = await provider.create(record, '81.2.69.160');

      expect(created.id).toBe(seeded.id);
      expect(fake.server.requests.slice(-2).map((request) => request.method)).toEqual(['POST', 'GET']);
      expect(fake.records()).toHaveLength(1);
    });

    it('handles AAAA record sets, comparing addresses rather than spellings', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      const record = aaaa('home.example.com');

      expect(await provider.find(record)).toBeUndefined();
      expect(fake.server.requests.at(-1)?.query.get('type')).toBe('AAAA');
      const created = await provider.create(record, '2a02:1388:1000:0:0:0:0:160');
      expect(created).toEqual(expect.objectContaining({ type: 'AAAA', content: '2a02:1388:1000:0:0:0:0:160' }));

      const updated = await provider.update(record, created, '2a02:1388:1000::192');
      expect(updated.content).toBe('2a02:1388:1000::192');
      expect(fake.records().map(({ type, records }) => `${type} ${records.join(',')}`)).toEqual(['AAAA 2a02:1388:1000::192']);
    });

    it('rejects a success answer whose record set does not hold the IP sent (protocol)', async () => {
      fake = await startFake();
      const seeded = fake.addRecordSet({ zone: 'example.com', type: 'A', name: 'home.example.com', records: ['81.2.69.160'] });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record set not found');
      fake.server.injectFault({ kind: 'reply', reply: { status: 202, body: { ...fake.records()[0], status: 'PENDING_UPDATE' } } });

      const error = await caught(provider.update(spec('home.example.com'), existing, '81.2.69.192'));

      expect(error.kind).toBe('protocol');
      expect(error.message).toContain('Huawei Cloud answered success but the record set home.example.com holds A 81.2.69.160');
      expect(fake.records()[0]).toEqual(expect.objectContaining({ id: seeded.id, records: ['81.2.69.160'] }));
    });

    it('reports a ttl the API refuses as a config error quoting code and message (DNS.0319)', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);

      const error = await caught(provider.create(spec('home.example.com', { ttl: 0 }), '81.2.69.160'));

      expect([error.kind, error.status, error.code]).toEqual(['config', 400, 'DNS.0319']);
      expect(error.message).toContain('DNS.0319 The TTL parameter has been out of range');
      expect(fake.records()).toEqual([]);
    });

    it('works behind an endpoint with a path prefix: the prefix is signed', async () => {
      fake = await startFake({ basePath: '/proxy/huawei-dns' });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com'), '81.2.69.160');

      expect(fake.server.requests[0]?.path).toBe('/proxy/huawei-dns/v2/zones');
      expect(fake.authFailures).toEqual([]);
      expect(fake.records()).toHaveLength(1);
    });

    it('sends and signs X-Project-Id when project_id is set', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake, { project_id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' });

      await provider.find(spec('home.example.com'));

      const [request] = fake.server.requests;
      expect(request?.headers['x-project-id']).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
      expect(request?.headers.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date,');
      expect(fake.authFailures).toEqual([]);
    });
  });

  describe('errors', () => {
    it('maps a wrong secret key to auth (APIGW.0301), without retrying or revealing a key', async () => {
      fake = await startFake();
      const wrongSecret = 'WRONG-secret-0123456789abcdefghijKLMNOP';
      const { provider } = makeProvider(fake, { secret_key: wrongSecret });

      const error = await caught(provider.find(spec('home.example.com')));

      expect([error.kind, error.status, error.code, error.retryable]).toEqual(['auth', 401, 'APIGW.0301', false]);
      expect(error.message).toContain('verify aksk signature fail');
      expect(error.message).toContain('secret_key does not belong to access_key');
      expect(error.message).not.toContain(wrongSecret);
      expect(error.message).not.toContain(SECRET_KEY);
      expect(fake.authFailures).toEqual([expect.stringContaining('signature mismatch')]);
    });

    it('maps an unknown access key to auth, masking the key the gateway echoes', async () => {
      fake = await startFake();
      const unknownKey = 'UNKNOWNACCESSKEY0000';
      const { provider } = makeProvider(fake, { access_key: unknownKey });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('auth');
      expect(error.message).toContain('Get secretKey failed,ak:***,err:ak not exist');
      expect(error.message).toContain('access_key is not a valid Huawei Cloud access key ID');
      expect(error.message).not.toContain(unknownKey);
    });

    it('explains the 5-minute lock after 5 failed authentications in a row', async () => {
      fake = await startFake();
      const { provider: wrong } = makeProvider(fake, { secret_key: 'not-the-secret' });
      for (let attempt = 0; attempt < 5; attempt++) await caught(wrong.find(spec('home.example.com')));
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('auth');
      expect(error.message).toContain('AK access failed to reach the limit,forbidden');
      expect(error.message).toContain('locked for 5 minutes');
    });

    it.each([
      [20, 'the system clock is 20 minutes off (behind Huawei Cloud\'s clock)'],
      [-31, 'the system clock is 31 minutes off (ahead of Huawei Cloud\'s clock)'],
    ])('reports a clock %i minutes from the gateway\'s as clock-skew', async (offsetMinutes, text) => {
      fake = await startFake({ clockOffsetMs: offsetMinutes * MINUTE });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.com')));

      expect([error.kind, error.code, error.retryable]).toEqual(['clock-skew', 'APIGW.0301', false]);
      expect(error.message).toContain(text);
      expect(error.message).toContain('NTP');
      expect(fake.authFailures).toEqual([expect.stringContaining('min from the gateway clock')]);
    });

    it('still signs correctly with a clock a few minutes off (the gateway allows 15)', async () => {
      fake = await startFake({ clockOffsetMs: 10 * MINUTE });
      const { provider } = makeProvider(fake);

      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
      expect(fake.authFailures).toEqual([]);
    });

    it('maps APIGW.0308 (429) to rate-limit, honouring Retry-After, and succeeds on the retry', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      const throttled = gatewayError(429, 'APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute');
      fake.server.injectFault({ ...throttled, reply: { ...throttled.reply, headers: { 'Retry-After': '2' } } });

      const error = await caught(provider.find(spec('home.example.com')));
      expect([error.kind, error.status, error.code, error.retryAfterMs, error.retryable]).toEqual(['rate-limit', 429, 'APIGW.0308', 2000, true]);

      fake.server.injectFault(throttled, 2);
      const waits: number[] = [];
      const retries: string[] = [];
      const found = await withRetry(() => upsert(provider, spec('home.example.com'), '81.2.69.160'), {
        retries: 3,
        minDelayMs: 1,
        maxRetryAfterMs: 60_000,
        sleep: async (ms) => {
          waits.push(ms);
        },
        onRetry: (retryError) => retries.push(retryError.kind),
      });
      expect(found.content).toBe('81.2.69.160');
      expect(retries).toEqual(['rate-limit', 'rate-limit']);
      expect(fake.records()).toHaveLength(1);
    });

    it('maps DNS.0014 flow control (403) to rate-limit', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      fake.server.injectFault(dnsError(403, 'DNS.0014', 'Request forbidden by flow control.'));

      expect((await caught(provider.find(spec('home.example.com')))).kind).toBe('rate-limit');
    });

    it('maps 5xx to transient, with or without a Huawei body', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: '<html>Bad Gateway</html>' } });
      fake.server.injectFault(dnsError(500, 'DNS.0001', 'Internal error.'));

      const plain = await caught(provider.find(spec('home.example.com')));
      const enveloped = await caught(provider.find(spec('home.example.com')));

      expect([plain.kind, plain.status, plain.retryable]).toEqual(['transient', 502, true]);
      expect([enveloped.kind, enveloped.status, enveloped.code]).toEqual(['transient', 500, 'DNS.0001']);
    });

    it('maps a non-JSON 200 and a JSON answer of the wrong shape to protocol', async () => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html>captive portal</html>' } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: { result: [] } } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 404, body: 'Not Found' } });

      const kinds: string[] = [];
      for (let i = 0; i < 3; i++) kinds.push((await caught(provider.find(spec('home.example.com')))).kind);

      expect(kinds).toEqual(['protocol', 'protocol', 'protocol']);
    });

    const codeCases: Array<[number, 'gateway' | 'dns', string, ProviderErrorKind]> = [
      [404, 'dns', 'DNS.0302', 'not-found'],
      [404, 'dns', 'DNS.0004', 'not-found'],
      [400, 'dns', 'DNS.0335', 'conflict'],
      [400, 'dns', 'DNS.0312', 'conflict'],
      [400, 'dns', 'DNS.0308', 'config'],
      [400, 'dns', 'DNS.0314', 'transient'],
      [403, 'dns', 'DNS.0403', 'config'],
      [401, 'dns', 'DNS.0005', 'auth'],
      [403, 'dns', 'DNS.0013', 'auth'],
      [403, 'dns', 'DNS.9999', 'auth'],
      [400, 'dns', 'DNS.9999', 'config'],
      [404, 'gateway', 'APIGW.0101', 'config'],
      [403, 'gateway', 'APIGW.0302', 'auth'],
      [401, 'gateway', 'APIG.0301', 'auth'],
      [429, 'gateway', 'APIG.0308', 'rate-limit'],
    ];
    it.each(codeCases)('maps HTTP %i with a %s body code %s to %s', async (status, shape, code, kind) => {
      fake = await startFake();
      const { provider } = makeProvider(fake);
      fake.server.injectFault(shape === 'gateway' ? gatewayError(status, code, `message for ${code}`) : dnsError(status, code, `message for ${code}`));

      const error = await caught(provider.find(spec('home.example.com')));

      expect([error.kind, error.status, error.code]).toEqual([kind, status, code]);
      expect(error.message).toContain(`HTTP ${status}, ${code} message for ${code}`);
    });

    it.each([
      ['access_key', { access_key: `${ACCESS_KEY}\n` }],
      ['secret_key', { secret_key: ` ${SECRET_KEY}` }],
      ['secret_key', { secret_key: '' }],
    ])('refuses a %s with spaces, line breaks or nothing, before sending anything', async (key, override) => {
      fake = await startFake();
      expect(() => makeProvider(fake, override)).toThrow(expect.objectContaining({ kind: 'config', message: expect.stringContaining(key) }));
      expect(fake.server.requests).toHaveLength(0);
    });
  });
});

describe('Huawei Cloud endpoints', () => {
  /** Records the URL of each request and answers an empty zone list; nothing leaves the process. */
  function recordingHttp(urls: string[]): HttpClient {
    return {
      async request(request: HttpRequest) {
        urls.push(request.url);
        return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), text: '{"zones":[],"metadata":{"total_count":0}}', url: request.url };
      },
    };
  }

  it.each([
    [{}, 'https://dns.myhuaweicloud.com/v2/zones?'],
    [{ region: 'cn-south-1' }, 'https://dns.cn-south-1.myhuaweicloud.com/v2/zones?'],
  ])('with %j asks %s', async (extra, prefix) => {
    const urls: string[] = [];
    const provider = createHuaweiCloudProvider(
      { access_key: ACCESS_KEY, secret_key: SECRET_KEY, ...extra },
      providerContext({ http: recordingHttp(urls) }),
    );

    await caught(provider.find(spec('home.example.com')));

    expect(urls[0]?.startsWith(prefix)).toBe(true);
    expect(urls[0]).toBe(`${prefix}limit=500&offset=0&type=public`);
  });

  it('names the clock as a possible cause of a signature failure when the answer has no Date header', async () => {
    const http: HttpClient = {
      async request(request: HttpRequest) {
        return {
          status: 401,
          headers: new Headers({ 'content-type': 'application/json' }),
          text: '{"error_msg":"Incorrect IAM authentication information: verify aksk signature fail","error_code":"APIGW.0301","request_id":"r"}',
          url: request.url,
        };
      },
    };
    const provider = createHuaweiCloudProvider({ access_key: ACCESS_KEY, secret_key: SECRET_KEY }, providerContext({ http }));

    const error = await caught(provider.find(spec('home.example.com')));

    expect(error.kind).toBe('auth');
    expect(error.message).toContain("or this machine's clock is more than 15 minutes off");
  });

  it('lets endpoint win over region', async () => {
    const urls: string[] = [];
    const provider = createHuaweiCloudProvider(
      { access_key: ACCESS_KEY, secret_key: SECRET_KEY, region: 'cn-south-1' },
      providerContext({ http: recordingHttp(urls), endpoint: 'https://dns-proxy.internal/huawei/' }),
    );

    await caught(provider.find(spec('home.example.com')));

    expect(urls[0]?.startsWith('https://dns-proxy.internal/huawei/v2/zones?')).toBe(true);
  });
});

describe('fake Huawei Cloud API', () => {
  let fake: FakeHuaweiCloud;

  afterEach(async () => {
    await fake.close();
  });

  async function call(method: string, path: string, options: { body?: unknown; secretKey?: string; sign?: boolean } = {}) {
    const url = `${fake.url}${path}`;
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Sdk-Date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') };
    if (options.sign !== false) {
      headers['Authorization'] = signRequest({ method, url, headers, body }, { accessKey: ACCESS_KEY, secretKey: options.secretKey ?? SECRET_KEY }).authorization;
    }
    const response = await fetch(url, { method, headers, ...(body === '' ? {} : { body }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, date: response.headers.get('date') };
  }

  it('answers an unsigned request with 401 APIGW.0301 and an unknown API with 404 APIGW.0101', async () => {
    fake = await startFake();

    const unsigned = await call('GET', '/v2/zones', { sign: false });
    const unknown = await call('GET', '/v2/nonsense');

    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toEqual({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: x-auth-token not found', request_id: expect.any(String) });
    expect(unsigned.date).not.toBeNull();
    expect(unknown.status).toBe(404);
    expect(unknown.body['error_code']).toBe('APIGW.0101');
  });

  it('routes bad zone ids to DNS.0302, validates bodies and answers 202 with PENDING_CREATE', async () => {
    fake = await startFake();
    const zoneId = fake.zoneId('example.com');

    const badZone = await call('GET', '/v2.1/zones/0123/recordsets');
    const badValue = await call('POST', `/v2.1/zones/${zoneId}/recordsets`, { body: { name: 'home.example.com.', type: 'A', records: ['2001:db8::1'] } });
    const outside = await call('POST', `/v2.1/zones/${zoneId}/recordsets`, { body: { name: 'home.example.org.', type: 'A', records: ['81.2.69.160'] } });
    const created = await call('POST', `/v2.1/zones/${zoneId}/recordsets`, { body: { name: 'home.example.com.', type: 'A', records: ['81.2.69.160'] } });
    const duplicate = await call('POST', `/v2.1/zones/${zoneId}/recordsets`, { body: { name: 'home.example.com.', type: 'A', records: ['81.2.69.160'] } });
    const soa = await call('GET', `/v2.1/zones/${zoneId}/recordsets?type=SOA`);

    expect([badZone.status, badZone.body]).toEqual([404, { code: 'DNS.0302', message: 'This zone does not exist.' }]);
    expect([badValue.status, badValue.body['code']]).toEqual([400, 'DNS.0308']);
    expect([outside.status, outside.body['code']]).toEqual([400, 'DNS.0304']);
    expect(created.status).toBe(202);
    expect(created.body).toEqual(expect.objectContaining({ name: 'home.example.com.', status: 'PENDING_CREATE', ttl: 300, line: 'default_view', zone_id: zoneId }));
    expect([duplicate.status, duplicate.body['code']]).toEqual([400, 'DNS.0335']);
    expect(soa.body['recordsets']).toEqual([expect.objectContaining({ type: 'SOA', name: 'example.com.', default: true })]);
  });

  it('honours search_mode=equal for zones and matches loosely without it', async () => {
    fake = await startFake({ zones: ['example.com', 'myexample.com'] });

    const exact = await call('GET', '/v2/zones?type=public&name=example.com.&search_mode=equal');
    const loose = await call('GET', '/v2/zones?type=public&name=example.com');
    const badLimit = await call('GET', '/v2/zones?limit=501');

    expect((exact.body['zones'] as Array<{ name: string }>).map((zone) => zone.name)).toEqual(['example.com.']);
    expect((loose.body['zones'] as Array<{ name: string }>).map((zone) => zone.name)).toEqual(['example.com.', 'myexample.com.']);
    expect([badLimit.status, badLimit.body['code']]).toEqual([400, 'DNS.0006']);
  });
});
