import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { createHttpClient, type HttpClient } from '../../http/client.js';
import { createScalewayProvider } from './index.js';
import { startFakeScaleway } from './fake.js';

const SECRET_KEY = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = SECRET_KEY) {
  return createScalewayProvider({ secret_key: key }, providerContext({ endpoint: fake.endpoint }));
}

const requests = (): SeenRequest[] => fake.server?.requests ?? [];
const patches = () => requests().filter((request) => request.method === 'PATCH');
const bodyOf = (request: SeenRequest | undefined) => JSON.parse(request?.body ?? 'null') as unknown;
const errorReply = (status: number, body: object) => ({ status, headers: { 'Content-Type': 'application/json' }, body });

describe('scaleway', () => {
  it('sends X-Auth-Token, names relative to the zone ("" for the apex), and picks the deepest zone (a sub-zone)', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    expect(requests().every((request) => request.headers['x-auth-token'] === SECRET_KEY && request.headers.authorization === undefined)).toBe(true);
    expect(patches().map((request) => request.path)).toEqual(['/domain/v2beta1/dns-zones/lab.example.com/records', '/domain/v2beta1/dns-zones/example.com/records']);
    expect(patches().map((request) => request.headers['content-type'])).toEqual(['application/json', 'application/json']);
    expect(patches().map(bodyOf)).toEqual([
      { changes: [{ add: { records: [{ name: 'a', type: 'A', data: '81.2.69.160', ttl: 3600 }] } }], return_all_records: false, disallow_new_zone_creation: true },
      { changes: [{ add: { records: [{ name: '', type: 'AAAA', data: '2a02:1388:1000::160', ttl: 3600 }] } }], return_all_records: false, disallow_new_zone_creation: true },
    ]);
    // One zone listing for both records.
    expect(requests().filter((request) => request.path === '/domain/v2beta1/dns-zones')).toHaveLength(1);
    const listing = requests().find((request) => request.path.endsWith('/records') && request.method === 'GET');
    expect(listing?.query.get('type')).toBe('A');
    expect(listing?.query.get('page_size')).toBe('100');
    expect(fake.store.records({ zone: 'lab.example.com' })).toEqual([expect.objectContaining({ name: 'a.lab.example.com', content: '81.2.69.160' })]);
  });

  it('reads every page of zones and of records', async () => {
    const zones = Array.from({ length: 230 }, (_unused, index) => `zone${index}.example`);
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones });
    for (let index = 0; index < 150; index++) fake.store.add({ name: `h${index}.zone229.example`, type: 'A', content: '81.2.69.1' });
    fake.store.add({ name: 'home.zone229.example', type: 'A', content: '81.2.69.1', ttl: 900 });
    const found = await provider().find(spec('home.zone229.example'));
    expect(found).toMatchObject({ content: '81.2.69.1', ttl: 900 });
    expect(requests().filter((request) => request.path === '/domain/v2beta1/dns-zones').map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
    expect(requests().filter((request) => request.path.endsWith('/records')).map((request) => request.query.get('page'))).toEqual(['1', '2']);
  });

  it('replaces the record by id with set, keeping its ttl, and leaves another record of the name alone', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    expect(bodyOf(patches()[0])).toEqual({
      changes: [{ set: { id: seeded.id, records: [{ name: '', type: 'A', data: '81.2.69.160', ttl: 1200 }] } }],
      return_all_records: false,
      disallow_new_zone_creation: true,
    });
    expect(fake.store.records({ name: 'example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 1200 })]);
  });

  it('confirms from a fresh listing when the PATCH answer does not show the record', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] });
    // The write goes through, but its answer lists no record (what return_all_records: false may give).
    const real = createHttpClient({ timeoutMs: 2000 });
    const http: HttpClient = {
      async request(request) {
        const response = await real.request(request);
        return request.method === 'PATCH' ? { ...response, text: '{"records":[]}' } : response;
      },
    };
    const dns = createScalewayProvider({ secret_key: SECRET_KEY }, providerContext({ endpoint: fake.endpoint, http }));
    const created = await dns.create(spec('home.example.com'), '81.2.69.160');
    const [stored] = fake.store.records({ name: 'home.example.com' });
    expect(created).toMatchObject({ id: stored?.id, content: '81.2.69.160' });
    expect(requests().map((request) => request.method)).toEqual(['GET', 'PATCH', 'GET']);
  });

  it('a wrong secret key is an auth error naming secret_key, without the key; not retried', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] });
    const error = await caught(provider('ffffffff-0000-4000-8000-000000000000').find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'Scaleway rejected the secret key (HTTP 401 denied_authentication: authentication is denied); check secret_key (Scaleway console → IAM → API keys: the secret key, not the access key)',
    );
  });

  it('a missing permission is an auth error naming the IAM permission set', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: errorReply(403, { message: 'insufficient permissions', type: 'permissions_denied', details: [{ resource: 'dns_zone', action: 'read' }] }) });
    const error = await caught(provider().find(spec('home.example.com')));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('DomainsDNSFullAccess');
  });

  it('a name in no zone is not-found naming what was tried; a configured unknown zone is not-found', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
    const configured = await caught(provider().find(spec('home.example.org', { zone: 'example.org' })));
    expect(configured.kind).toBe('not-found');
  });

  it('invalid arguments are a one-line config error with the argument and its help; 429 is rate-limit', async () => {
    fake = await startFakeScaleway({ secretKey: SECRET_KEY, zones: ['example.com'] });
    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({
      kind: 'reply',
      reply: errorReply(400, { message: 'invalid argument(s)', type: 'invalid_arguments', details: [{ argument_name: 'ttl', reason: 'constraint', help_message: 'must be greater than 60' }] }),
    });
    const refused = await caught(dns.create(spec('home.example.com', { ttl: 5 }), '81.2.69.160'));
    expect(refused).toMatchObject({ kind: 'config', retryable: false });
    expect(refused.message).toBe('Scaleway refused PATCH /domain/v2beta1/dns-zones/…/records (HTTP 400 invalid_arguments: invalid argument(s); ttl: must be greater than 60)');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '7' }, body: { message: 'rate limit exceeded', type: 'too_many_requests' } } });
    const limited = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(limited).toMatchObject({ kind: 'rate-limit', retryAfterMs: 7000 });
  });
});
