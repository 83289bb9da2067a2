import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createDomeneshopProvider } from './index.js';
import { startFakeDomeneshop, type FakeDomeneshopOptions } from './fake.js';

const TOKEN = 'unit0domeneshop0token';
const SECRET = 'unit0domeneshop0secret0123';
const BASIC = `Basic ${Buffer.from(`${TOKEN}:${SECRET}`).toString('base64')}`;

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

async function start(zones: string[], extra: Partial<FakeDomeneshopOptions> = {}) {
  fake = await startFakeDomeneshop({ token: TOKEN, secret: SECRET, zones, ...extra });
}

function provider(secret = SECRET) {
  return createDomeneshopProvider({ token: TOKEN, secret }, providerContext({ endpoint: fake.endpoint }));
}

describe('domeneshop', () => {
  it('sends Basic token:secret, lists the domains once and creates by relative host (@ for the apex) in the deepest domain', async () => {
    await start(['example.com', 'lab.example.com']);
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers.authorization === BASIC)).toBe(true);
    expect(requests.filter((request) => request.path === '/v0/domains')).toHaveLength(1);
    const lab = fake.store.zoneByName('lab.example.com')?.id;
    const apex = fake.store.zoneByName('example.com')?.id;
    const finds = requests.filter((request) => request.method === 'GET' && request.path.endsWith('/dns')).map((request) => `${request.path}?${request.query.toString()}`);
    expect(finds).toEqual([`/v0/domains/${lab}/dns?host=a&type=A`, `/v0/domains/${apex}/dns?host=%40&type=AAAA`]);
    const creates = requests.filter((request) => request.method === 'POST').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(creates).toEqual([
      { path: `/v0/domains/${lab}/dns`, body: { host: 'a', type: 'A', data: '81.2.69.160', ttl: 3600 } },
      { path: `/v0/domains/${apex}/dns`, body: { host: '@', type: 'AAAA', data: '2a02:1388:1000::160', ttl: 3600 } },
    ]);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toEqual([expect.objectContaining({ content: '2a02:1388:1000::160', ttl: 3600 })]);
  });

  it('updates in place with PUT of the whole record, keeping the id and its ttl; a ttl is rounded up to a multiple of 60', async () => {
    await start(['example.com']);
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 1200 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 1200 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.path).toBe(`/v0/domains/${fake.store.zoneByName('example.com')?.id}/dns/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '')).toEqual({ host: 'home', type: 'A', data: '81.2.69.160', ttl: 1200 });

    const rounded = await upsert(provider(), { ...spec('home.example.com'), ttl: 90 }, '81.2.69.161');
    expect(rounded).toMatchObject({ id: seeded.id, ttl: 120 });
    expect(fake.store.record(seeded.id)).toMatchObject({ content: '81.2.69.161', ttl: 120 });
  });

  it('a configured zone is looked up with the domain filter, not the whole listing; a domain without DNS service is not a zone', async () => {
    await start(['example.com', 'example.org'], { withoutDns: ['example.org'] });
    await upsert(provider(), { ...spec('home.example.com'), zone: 'example.com' }, '81.2.69.160');
    const listings = (fake.server?.requests ?? []).filter((request) => request.path === '/v0/domains');
    expect(listings.map((request) => request.query.get('domain'))).toEqual(['example.com']);
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain("uses Domeneshop's DNS service");
  });

  it('a wrong secret is an auth error naming the keys, without the secrets; not retried', async () => {
    await start(['example.com']);
    const error = await caught(provider('wrong0domeneshop0secret9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check token and secret/);
    expect(error.message).not.toContain('wrong0domeneshop0secret9');
    expect(error.message).not.toContain(TOKEN);
  });

  it('403 resource:unauthorized is auth; 404 not-found; 429 rate-limit; 400 config with the help text', async () => {
    await start(['example.com']);
    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, body: { code: 'resource:unauthorized' } } });
    const denied = await caught(provider().find(spec('home.example.com')));
    expect(denied.kind).toBe('auth');
    expect(denied.message).toContain('resource:unauthorized');

    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { code: 'resource:unknown' } } });
    expect((await caught(dns.find(spec('home.example.com')))).kind).toBe('not-found');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '7' }, body: { code: 'rate:limited' } } });
    const limited = await caught(provider().find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBe(7000);

    const error = await caught(upsert(dns, { ...spec('home.example.com'), ttl: 700_000 }, '81.2.69.160'));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('Domeneshop POST /domains/…/dns refused (HTTP 400, record:invalid: DNS record failed validation: TTL must be a multiple of 60 between 60 and 604800)');
  });
});
