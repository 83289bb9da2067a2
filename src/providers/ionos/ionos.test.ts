import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { createIonosProvider } from './index.js';
import { startFakeIonos } from './fake.js';

const API_KEY = 'unitprefix.unit-ionos-secret-0123';

let fake: RunningFake;
afterEach(async () => {
  await fake.close();
});

function provider(key = API_KEY) {
  return createIonosProvider({ api_key: key }, providerContext({ endpoint: fake.endpoint }));
}

describe('ionos', () => {
  it('sends X-API-Key, lists the zones once, finds the deepest zone and creates with an array body', async () => {
    fake = await startFakeIonos({ apiKey: API_KEY, zones: ['example.com', 'lab.example.com'] });
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true);
    expect(requests.filter((request) => request.path === '/dns/v1/zones')).toHaveLength(1);
    const lab = fake.store.zoneByName('lab.example.com')?.id ?? '';
    const apex = fake.store.zoneByName('example.com')?.id ?? '';
    const find = requests.find((request) => request.path === `/dns/v1/zones/${lab}`);
    expect(find?.query.get('recordName')).toBe('a.lab.example.com');
    expect(find?.query.get('recordType')).toBe('A');
    const creates = requests.filter((request) => request.method === 'POST');
    expect(creates.map((request) => request.path)).toEqual([`/dns/v1/zones/${lab}/records`, `/dns/v1/zones/${apex}/records`]);
    expect(creates.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      [{ name: 'a.lab.example.com', type: 'A', content: '81.2.69.160', ttl: 3600, prio: 0, disabled: false }],
      [{ name: 'example.com', type: 'AAAA', content: '2a02:1388:1000::160', ttl: 3600, prio: 0, disabled: false }],
    ]);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toHaveLength(1);
  });

  it('updates in place with PUT, keeping the record id and its ttl', async () => {
    fake = await startFakeIonos({ apiKey: API_KEY, zones: ['example.com'] });
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1', ttl: 600 });
    const written = await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 600 });
    const last = fake.server?.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.path).toBe(`/dns/v1/zones/${fake.store.zoneByName('example.com')?.id ?? ''}/records/${seeded.id}`);
    expect(JSON.parse(last?.body ?? '{}')).toEqual({ content: '81.2.69.160', ttl: 600, prio: 0, disabled: false });
  });

  it('a wrong key is an auth error naming api_key, without the key; not retried', async () => {
    fake = await startFakeIonos({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider('unitprefix.wrong-secret-value-9').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check api_key/);
    expect(error.message).not.toContain('wrong-secret-value-9');
  });

  it('a name in no zone of the account is not-found, naming what was tried', async () => {
    fake = await startFakeIonos({ apiKey: API_KEY, zones: ['example.com'] });
    const error = await caught(provider().find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tried home.example.org, example.org');
  });

  it('maps 400, 404 and 429 answers to config, not-found and rate-limit', async () => {
    fake = await startFakeIonos({ apiKey: API_KEY, zones: ['example.com'] });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: [{ code: 'INVALID_RECORD', message: 'Record is not valid.' }] } });
    const invalid = await caught(provider().find(spec('home.example.com')));
    expect(invalid).toMatchObject({ kind: 'config' });
    expect(invalid.message).toBe('IONOS GET /dns/v1/zones refused: Record is not valid. (INVALID_RECORD)');
    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: [{ code: 'ZONE_NOT_FOUND', message: 'Zone not found.' }] } });
    expect(await caught(provider().find(spec('home.example.com')))).toMatchObject({ kind: 'not-found' });
    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'retry-after': '7' }, body: [{ code: 'TOO_MANY_REQUESTS', message: 'Too many requests.' }] } });
    expect(await caught(provider().find(spec('home.example.com')))).toMatchObject({ kind: 'rate-limit', retryAfterMs: 7000 });
  });
});
