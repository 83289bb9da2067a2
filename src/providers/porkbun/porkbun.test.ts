import { aaaa, caught, jsonBody, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { startFakePorkbun } from './fake.js';
import { createPorkbunProvider } from './index.js';

const API_KEY = 'pk1_unitPorkbunKey0123';
const SECRET = 'sk1_unitPorkbunSecret0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(apiKey = API_KEY, secret = SECRET) {
  return createPorkbunProvider({ api_key: apiKey, secret_api_key: secret }, providerContext({ endpoint: fake.endpoint }));
}

const requests = () => fake.server?.requests ?? [];
const bodiesTo = (prefix: string) =>
  requests()
    .filter((request) => request.path.startsWith(prefix))
    .map((request) => {
      const { apikey: _key, secretapikey: _secret, ...fields } = jsonBody(request) as Record<string, unknown>;
      const described: Record<string, unknown> = { path: request.path, ...fields };
      return described;
    });
const error = (message: string, status = 400) => ({ kind: 'reply' as const, reply: { status, body: { status: 'ERROR', message } } });

describe('porkbun', () => {
  it('POSTs JSON with both keys in every body, reads by name and type (the apex path ends in "/"), and finds the deepest domain', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com', { ttl: 3600 }), '2a02:1388:1000::160');
    expect(requests().every((request) => request.method === 'POST' && request.headers['content-type'] === 'application/json')).toBe(true);
    expect(requests().every((request) => (jsonBody(request) as Record<string, unknown>)['apikey'] === API_KEY && (jsonBody(request) as Record<string, unknown>)['secretapikey'] === SECRET)).toBe(true);
    expect(bodiesTo('/domain/listAll')).toEqual([{ path: '/domain/listAll', start: '0' }]);
    expect(bodiesTo('/dns/retrieveByNameType').map((request) => request.path)).toEqual(['/dns/retrieveByNameType/lab.example.com/A/a', '/dns/retrieveByNameType/example.com/AAAA/']);
    expect(bodiesTo('/dns/create')).toEqual([
      { path: '/dns/create/lab.example.com', name: 'a', type: 'A', content: '81.2.69.160', ttl: '600' },
      { path: '/dns/create/example.com', name: '', type: 'AAAA', content: '2a02:1388:1000::160', ttl: '3600' },
    ]);
    expect(fake.store.records({ name: 'example.com' })).toEqual([expect.objectContaining({ type: 'AAAA', ttl: 3600 })]);
  });

  it('pages the domains 1000 at a time from start', async () => {
    const zones = Array.from({ length: 1001 }, (_, index) => `zone${String(index).padStart(4, '0')}.example`);
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones });
    const seeded = fake.store.add({ name: 'home.zone1000.example', type: 'A', content: '81.2.69.1', ttl: 1200 });
    expect(await provider().find(spec('home.zone1000.example'))).toMatchObject({ id: seeded.id, content: '81.2.69.1', ttl: 1200 });
    expect(bodiesTo('/domain/listAll').map((request) => request['start'])).toEqual(['0', '1000']);
  });

  it('updates by id with dns/edit, keeping the id and the ttl', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 7200 });
    fake.store.add({ name: 'other.example.com', type: 'A', content: '81.2.69.2' });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 7200 });
    expect(bodiesTo('/dns/edit')).toEqual([{ path: `/dns/edit/example.com/${seeded.id}`, name: 'home', type: 'A', content: '81.2.69.160', ttl: '7200' }]);
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160', ttl: 7200 })]);
  });

  it('sends a wildcard subdomain unescaped', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com'] });
    await upsert(provider(), spec('*.example.com'), '81.2.69.160');
    expect(bodiesTo('/dns/retrieveByNameType').map((request) => request.path)).toEqual(['/dns/retrieveByNameType/example.com/A/*']);
    expect(fake.store.records({ name: '*.example.com' })).toHaveLength(1);
  });

  it('wrong keys are an auth error naming both keys, without them; not retried', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com'] });
    const failure = await caught(provider(API_KEY, 'sk1_wrongSecretValue9').find(spec('home.example.com')));
    expect(failure.kind).toBe('auth');
    expect(failure.retryable).toBe(false);
    expect(failure.message).toBe('Porkbun rejected the API keys: Invalid API key. (002); check api_key and secret_api_key (porkbun.com/account/api)');
    expect(failure.message).not.toContain('sk1_wrongSecretValue9');
  });

  it('a domain without API ACCESS is an auth error saying where to switch it on', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com'], notOptedIn: ['example.com'] });
    const failure = await caught(provider().find(spec('home.example.com')));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toMatch(/Domain is not opted in to API access\.; switch on API ACCESS for the domain/);
  });

  it('maps the other answers: invalid domain is not-found, a 503 page is retried, other errors are config', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com'] });
    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault(error('Invalid domain.'));
    expect((await caught(dns.find(spec('home.example.com')))).kind).toBe('not-found');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 503, body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center>openresty</center></body></html>' } });
    const busy = await caught(dns.find(spec('home.example.com')));
    expect(busy.kind).toBe('transient');
    expect(busy.retryable).toBe(true);
    fake.server?.injectFault(error('Edit error: We were unable to edit the DNS record.'));
    const refused = await caught(dns.update(spec('home.example.com'), { id: '1', name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 600 }, '81.2.69.2'));
    expect(refused.kind).toBe('config');
    expect(refused.message).toBe('Porkbun /dns/edit refused: Edit error: We were unable to edit the DNS record.');
    expect(fake.store.writes).toBe(0);
  });

  it('a name in no domain of the account is not-found', async () => {
    fake = await startFakePorkbun({ apiKey: API_KEY, secretApiKey: SECRET, zones: ['example.com'] });
    expect((await caught(provider().find(spec('home.example.org')))).kind).toBe('not-found');
  });
});
