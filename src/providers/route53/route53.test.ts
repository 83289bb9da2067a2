import type { Provider } from '../types.js';
import { createRoute53Provider, normalizeRoute53Name } from './index.js';
import { zoneCandidates } from '../zones.js';
import { parseAwsError, Route53Client } from './client.js';
import { route53Metadata } from './metadata.js';
import { withRetry } from '../../core/retry.js';
import { loadConfig } from '../../config/load.js';
import {
  invalidChangeBatchReply,
  route53ErrorReply,
  startFakeRoute53,
  type FakeRoute53,
  type FakeRoute53Credentials,
  type FakeRoute53ZoneSeed,
} from './fake.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
const CREDENTIALS: FakeRoute53Credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };

function makeProvider(fake: FakeRoute53, options: Record<string, unknown> = {}): { provider: Provider; warnings: string[] } {
  const context = providerContext({ endpoint: fake.url });
  const provider = createRoute53Provider({ access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET_ACCESS_KEY, ...options }, context);
  return { provider, warnings: context.warnings };
}

async function startFake(zones: (string | FakeRoute53ZoneSeed)[], credentials: FakeRoute53Credentials[] = [CREDENTIALS]): Promise<FakeRoute53> {
  return startFakeRoute53({ credentials, zones: zones.map((zone) => (typeof zone === 'string' ? { name: zone } : zone)) });
}

/** The dnsname of each ListHostedZonesByName request, in order. */
/** ListHostedZonesByName requests in order: the dnsname asked for, or "(all)" for a page of the whole listing. */
function zoneQueries(fake: FakeRoute53): string[] {
  return fake.server.requests
    .filter((request) => request.path === '/2013-04-01/hostedzonesbyname')
    .map((request) => (request.query.get('hostedzoneid') === null ? (request.query.get('dnsname') ?? '(all)') : `${request.query.get('dnsname')} after ${request.query.get('hostedzoneid')}`));
}

function describeRequest(request: SeenRequest): string {
  return `${request.method} ${request.path}${request.query.size > 0 ? `?${request.query.toString()}` : ''}`;
}

describe('zone candidates and names', () => {
  it('lists the name and its parents down to two labels, deepest first', () => {
    expect(zoneCandidates('a.b.example.co.uk')).toEqual(['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk', 'co.uk']);
    expect(zoneCandidates('example.com')).toEqual(['example.com']);
  });

  it("compares names in Route 53's form: lower-case, trailing dot, octal escapes decoded", () => {
    expect(normalizeRoute53Name('Home.Example.com')).toBe('home.example.com.');
    expect(normalizeRoute53Name('\\052.example.com.')).toBe('*.example.com.');
  });
});

describe('Route 53 config schema', () => {
  const parse = (options: Record<string, unknown>) => route53Metadata.configSchema.safeParse({ access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET_ACCESS_KEY, ...options });

  it('accepts the credentials, strips /hostedzone/ from a zone id, and refuses unknown keys', () => {
    expect(parse({ hosted_zone_id: '/hostedzone/Z0123456789ABCDEFGHIJ' })).toMatchObject({ success: true, data: { hosted_zone_id: 'Z0123456789ABCDEFGHIJ' } });
    expect(parse({ hosted_zone: 'Z1' }).success).toBe(false);
    expect(parse({ access_key_id: 'AKIA EXAMPLE' }).success).toBe(false);
    expect(parse({ secret_access_key: `${SECRET_ACCESS_KEY}\n` }).success).toBe(false);
    expect(route53Metadata.secretKeys).toEqual(expect.arrayContaining(['secret_access_key', 'session_token']));
  });

  it('loads examples/route53.toml with the keys from the environment, registering both for masking', async () => {
    const config = await loadConfig(path.join(REPO_ROOT, 'examples', 'route53.toml'), {
      env: { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY },
      platform: 'linux',
      isRoot: false,
    });
    expect(config.providers[0]).toMatchObject({
      type: 'route53',
      options: { access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET_ACCESS_KEY, hosted_zone_id: 'Z0123456789ABCDEFGHIJ' },
    });
    expect(config.secrets).toEqual(expect.arrayContaining([ACCESS_KEY_ID, SECRET_ACCESS_KEY]));
    expect(config.records.map((record) => [record.type, record.ttl])).toEqual([['A', 300], ['AAAA', undefined]]);
  });
});

describe('Route 53 provider against the fake API', () => {
  let fake: FakeRoute53;

  afterEach(async () => {
    await fake.close();
  });

  describe('find, create, update', () => {
    it('finds the zone by name, reads the record set, then creates it with one UPSERT (TTL 300), without polling GetChange', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake);
      const zoneId = fake.zoneId('example.com');

      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
      const created = await provider.create(spec('home.example.com'), '198.51.100.4');

      expect(fake.server.requests.map(describeRequest)).toEqual([
        'GET /2013-04-01/hostedzonesbyname?maxitems=100',
        `GET /2013-04-01/hostedzone/${zoneId}/rrset?maxitems=1&name=home.example.com.&type=A`,
        `POST /2013-04-01/hostedzone/${zoneId}/rrset`,
      ]);
      const [post] = fake.server.writes();
      expect(post?.headers['content-type']).toBe('application/xml');
      expect(post?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/route53\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
      );
      expect(post?.body).toContain('<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">');
      expect(fake.changes()).toEqual([
        expect.objectContaining({ comment: 'ddns', changes: [{ action: 'UPSERT', name: 'home.example.com.', type: 'A', ttl: 300, values: ['198.51.100.4'] }] }),
      ]);
      expect(fake.recordSets()).toEqual([expect.objectContaining({ name: 'home.example.com.', type: 'A', ttl: 300, values: ['198.51.100.4'] })]);
      expect(created).toEqual({ id: `${zoneId}/home.example.com/A`, name: 'home.example.com', type: 'A', content: '198.51.100.4', ttl: 300 });
      expect(fake.rejectedRequests()).toBe(0);
    });

    it('finds a record set that already holds the address and writes nothing', async () => {
      fake = await startFake(['example.com']);
      fake.addRecordSet({ zone: 'example.com', name: 'home.example.com', type: 'A', ttl: 120, values: ['198.51.100.4'] });
      const { provider } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found).toEqual({ id: `${fake.zoneId('example.com')}/home.example.com/A`, name: 'home.example.com', type: 'A', content: '198.51.100.4', ttl: 120 });
      expect(fake.server.writes()).toEqual([]);
    });

    it('updates with an UPSERT that keeps the TTL set in the console, unless the config sets one', async () => {
      fake = await startFake(['example.com']);
      fake.addRecordSet({ zone: 'example.com', name: 'home.example.com', type: 'A', ttl: 120, values: ['198.51.100.4'] });
      fake.addRecordSet({ zone: 'example.com', name: 'nas.example.com', type: 'A', ttl: 120, values: ['198.51.100.4'] });
      const { provider } = makeProvider(fake);

      const kept = await upsert(provider, spec('home.example.com'), '203.0.113.8');
      const configured = await upsert(provider, spec('nas.example.com', { ttl: 60 }), '203.0.113.8');

      expect(kept).toMatchObject({ content: '203.0.113.8', ttl: 120 });
      expect(configured).toMatchObject({ content: '203.0.113.8', ttl: 60 });
      expect(fake.changes().map((change) => change.changes[0])).toEqual([
        { action: 'UPSERT', name: 'home.example.com.', type: 'A', ttl: 120, values: ['203.0.113.8'] },
        { action: 'UPSERT', name: 'nas.example.com.', type: 'A', ttl: 60, values: ['203.0.113.8'] },
      ]);
      expect(fake.recordSets().map((set) => [set.name, set.ttl, set.values])).toEqual([
        ['home.example.com.', 120, ['203.0.113.8']],
        ['nas.example.com.', 60, ['203.0.113.8']],
      ]);
    });

    it('does not take the neighbouring record set ListResourceRecordSets returns for the one asked', async () => {
      fake = await startFake(['example.com']);
      fake.addRecordSet({ zone: 'example.com', name: 'home.example.com', type: 'AAAA', values: ['2001:db8::1'] });
      fake.addRecordSet({ zone: 'example.com', name: 'www.example.com', type: 'A', values: ['198.51.100.9'] });
      const zoneId = fake.zoneId('example.com');
      const client = new Route53Client({
        http: providerContext().http,
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
        endpoint: fake.url,
      });
      // What the API really answers for home A and for nas A: the next record sets in order.
      const forHome = await client.listResourceRecordSets(zoneId, { name: 'home.example.com.', type: 'A', maxItems: 1 });
      const forNas = await client.listResourceRecordSets(zoneId, { name: 'nas.example.com.', type: 'A', maxItems: 1 });
      expect(forHome.recordSets.map((set) => [set.name, set.type])).toEqual([['home.example.com.', 'AAAA']]);
      expect(forNas.recordSets.map((set) => [set.name, set.type])).toEqual([['www.example.com.', 'A']]);

      const { provider } = makeProvider(fake);
      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
      expect(await provider.find(spec('nas.example.com'))).toBeUndefined();
      await provider.create(spec('home.example.com'), '198.51.100.4');

      expect(fake.recordSets().map((set) => [set.name, set.type, set.values])).toEqual([
        ['home.example.com.', 'A', ['198.51.100.4']],
        ['home.example.com.', 'AAAA', ['2001:db8::1']],
        ['www.example.com.', 'A', ['198.51.100.9']],
      ]);
    });

    it('creates and finds AAAA record sets', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com', { type: 'AAAA' });

      await upsert(provider, record, '2001:db8::44');

      expect(await provider.find(record)).toMatchObject({ type: 'AAAA', content: '2001:db8::44', ttl: 300 });
    });

    it('warns about a record set holding several addresses and replaces them with one', async () => {
      fake = await startFake(['example.com']);
      fake.addRecordSet({ zone: 'example.com', name: 'home.example.com', type: 'A', values: ['198.51.100.4', '198.51.100.5'] });
      const { provider, warnings } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));
      expect(found?.content).toBe('198.51.100.4, 198.51.100.5');
      expect(warnings).toEqual([expect.stringContaining('holds 2 addresses (198.51.100.4, 198.51.100.5)')]);
      if (found === undefined) throw new Error('seeded set not found');
      await provider.update(spec('home.example.com'), found, '198.51.100.4');

      expect(fake.recordSets()[0]?.values).toEqual(['198.51.100.4']);
    });

    it('refuses alias and routing-policy record sets as config errors, writing nothing', async () => {
      fake = await startFake(['example.com']);
      fake.addRecordSet({ zone: 'example.com', name: 'home.example.com', type: 'A', alias: { hostedZoneId: 'Z2FDTNDATAQYW2', dnsName: 'd111111abcdef8.cloudfront.net.' } });
      fake.addRecordSet({ zone: 'example.com', name: 'web.example.com', type: 'A', values: ['198.51.100.4'], setIdentifier: 'blue', weight: 10 });
      const { provider } = makeProvider(fake);

      const alias = await caught(provider.find(spec('home.example.com')));
      const weighted = await caught(provider.find(spec('web.example.com')));

      expect(alias.kind).toBe('config');
      expect(alias.message).toContain('alias record');
      expect(weighted.kind).toBe('config');
      expect(weighted.message).toContain('routing policy (set identifier "blue")');
      expect(fake.server.writes()).toEqual([]);
    });
  });

  describe('zone discovery', () => {
    it('finds the deepest zone of a multi-label name, example.co.uk, in one listing', async () => {
      fake = await startFake(['example.co.uk']);
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('a.b.example.co.uk'), '198.51.100.4');

      expect(zoneQueries(fake)).toEqual(['(all)']);
      expect(fake.recordSets()).toEqual([expect.objectContaining({ zone: fake.zoneId('example.co.uk'), name: 'a.b.example.co.uk.' })]);
    });

    it('prefers a delegated sub-zone over its parent, and lists the zones once per run', async () => {
      fake = await startFake(['example.com', 'lab.example.com']);
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('nas.lab.example.com'), '198.51.100.7');
      await upsert(provider, spec('nas.lab.example.com', { type: 'AAAA' }), '2001:db8::7');

      expect(zoneQueries(fake)).toEqual(['(all)']);
      expect(fake.recordSets().map((set) => set.zone)).toEqual([fake.zoneId('lab.example.com'), fake.zoneId('lab.example.com')]);
    });

    it('reads every page of the listing, following NextDNSName and NextHostedZoneId', async () => {
      const zones = Array.from({ length: 201 }, (_, index) => `zone${String(index).padStart(3, '0')}.example`);
      fake = await startFake(zones);
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.zone200.example'), '198.51.100.4');

      const queries = zoneQueries(fake);
      expect(queries).toHaveLength(3);
      expect(queries[0]).toBe('(all)');
      expect(queries.slice(1).every((query) => / after \S+$/.test(query))).toBe(true);
      expect(fake.recordSets()).toEqual([expect.objectContaining({ zone: fake.zoneId('zone200.example') })]);
    });

    it('looks up only the zone named in the record when `zone` is set', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake);

      await provider.find(spec('a.b.example.com', { zone: 'example.com' }));

      expect(zoneQueries(fake)).toEqual(['example.com.']);
    });

    it('uses hosted_zone_id without any zone lookup, in either spelling', async () => {
      fake = await startFake(['example.com']);
      const zoneId = fake.zoneId('example.com');
      for (const configured of [zoneId, `/hostedzone/${zoneId}`]) {
        const { provider } = makeProvider(fake, { hosted_zone_id: configured });
        await upsert(provider, spec('home.example.com'), '198.51.100.4');
      }

      expect(zoneQueries(fake)).toEqual([]);
      expect(fake.server.requests.every((request) => request.path.startsWith(`/2013-04-01/hostedzone/${zoneId}/`))).toBe(true);
      expect(fake.recordSets()).toEqual([expect.objectContaining({ name: 'home.example.com.', values: ['198.51.100.4'] })]);
    });

    it('reports an unknown hosted_zone_id as not-found (NoSuchHostedZone)', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { hosted_zone_id: 'Z9999999999999999999' });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error).toMatchObject({ kind: 'not-found', status: 404, code: 'NoSuchHostedZone' });
      expect(error.message).toContain('No hosted zone found with ID: Z9999999999999999999');
      expect(error.message).toContain('hosted_zone_id');
    });

    it('skips private zones by default, naming them in the error; private_zone = true picks them', async () => {
      fake = await startFake([{ name: 'example.com', private: true }]);
      const error = await caught(makeProvider(fake).provider.find(spec('home.example.com')));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('no public Route 53 hosted zone found for home.example.com (tried home.example.com, example.com)');
      expect(error.message).toContain('private zones named example.com exist: set private_zone = true');

      const { provider } = makeProvider(fake, { private_zone: true });
      await upsert(provider, spec('home.example.com'), '10.0.0.4');
      expect(fake.recordSets()).toEqual([expect.objectContaining({ zone: fake.zoneId('example.com', { private: true }) })]);
    });

    it('picks the public zone when a private one has the same name', async () => {
      fake = await startFake([
        { name: 'example.com', private: true, id: 'Z0000000000000000001' },
        { name: 'example.com', id: 'Z0000000000000000002' },
      ]);
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com'), '198.51.100.4');

      expect(fake.recordSets()).toEqual([expect.objectContaining({ zone: 'Z0000000000000000002' })]);
    });

    it('reads further pages while every zone on the page has the name looked for', async () => {
      const privateZones = Array.from({ length: 12 }, (_, index) => ({ name: 'example.com', private: true, id: `Z00000000000000000${String(index).padStart(2, '0')}` }));
      fake = await startFake([...privateZones, { name: 'example.com', id: 'ZZZZZZZZZZZZZZZZZZZZ' }, 'example.net']);
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com', { zone: 'example.com' }), '198.51.100.4');

      const lookups = fake.server.requests.filter((request) => request.path === '/2013-04-01/hostedzonesbyname');
      expect(lookups.map((request) => [request.query.get('dnsname'), request.query.get('hostedzoneid')])).toEqual([
        ['example.com.', null],
        ['example.com.', privateZones[10]?.id],
      ]);
      expect(fake.recordSets()).toEqual([expect.objectContaining({ zone: 'ZZZZZZZZZZZZZZZZZZZZ' })]);
    });

    it('refuses to guess between two public zones with the same name', async () => {
      fake = await startFake([
        { name: 'example.com', id: 'Z0000000000000000001' },
        { name: 'example.com', id: 'Z0000000000000000002' },
      ]);

      const error = await caught(makeProvider(fake).provider.find(spec('home.example.com')));

      expect(error.kind).toBe('config');
      expect(error.message).toContain('2 public Route 53 hosted zones are named example.com (Z0000000000000000001, Z0000000000000000002)');
      expect(error.message).toContain('hosted_zone_id');
    });
  });

  describe('errors', () => {
    it('reports a wrong secret key as an auth error, once, without the secret', async () => {
      fake = await startFake(['example.com']);
      const wrongSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzWRONGKEY0';
      const { provider } = makeProvider(fake, { secret_access_key: wrongSecret });

      const error = await caught(withRetry(() => provider.find(spec('home.example.com')), { retries: 3, minDelayMs: 1, maxRetryAfterMs: 60_000 }));

      expect(error).toMatchObject({ kind: 'auth', status: 403, code: 'SignatureDoesNotMatch' });
      expect(error.message).toContain('secret_access_key is wrong or does not belong to access_key_id');
      expect(error.message).not.toContain(wrongSecret);
      expect(error.message).not.toContain(SECRET_ACCESS_KEY);
      expect(fake.server.requests).toHaveLength(1);
      expect(fake.rejectedRequests()).toBe(1);
    });

    it('reports an unknown access key as an auth error (InvalidClientTokenId)', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { access_key_id: 'AKIAI44QH8DHBEXAMPLE' });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error).toMatchObject({ kind: 'auth', code: 'InvalidClientTokenId' });
      expect(error.message).toContain('AWS does not recognise access_key_id');
    });

    it('reports a missing IAM permission as an auth error naming the action', async () => {
      fake = await startFake(['example.com']);
      fake.deny('ChangeResourceRecordSets');
      const { provider } = makeProvider(fake);

      const error = await caught(upsert(provider, spec('home.example.com'), '198.51.100.4'));

      expect(error).toMatchObject({ kind: 'auth', code: 'AccessDenied' });
      expect(error.message).toContain('must allow route53:ChangeResourceRecordSets');
      expect(fake.recordSets()).toEqual([]);
    });

    it('sends the session token of temporary credentials, signed; without it the key is refused', async () => {
      const sessionToken = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789';
      fake = await startFake(['example.com'], [{ ...CREDENTIALS, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken }]);

      const without = await caught(makeProvider(fake, { access_key_id: 'ASIAIOSFODNN7EXAMPLE' }).provider.find(spec('home.example.com')));
      expect(without).toMatchObject({ kind: 'auth', code: 'InvalidClientTokenId' });

      const { provider } = makeProvider(fake, { access_key_id: 'ASIAIOSFODNN7EXAMPLE', session_token: sessionToken });
      await upsert(provider, spec('home.example.com'), '198.51.100.4');
      const last = fake.server.requests.at(-1);
      expect(last?.headers['x-amz-security-token']).toBe(sessionToken);
      expect(last?.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,');
      expect(fake.recordSets()).toHaveLength(1);
    });

    it('maps InvalidChangeBatch to a config error carrying Route 53\'s message', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { hosted_zone_id: fake.zoneId('example.com') });

      const error = await caught(upsert(provider, spec('home.example.org'), '198.51.100.4'));

      expect(error).toMatchObject({ kind: 'config', status: 400, code: 'InvalidChangeBatch' });
      expect(error.message).toContain('Route 53 refused the change (InvalidChangeBatch: RRSet with DNS name home.example.org. is not permitted in zone example.com.)');
      expect(fake.recordSets()).toEqual([]);
    });

    it('retries Throttling and PriorRequestNotComplete (HTTP 400) until the call succeeds', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { hosted_zone_id: fake.zoneId('example.com') });
      const policy = { retries: 3, minDelayMs: 1, maxRetryAfterMs: 60_000 };

      fake.server.injectFault({ kind: 'reply', reply: route53ErrorReply(400, 'Throttling', 'Rate exceeded') });
      const throttled = await caught(provider.find(spec('home.example.com')));
      expect(throttled).toMatchObject({ kind: 'rate-limit', status: 400, code: 'Throttling' });
      expect(throttled.retryable).toBe(true);

      fake.server.injectFault({ kind: 'reply', reply: route53ErrorReply(400, 'Throttling', 'Rate exceeded') }, 2);
      expect(await withRetry(() => provider.find(spec('home.example.com')), policy)).toBeUndefined();
      fake.server.injectFault({
        kind: 'reply',
        reply: route53ErrorReply(400, 'PriorRequestNotComplete', 'The request was rejected because Route 53 was still processing a prior request.'),
      });
      await withRetry(() => provider.create(spec('home.example.com'), '198.51.100.4'), policy);

      expect(fake.server.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'POST', 'POST']);
      expect(fake.recordSets()).toEqual([expect.objectContaining({ values: ['198.51.100.4'] })]);
    });

    it('retries 5xx answers as transient, with or without an error document', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { hosted_zone_id: fake.zoneId('example.com') });

      fake.server.injectFault({ kind: 'reply', reply: route53ErrorReply(503, 'ServiceUnavailable', 'Service Unavailable', 'Receiver') });
      fake.server.injectFault({ kind: 'reply', reply: { status: 502, body: 'Bad Gateway' } });
      const first = await caught(provider.find(spec('home.example.com')));
      const second = await caught(provider.find(spec('home.example.com')));

      expect(first).toMatchObject({ kind: 'transient', status: 503, code: 'ServiceUnavailable' });
      expect(second).toMatchObject({ kind: 'transient', status: 502 });
      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
    });

    it.each([
      [-12, 'ahead of'],
      [12, 'behind'],
    ])('reports a server clock %i minutes away as clock-skew, saying how far the system clock is off', async (minutes, direction) => {
      fake = await startFake(['example.com']);
      fake.setClockOffset(minutes * 60_000);
      const { provider } = makeProvider(fake);

      const error = await caught(withRetry(() => provider.find(spec('home.example.com')), { retries: 3, minDelayMs: 1, maxRetryAfterMs: 60_000 }));

      expect(error.kind).toBe('clock-skew');
      expect(error.code).toBe('SignatureDoesNotMatch');
      expect(error.message).toContain(`the system clock is 12 minutes off (${direction} AWS's clock)`);
      expect(error.message).toMatch(/Signature (expired|not yet current)/);
      expect(fake.server.requests).toHaveLength(1);
    });

    it('reads RequestExpired as clock skew too, and does not blame a clock that the Date header shows is right', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { hosted_zone_id: fake.zoneId('example.com') });
      fake.server.injectFault({ kind: 'reply', reply: route53ErrorReply(400, 'RequestExpired', 'Request has expired.', 'Sender', new Date(Date.now() - 30 * 60_000)) });
      fake.server.injectFault({ kind: 'reply', reply: route53ErrorReply(400, 'RequestExpired', 'Request has expired.', 'Sender', new Date()) });

      const skewed = await caught(provider.find(spec('home.example.com')));
      const delayed = await caught(provider.find(spec('home.example.com')));

      expect(skewed).toMatchObject({ kind: 'clock-skew', code: 'RequestExpired' });
      expect(skewed.message).toContain("the system clock is 30 minutes off (ahead of AWS's clock)");
      expect(delayed.kind).toBe('clock-skew');
      expect(delayed.message).toContain('the system clock is within 0 minutes of AWS');
      expect(delayed.message).toContain('held up on the way');
    });

    it('reports a non-Route 53 success answer as a protocol error', async () => {
      fake = await startFake(['example.com']);
      const { provider } = makeProvider(fake, { hosted_zone_id: fake.zoneId('example.com') });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html><body>captive portal</body></html>' } });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('protocol');
      expect(error.message).toContain('not a ListResourceRecordSetsResponse document');
    });
  });
});

describe('Route 53 error documents', () => {
  it('reads both the ErrorResponse and the InvalidChangeBatch documents', () => {
    expect(parseAwsError(route53ErrorReply(400, 'Throttling', 'Rate exceeded').body as string)).toMatchObject({ code: 'Throttling', message: 'Rate exceeded' });
    const batch = invalidChangeBatchReply([
      "Tried to create resource record set [name='home.example.com.', type='A'] but it already exists",
      'Second problem',
    ]).body as string;
    expect(batch).toContain('<InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Messages><Message>');
    expect(parseAwsError(batch)).toMatchObject({
      code: 'InvalidChangeBatch',
      message: "Tried to create resource record set [name='home.example.com.', type='A'] but it already exists; Second problem",
    });
    expect(parseAwsError('{"message": "not xml"}')).toBeUndefined();
    expect(parseAwsError('<html>proxy error</html>')).toBeUndefined();
  });
});
