import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import { createAzureProvider } from './index.js';
import { startFakeAzure, type FakeAzureOptions, type RunningAzureFake } from './fake.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const SECRET = 'unit~Q8X8Q~secretValue0123456789';
const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const GROUP = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/dns-rg/providers/Microsoft.Network/dnsZones';

let fake: RunningAzureFake;
afterEach(async () => {
  await fake.close();
});

async function start(overrides: Partial<FakeAzureOptions> = {}) {
  fake = await startFakeAzure({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, subscriptionId: SUBSCRIPTION, resourceGroup: 'dns-rg', zones: ['example.com', 'lab.example.com'], ...overrides });
  return fake;
}

function provider(overrides: Record<string, string> = {}) {
  const options = { tenant_id: TENANT, client_id: CLIENT, client_secret: SECRET, subscription_id: SUBSCRIPTION, resource_group: 'dns-rg', ...overrides };
  const context = providerContext({ endpoint: fake.endpoint });
  return { dns: createAzureProvider(options, context), context };
}

const requests = () => fake.server?.requests ?? [];

describe('azure', () => {
  it('asks Entra once per run for an ARM token (client credentials form), then sends it as Bearer on every ARM request', async () => {
    await start();
    const { dns } = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const [token, ...arm] = requests();
    expect(token?.method).toBe('POST');
    expect(token?.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET, scope: 'https://management.azure.com/.default' });
    expect(fake.tokensIssued()).toBe(1);
    expect(arm.every((request) => request.headers.authorization === 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake.1')).toBe(true);
    expect(arm.every((request) => request.query.get('api-version') === '2018-05-01')).toBe(true);
    expect(arm.filter((request) => request.path === GROUP)).toHaveLength(1);
    const puts = arm.filter((request) => request.method === 'PUT').map((request) => ({ path: request.path, body: JSON.parse(request.body) as unknown }));
    expect(puts).toEqual([
      { path: `${GROUP}/lab.example.com/A/a`, body: { properties: { TTL: 3600, ARecords: [{ ipv4Address: '81.2.69.160' }] } } },
      { path: `${GROUP}/example.com/AAAA/%40`, body: { properties: { TTL: 3600, AAAARecords: [{ ipv6Address: '2a02:1388:1000::160' }] } } },
    ]);
    expect(fake.store.records({ name: 'a.lab.example.com', type: 'A' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 3600 })]);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toHaveLength(1);
  });

  it('reads every page of the resource group\'s zones by nextLink (250 zones, 100 per page)', async () => {
    await start({ zones: Array.from({ length: 250 }, (_unused, index) => `zone${index}.example`) });
    await upsert(provider().dns, spec('home.zone249.example'), '81.2.69.160');
    const pages = requests().filter((request) => request.path === GROUP).map((request) => [request.query.get('$top'), request.query.get('$skipToken')]);
    expect(pages).toEqual([['100', null], ['100', '100'], ['100', '200']]);
    expect(fake.store.records({ name: 'home.zone249.example' })).toHaveLength(1);
  });

  it('updates the record set in place (same id), keeping its ttl; a set of several addresses is replaced by one, with a warning', async () => {
    await start();
    fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1\n81.2.69.2', ttl: 120 });
    const { dns, context } = provider();
    const found = await dns.find(spec('home.example.com'));
    expect(found).toMatchObject({ content: '81.2.69.1, 81.2.69.2', ttl: 120 });
    expect(context.warnings.join('\n')).toMatch(/holds 2 addresses/);
    const written = await dns.update(spec('home.example.com'), found ?? { id: '', name: '', type: 'A', content: '', ttl: undefined }, '81.2.69.160');
    expect(written).toMatchObject({ id: found?.id, content: '81.2.69.160', ttl: 120 });
    expect(found?.id).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/dns-rg/providers/Microsoft.Network/dnszones/example.com/A/home`);
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160', ttl: 120 })]);
    expect(JSON.parse(requests().at(-1)?.body ?? '')).toEqual({ properties: { TTL: 120, ARecords: [{ ipv4Address: '81.2.69.160' }] } });
  });

  it('a token that expires during the run is fetched again', async () => {
    await start({ tokenLifetimeSeconds: 30 });
    const { dns } = provider();
    await dns.find(spec('home.example.com'));
    await dns.find(spec('home.example.com'));
    // 30 s is within the minute's margin: each ARM request (zones, then two reads) gets a fresh token rather than one about to end.
    expect(fake.tokensIssued()).toBe(3);
  });

  it.each([
    ['a wrong client secret (AADSTS7000215)', { client_secret: 'wrong~secret-value-zzz' }, 'auth', /invalid client secret; check client_secret/],
    ['an unknown app (AADSTS700016)', { client_id: '99999999-8888-7777-6666-555555555555' }, 'auth', /check client_id/],
    ['an unknown tenant (AADSTS90002)', { tenant_id: '00000000-0000-0000-0000-000000000000' }, 'config', /check tenant_id/],
  ])('%s: a one-line error naming the key, without the secret; not retried', async (_label, overrides, kind, pattern) => {
    await start();
    const error = await caught(provider(overrides).dns.find(spec('home.example.com')));
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toMatch(/\n|Trace ID/);
    expect(error.message).not.toContain('wrong~secret-value-zzz');
    expect(error.message).not.toContain(SECRET);
  });

  it('no role on the resource group is auth (naming the role); a wrong group or subscription is config naming the key', async () => {
    await start({ noRole: true });
    const denied = await caught(provider().dns.find(spec('home.example.com')));
    expect(denied.kind).toBe('auth');
    expect(denied.message).toMatch(/DNS Zone Contributor/);
    await fake.close();

    await start();
    const group = await caught(provider({ resource_group: 'other-rg' }).dns.find(spec('home.example.com')));
    expect(group.kind).toBe('config');
    expect(group.message).toMatch(/check resource_group/);
    const subscription = await caught(provider({ subscription_id: '99999999-2222-3333-4444-555555555555' }).dns.find(spec('home.example.com')));
    expect(subscription.message).toMatch(/check subscription_id/);
  });

  it('an expired token is auth; 429 rate-limit with Retry-After; a name in no zone of the group is not-found', async () => {
    await start();
    const { dns } = provider();
    await dns.find(spec('home.example.com'));
    fake.expireTokens();
    const expired = await caught(dns.find(spec('home.example.com')));
    expect(expired.kind).toBe('auth');
    expect(expired.message).toMatch(/ExpiredAuthenticationToken/);

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } } } });
    const limited = await caught(provider().dns.find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBe(7000);

    const none = await caught(provider().dns.find(spec('home.example.org')));
    expect(none.kind).toBe('not-found');
    expect(none.message).toContain('tried home.example.org, example.org');
  });
});
