import type { ProviderErrorKind } from '../../http/errors.js';
import type { Provider } from '../types.js';
import { createCloudflareProvider } from './index.js';
import { zoneCandidates } from '../zones.js';
import { startFakeCloudflare, type FakeCloudflare } from './fake.js';
import { aaaa, caught, jsonBody, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';

const TOKEN = 'cf-test-token_0123456789abcdefABCDEF';

function makeProvider(fake: FakeCloudflare, token = TOKEN): { provider: Provider; warnings: string[] } {
  const context = providerContext({ endpoint: fake.url });
  return { provider: createCloudflareProvider({ api_token: token }, context), warnings: context.warnings };
}

/** GET /zones requests in order: "name X" for a lookup by name, "page N" for a page of the listing. */
function zoneQueries(fake: FakeCloudflare): string[] {
  return fake.server.requests
    .filter((request) => request.path === '/client/v4/zones')
    .map((request) => {
      const name = request.query.get('name');
      return name === null ? `page ${request.query.get('page') ?? '1'}` : `name ${name}`;
    });
}

describe('zoneCandidates', () => {
  it('lists the name and its parents down to two labels, deepest first', () => {
    expect(zoneCandidates('a.b.example.co.uk')).toEqual(['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk', 'co.uk']);
    expect(zoneCandidates('example.com')).toEqual(['example.com']);
  });
});

describe('Cloudflare provider against the fake API', () => {
  let fake: FakeCloudflare;

  afterEach(async () => {
    await fake.close();
  });

  describe('zone discovery', () => {
    it('walks the labels to a multi-label zone such as example.co.uk', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.co.uk'] });
      const { provider } = makeProvider(fake);

      const created = await upsert(provider, spec('home.example.co.uk'), '198.51.100.4');

      expect(zoneQueries(fake)).toEqual(['page 1']);
      const zoneQuery = fake.server.requests[0];
      expect(zoneQuery?.query.get('status')).toBe('active');
      expect(zoneQuery?.query.get('per_page')).toBe('50');
      expect(fake.records()).toEqual([
        expect.objectContaining({ id: created.id, zone: 'example.co.uk', name: 'home.example.co.uk', content: '198.51.100.4' }),
      ]);
    });

    it('prefers a delegated sub-zone over its parent', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com', 'lab.example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('nas.lab.example.com'), '198.51.100.7');

      expect(zoneQueries(fake)).toEqual(['page 1']);
      expect(fake.records().map((record) => record.zone)).toEqual(['lab.example.com']);
      const post = fake.server.writes()[0];
      expect(post?.path).toBe(`/client/v4/zones/${fake.zoneId('lab.example.com')}/dns_records`);
    });

    it('lists the zones once per provider instance, however many records and calls', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);

      await upsert(provider, spec('home.example.com'), '198.51.100.4');
      await upsert(provider, spec('nas.example.com'), '198.51.100.4');
      await upsert(provider, spec('home.example.com'), '198.51.100.5');

      // A lookup per name would cost one request per record (each name could itself be a
      // delegated zone); the listing answers every name.
      expect(zoneQueries(fake)).toEqual(['page 1']);
      expect(fake.records().map((record) => [record.name, record.content])).toEqual([
        ['home.example.com', '198.51.100.5'],
        ['nas.example.com', '198.51.100.4'],
      ]);
    });

    it('uses the zone named in the config without walking', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);

      await provider.find(spec('a.b.example.com', { zone: 'example.com' }));
      await provider.find(spec('c.example.com', { zone: 'example.com' }));

      expect(zoneQueries(fake)).toEqual(['name example.com']);
    });

    it('reads every page of the listing, and records asking at once share it', async () => {
      const zones = Array.from({ length: 120 }, (_, index) => `zone${String(index).padStart(3, '0')}.example`);
      fake = await startFakeCloudflare({ token: TOKEN, zones });
      const { provider } = makeProvider(fake);

      // Three records at once, one of them in a zone on the last page (50 zones per page).
      const found = await Promise.all(['a.zone000.example', 'b.zone060.example', 'c.zone119.example'].map((name) => provider.find(spec(name))));

      expect(found).toEqual([undefined, undefined, undefined]);
      expect(zoneQueries(fake)).toEqual(['page 1', 'page 2', 'page 3']);
      const recordLists = fake.server.requests.filter((request) => request.path.endsWith('/dns_records'));
      expect(recordLists.map((request) => request.path)).toEqual(
        ['zone000.example', 'zone060.example', 'zone119.example'].map((zone) => `/client/v4/zones/${fake.zoneId(zone)}/dns_records`),
      );
    });

    it('lists again after a failed listing instead of keeping the failure', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 503, body: 'upstream unavailable' } });

      const error = await caught(provider.find(spec('home.example.com')));
      expect(error.kind).toBe('transient');
      await expect(provider.find(spec('home.example.com'))).resolves.toBeUndefined();

      expect(zoneQueries(fake)).toEqual(['page 1', 'page 1']);
    });

    it('reports an unknown zone as not-found, naming what it tried', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.org')));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('no active Cloudflare zone found for home.example.org');
      expect(error.message).toContain('tried home.example.org, example.org');
      expect(error.message).toContain('zone = ');
      expect(fake.server.writes()).toEqual([]);
    });

    it('reports a configured zone that does not exist as not-found', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.find(spec('home.example.net', { zone: 'example.net' })));

      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('example.net');
    });
  });

  describe('find, create, update', () => {
    it('finds nothing, then creates the record with automatic ttl and proxied false', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');

      expect(await provider.find(record)).toBeUndefined();
      const listQuery = fake.server.requests.at(-1);
      expect(listQuery?.path).toBe(`/client/v4/zones/${fake.zoneId('example.com')}/dns_records`);
      expect(Object.fromEntries(listQuery?.query ?? [])).toEqual({ type: 'A', name: 'home.example.com', per_page: '50' });

      const created = await provider.create(record, '198.51.100.4');

      const [post] = fake.server.writes();
      expect(post?.method).toBe('POST');
      expect(post?.headers['content-type']).toBe('application/json');
      expect(post?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(jsonBody(post)).toEqual({ type: 'A', name: 'home.example.com', content: '198.51.100.4', ttl: 1, proxied: false });
      expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'home.example.com', type: 'A', content: '198.51.100.4', ttl: 1 });
      expect(fake.records()).toEqual([
        expect.objectContaining({ id: created.id, content: '198.51.100.4', ttl: 1, proxied: false, comment: null }),
      ]);
    });

    it('creates with the ttl, proxied and comment the config sets', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);

      await provider.create(spec('home.example.com', { ttl: 300, options: { comment: 'ddns' } }), '198.51.100.4');
      await provider.create(spec('web.example.com', { options: { proxied: true } }), '198.51.100.4');

      const [first, second] = fake.server.writes();
      expect(jsonBody(first)).toEqual({ type: 'A', name: 'home.example.com', content: '198.51.100.4', ttl: 300, proxied: false, comment: 'ddns' });
      expect(jsonBody(second)).toEqual({ type: 'A', name: 'web.example.com', content: '198.51.100.4', ttl: 1, proxied: true });
      expect(fake.records().map(({ name, ttl, proxied, comment }) => ({ name, ttl, proxied, comment }))).toEqual([
        { name: 'home.example.com', ttl: 300, proxied: false, comment: 'ddns' },
        { name: 'web.example.com', ttl: 1, proxied: true, comment: null },
      ]);
    });

    it('finds an existing record that already holds the IP and writes nothing', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const seeded = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4', ttl: 120 });
      const { provider } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found).toEqual({ id: seeded.id, name: 'home.example.com', type: 'A', content: '198.51.100.4', ttl: 120 });
      expect(fake.server.writes()).toEqual([]);
    });

    it('does not mistake a record of the other type or another name for the one asked', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      fake.addRecord({ zone: 'example.com', type: 'AAAA', name: 'home', content: '2001:db8::1' });
      fake.addRecord({ zone: 'example.com', type: 'A', name: 'other', content: '198.51.100.4' });
      const { provider } = makeProvider(fake);

      expect(await provider.find(spec('home.example.com'))).toBeUndefined();
    });

    it('warns, naming how many, when several records match, and returns the first', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const first = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4' });
      fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.9' });
      const { provider, warnings } = makeProvider(fake);

      const found = await provider.find(spec('home.example.com'));

      expect(found?.id).toBe(first.id);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('2 A records named home.example.com');
    });

    it('updates with a PATCH of content only, keeping proxied, ttl and comment set in the dashboard', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const proxiedRecord = fake.addRecord({ zone: 'example.com', type: 'A', name: 'web', content: '198.51.100.4', proxied: true, comment: 'router' });
      const ttlRecord = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4', ttl: 300, comment: 'nas' });
      const { provider } = makeProvider(fake);

      for (const name of ['web.example.com', 'home.example.com']) {
        const existing = await provider.find(spec(name));
        if (existing === undefined) throw new Error(`seeded ${name} not found`);
        const updated = await provider.update(spec(name), existing, '203.0.113.8');
        expect(updated).toEqual(expect.objectContaining({ id: existing.id, content: '203.0.113.8' }));
      }

      const patches = fake.server.writes();
      expect(patches.map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
      expect(patches[0]?.path).toBe(`/client/v4/zones/${fake.zoneId('example.com')}/dns_records/${proxiedRecord.id}`);
      expect(patches.map(jsonBody)).toEqual([{ content: '203.0.113.8' }, { content: '203.0.113.8' }]);
      expect(fake.records().map(({ content, ttl, proxied, comment }) => ({ content, ttl, proxied, comment }))).toEqual([
        { content: '203.0.113.8', ttl: 1, proxied: true, comment: 'router' },
        { content: '203.0.113.8', ttl: 300, proxied: false, comment: 'nas' },
      ]);
      expect(ttlRecord.id).not.toBe(proxiedRecord.id);
    });

    it('sends ttl, proxied and comment in the PATCH when the config sets them', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4', proxied: true, comment: 'old' });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com', { ttl: 600, options: { proxied: false, comment: 'managed by ddns' } });

      const existing = await provider.find(record);
      if (existing === undefined) throw new Error('seeded record not found');
      await provider.update(record, existing, '203.0.113.8');

      expect(jsonBody(fake.server.writes()[0])).toEqual({ content: '203.0.113.8', ttl: 600, proxied: false, comment: 'managed by ddns' });
      expect(fake.records()[0]).toEqual(
        expect.objectContaining({ content: '203.0.113.8', ttl: 600, proxied: false, comment: 'managed by ddns' }),
      );
    });

    it('reports a record deleted since it was found as not-found (81044)', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const seeded = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4' });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record not found');
      fake.removeRecord(seeded.id);

      const error = await caught(provider.update(spec('home.example.com'), existing, '203.0.113.8'));

      expect(error.kind).toBe('not-found');
      expect(error.code).toBe('81044');
    });

    it('returns the existing record when a POST meets an identical record (81058)', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      const record = spec('home.example.com');
      expect(await provider.find(record)).toBeUndefined();
      // The record appears between find and create, as after a retried POST whose first attempt succeeded.
      const seeded = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4' });

      const created = await provider.create(record, '198.51.100.4');

      expect(created.id).toBe(seeded.id);
      const afterCreate = fake.server.requests.slice(-2).map((request) => request.method);
      expect(afterCreate).toEqual(['POST', 'GET']);
      expect(fake.records()).toHaveLength(1);
    });

    it('rethrows the conflict when the existing record does not hold the IP (81057)', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.9' });
      const { provider } = makeProvider(fake);
      await provider.find(spec('home.example.com')); // zone now cached: the next request is the POST
      fake.server.injectFault({
        kind: 'reply',
        reply: { status: 400, body: { success: false, errors: [{ code: 81057, message: 'Record already exists.' }], messages: [], result: null } },
      });

      const error = await caught(provider.create(spec('home.example.com'), '198.51.100.4'));

      expect(error.kind).toBe('conflict');
      expect(error.code).toBe('81057');
      expect(fake.server.requests.slice(-2).map((request) => request.method)).toEqual(['POST', 'GET']);
    });

    it('handles AAAA records, comparing addresses rather than spellings', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4' });
      const { provider } = makeProvider(fake);
      const record = aaaa('home.example.com');

      expect(await provider.find(record)).toBeUndefined();
      expect(fake.server.requests.at(-1)?.query.get('type')).toBe('AAAA');
      // The fake, like Cloudflare, stores the compressed form; the provider must accept it.
      const created = await provider.create(record, '2001:DB8:0:0:0:0:0:1');
      expect(created).toEqual(expect.objectContaining({ type: 'AAAA', content: '2001:db8::1' }));
      expect(jsonBody(fake.server.writes()[0])).toEqual(expect.objectContaining({ type: 'AAAA', content: '2001:DB8:0:0:0:0:0:1' }));

      const updated = await provider.update(record, created, '2001:db8::2');
      expect(updated.content).toBe('2001:db8::2');
      expect(fake.records().map(({ type, content }) => `${type} ${content}`)).toEqual(['A 198.51.100.4', 'AAAA 2001:db8::2']);
    });

    it('rejects a success answer whose record does not hold the IP sent (protocol)', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const seeded = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4' });
      const { provider } = makeProvider(fake);
      const existing = await provider.find(spec('home.example.com'));
      if (existing === undefined) throw new Error('seeded record not found');
      fake.server.injectFault({
        kind: 'reply',
        reply: { body: { success: true, errors: [], messages: [], result: { ...fake.records()[0], content: '198.51.100.4' } } },
      });

      const error = await caught(provider.update(spec('home.example.com'), existing, '203.0.113.8'));

      expect(error.kind).toBe('protocol');
      expect(error.message).toContain('Cloudflare answered success but the record home.example.com holds A 198.51.100.4');
      expect(fake.records()[0]).toEqual(expect.objectContaining({ id: seeded.id, content: '198.51.100.4' }));
    });

    it('reports an invalid ttl as a config error quoting the code and message', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);

      const error = await caught(provider.create(spec('home.example.com', { ttl: 30 }), '198.51.100.4'));

      expect(error.kind).toBe('config');
      expect(error.status).toBe(400);
      expect(error.message).toContain('9021 Invalid TTL');
      expect(fake.records()).toEqual([]);
    });
  });

  describe('errors', () => {
    it('maps a wrong token to auth without revealing either token', async () => {
      const wrongToken = 'wrong-token_ZYXWVUTSRQPONMLKJIHGFEDCBA';
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake, wrongToken);

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
      expect(error.status).toBe(403);
      expect(error.code).toBe('9109');
      expect(error.message).toContain('Cloudflare rejected the API token (9109 Invalid access token)');
      expect(error.message).toContain('Zone:Read and DNS:Edit');
      expect(error.message).not.toContain(wrongToken);
      expect(error.message).not.toContain(TOKEN);
      expect(fake.server.requests[0]?.headers.authorization).toBe(`Bearer ${wrongToken}`);
    });

    it('maps a malformed Authorization header (6003 with 6111 in the chain) to auth', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake, 'not.a/token');

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('auth');
      expect(error.status).toBe(400);
      expect(error.message).toContain('6111 Invalid format for Authorization header');
      expect(error.message).not.toContain('not.a/token');
    });

    it('refuses a token with a line break before sending anything', () => {
      expect(() => createCloudflareProvider({ api_token: `${TOKEN}\n` }, providerContext())).toThrow(expect.objectContaining({ kind: 'config' }));
    });

    it('scrubs the token should the server echo it in an error message', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({
        kind: 'reply',
        reply: { status: 400, body: { success: false, errors: [{ code: 1234, message: `bad token ${TOKEN}` }], messages: [], result: null } },
      });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('config');
      expect(error.message).toContain('1234 bad token ***');
      expect(error.message).not.toContain(TOKEN);
    });

    it('maps HTTP 500 to transient, with or without an envelope', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 500, body: '<html>Internal Server Error</html>' } });
      fake.server.injectFault({
        kind: 'reply',
        reply: { status: 502, body: { success: false, errors: [{ code: 10001, message: 'service unavailable' }], messages: [], result: null } },
      });

      const plain = await caught(provider.find(spec('home.example.com')));
      const enveloped = await caught(provider.find(spec('home.example.com')));

      expect([plain.kind, plain.status, plain.retryable]).toEqual(['transient', 500, true]);
      expect([enveloped.kind, enveloped.status, enveloped.code]).toEqual(['transient', 502, '10001']);
    });

    it('maps 429 to rate-limit and honours Retry-After', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({
        kind: 'reply',
        reply: {
          status: 429,
          headers: { 'Retry-After': '7' },
          body: 'More than 1200 requests per 300 seconds reached. Please wait and consider throttling your request speed',
        },
      });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe('rate-limit');
      expect(error.retryAfterMs).toBe(7000);
      expect(error.retryable).toBe(true);
    });

    it('maps code 971 to rate-limit whatever the status', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({
        kind: 'reply',
        reply: { status: 400, body: { success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }], messages: [], result: null } },
      });

      expect((await caught(provider.find(spec('home.example.com')))).kind).toBe('rate-limit');
    });

    it('maps a non-JSON 200 and a JSON answer without the envelope to protocol', async () => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: '<html>captive portal</html>' } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: { zones: [] } } });
      fake.server.injectFault({ kind: 'reply', reply: { status: 200, body: { success: true, errors: [], messages: [], result: 'nope' } } });

      const kinds: string[] = [];
      for (let i = 0; i < 3; i++) kinds.push((await caught(provider.find(spec('home.example.com')))).kind);

      expect(kinds).toEqual(['protocol', 'protocol', 'protocol']);
    });

    const codeCases: Array<[number, number, ProviderErrorKind]> = [
      [400, 7003, 'not-found'],
      [403, 10000, 'auth'],
      [403, 1038, 'config'],
      [400, 6103, 'auth'],
      [400, 81058, 'conflict'],
      [403, 9999, 'auth'],
      [400, 9999, 'config'],
    ];
    it.each(codeCases)('maps HTTP %i with code %i to %s', async (status, code, kind) => {
      fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
      const { provider } = makeProvider(fake);
      fake.server.injectFault({
        kind: 'reply',
        reply: { status, body: { success: false, errors: [{ code, message: `message for ${code}` }], messages: [], result: null } },
      });

      const error = await caught(provider.find(spec('home.example.com')));

      expect(error.kind).toBe(kind);
      expect(error.code).toBe(String(code));
      expect(error.message).toContain(`${code} message for ${code}`);
    });
  });
});

describe('fake Cloudflare API', () => {
  let fake: FakeCloudflare;

  afterEach(async () => {
    await fake.close();
  });

  async function call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
    const token = options.token === undefined ? TOKEN : options.token;
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers unauthenticated requests with 403 9109', async () => {
    fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });

    const answer = await call('GET', '/zones', { token: null });

    expect(answer).toEqual({
      status: 403,
      body: { success: false, errors: [{ code: 9109, message: 'Invalid access token' }], messages: [], result: null },
    });
  });

  it('routes bad zone ids to 7003/7000 and validates content', async () => {
    fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
    const zoneId = fake.zoneId('example.com');

    const badZone = await call('GET', '/zones/0123/dns_records');
    const badContent = await call('POST', `/zones/${zoneId}/dns_records`, { body: { type: 'A', name: 'home', content: '2001:db8::1' } });
    const created = await call('POST', `/zones/${zoneId}/dns_records`, { body: { type: 'A', name: 'home', content: '198.51.100.4' } });
    const listed = await call('GET', `/zones/${zoneId}/dns_records?type=A&name=home.example.com`);

    expect(badZone.status).toBe(400);
    expect(badZone.body['errors']).toEqual([expect.objectContaining({ code: 7003 }), expect.objectContaining({ code: 7000 })]);
    expect(badContent.status).toBe(400);
    expect(badContent.body['errors']).toEqual([expect.objectContaining({ code: 9005 })]);
    expect(created.body['result']).toEqual(expect.objectContaining({ name: 'home.example.com', proxiable: true, ttl: 1 }));
    expect(listed.body['result_info']).toEqual({ page: 1, per_page: 100, count: 1, total_count: 1, total_pages: 1 });
  });

  it('replaces a record with PUT, resetting what the body omits', async () => {
    fake = await startFakeCloudflare({ token: TOKEN, zones: ['example.com'] });
    const seeded = fake.addRecord({ zone: 'example.com', type: 'A', name: 'home', content: '198.51.100.4', ttl: 300, comment: 'x' });

    const answer = await call('PUT', `/zones/${fake.zoneId('example.com')}/dns_records/${seeded.id}`, {
      body: { type: 'A', name: 'home.example.com', content: '198.51.100.5' },
    });

    expect(answer.status).toBe(200);
    expect(fake.records()[0]).toEqual(expect.objectContaining({ id: seeded.id, content: '198.51.100.5', ttl: 1, comment: null }));
  });
});
