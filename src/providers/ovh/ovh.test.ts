import { ProviderError } from '../../http/errors.js';
import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import { createOvhProvider } from './index.js';
import { OvhClient } from './client.js';
import { startFakeOvh, type FakeOvhOptions, type RunningOvhFake } from './fake.js';
import { ovhSignature } from './signature.js';

const APPLICATION_KEY = 'unitOvhAppKey012';
const APPLICATION_SECRET = 'unit0ovh0application0secret01';
const CONSUMER_KEY = 'unit0ovh0consumer0key0123456789';

let fake: RunningOvhFake;
let started = false;
afterEach(async () => {
  if (started) await fake.close();
  started = false;
});

async function start(zones: string[], extra: Partial<FakeOvhOptions> = {}): Promise<RunningOvhFake> {
  fake = await startFakeOvh({ applicationKey: APPLICATION_KEY, applicationSecret: APPLICATION_SECRET, consumerKey: CONSUMER_KEY, zones, ...extra });
  started = true;
  return fake;
}

function provider(applicationSecret = APPLICATION_SECRET) {
  return createOvhProvider({ application_key: APPLICATION_KEY, application_secret: applicationSecret, consumer_key: CONSUMER_KEY }, providerContext({ endpoint: fake.endpoint }));
}

/** A request signed by hand, as any OVHcloud client would send it. */
async function signedFetch(method: string, path: string, body: string, timestamp: number, secret = APPLICATION_SECRET): Promise<Response> {
  const url = `${fake.endpoint}${path}`;
  const signature = ovhSignature({ applicationSecret: secret, consumerKey: CONSUMER_KEY, method, url, body, timestamp });
  return fetch(url, {
    method,
    headers: { 'X-Ovh-Application': APPLICATION_KEY, 'X-Ovh-Consumer': CONSUMER_KEY, 'X-Ovh-Timestamp': String(timestamp), 'X-Ovh-Signature': signature, ...(body === '' ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === '' ? {} : { body }),
  });
}

describe('ovh', () => {
  it('signs as OVHcloud\'s own go-ovh tests expect, and as the guide\'s example keys give (edgeweir vector)', () => {
    // ovh/go-ovh ovh/ovh_test.go: MockApplicationSecret, MockConsumerKey, MockTime, /1.0/auth.
    const goOvh = { applicationSecret: '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk', consumerKey: '5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY', url: 'https://eu.api.ovh.com/1.0/auth', timestamp: 1457018875 };
    expect(ovhSignature({ ...goOvh, method: 'GET', body: '' })).toBe('$1$e9556054b6309771395efa467c22e627407461ad');
    expect(ovhSignature({ ...goOvh, method: 'POST', body: '{"a":"b","c":"d"}' })).toBe('$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1');
    expect(ovhSignature({ ...goOvh, method: 'PUT', body: '{"a":"b","c":"d"}' })).toBe('$1$8a75a9e7c8e7296c9dbeda6a2a735eb6bd58ec4b');
    // The "First steps with the OVHcloud APIs" example keys (AS, CK), as signed in marvinli001/edgeweir's OVH test.
    expect(
      ovhSignature({ applicationSecret: 'EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF', consumerKey: 'MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1', method: 'GET', url: 'https://eu.api.ovh.com/1.0/domain/zone', body: '', timestamp: 1366560945 }),
    ).toBe('$1$eba73e191a24380e0d8f7ab822e7166c788b2dec');
  });

  it('reads the clock once, signs every call, creates by subDomain ("" for the apex) in the deepest zone and refreshes it', async () => {
    await start(['example.com', 'lab.example.com']);
    const dns = provider();
    await upsert(dns, spec('a.lab.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('example.com'), '2a02:1388:1000::160');
    const requests = fake.server?.requests ?? [];
    expect(requests.filter((request) => request.path === '/1.0/auth/time')).toHaveLength(1);
    expect(requests.filter((request) => request.path === '/1.0/domain/zone')).toHaveLength(1);
    const signed = requests.filter((request) => request.path !== '/1.0/auth/time');
    expect(signed.every((request) => request.headers['x-ovh-application'] === APPLICATION_KEY && request.headers['x-ovh-consumer'] === CONSUMER_KEY && /^\$1\$[0-9a-f]{40}$/.test(String(request.headers['x-ovh-signature'])))).toBe(true);
    expect(requests.filter((request) => request.method === 'GET' && request.path.endsWith('/record')).map((request) => `${request.path}?${request.query.toString()}`)).toEqual([
      '/1.0/domain/zone/lab.example.com/record?fieldType=A&subDomain=a',
      '/1.0/domain/zone/example.com/record?fieldType=AAAA&subDomain=',
    ]);
    const creates = requests.filter((request) => request.method === 'POST' && request.path.endsWith('/record')).map((request) => JSON.parse(request.body) as unknown);
    expect(creates).toEqual([
      { fieldType: 'A', subDomain: 'a', target: '81.2.69.160', ttl: 0 },
      { fieldType: 'AAAA', subDomain: '', target: '2a02:1388:1000::160', ttl: 0 },
    ]);
    expect([...fake.refreshes]).toEqual([['lab.example.com', 1], ['example.com', 1]]);
    expect(fake.store.records({ name: 'example.com', type: 'AAAA' })).toHaveLength(1);
  });

  it('signs with the server\'s clock from /auth/time when this machine\'s clock is an hour off', async () => {
    await start(['example.com'], { clockOffsetSeconds: -3600 });
    await upsert(provider(), spec('home.example.com'), '81.2.69.160');
    const stamps = (fake.server?.requests ?? []).filter((request) => request.path !== '/1.0/auth/time').map((request) => Number(request.headers['x-ovh-timestamp']));
    expect(stamps.length).toBeGreaterThan(0);
    for (const stamp of stamps) expect(Math.abs(stamp - fake.serverTime())).toBeLessThanOrEqual(2);
  });

  it('the fake verifies the signature itself and refuses a timestamp more than 30 s off, a wrong secret and a changed body', async () => {
    await start(['example.com']);
    const now = fake.serverTime();
    expect((await signedFetch('GET', '/domain/zone', '', now - 20)).status).toBe(200);
    const stale = await signedFetch('GET', '/domain/zone', '', now - 35);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({ errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' });
    expect((await signedFetch('GET', '/domain/zone', '', now + 35)).status).toBe(400);
    expect((await signedFetch('GET', '/domain/zone', '', now, 'another-secret')).status).toBe(400);
    const body = '{"fieldType":"A","subDomain":"home","target":"81.2.69.160","ttl":0}';
    const url = `${fake.endpoint}/domain/zone/example.com/record`;
    const signature = ovhSignature({ applicationSecret: APPLICATION_SECRET, consumerKey: CONSUMER_KEY, method: 'POST', url, body, timestamp: now });
    const tampered = await fetch(url, { method: 'POST', headers: { 'X-Ovh-Application': APPLICATION_KEY, 'X-Ovh-Consumer': CONSUMER_KEY, 'X-Ovh-Timestamp': String(now), 'X-Ovh-Signature': signature }, body: body.replace('160', '161') });
    expect(tampered.status).toBe(400);
    expect(fake.store.records()).toHaveLength(0);
  });

  it('updates in place (id kept), reads the record back, refreshes; the LIKE-matched subDomain filter is narrowed to the exact name', async () => {
    await start(['example.com']);
    fake.store.add({ name: 'axb.example.com', type: 'A', content: '81.2.69.9' });
    const seeded = fake.store.add({ name: 'a_b.example.com', type: 'A', content: '81.2.69.1', ttl: 3600 });
    const written = await upsert(provider(), spec('a_b.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160', ttl: 3600 });
    const requests = fake.server?.requests ?? [];
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.path).toBe(`/1.0/domain/zone/example.com/record/${seeded.id}`);
    expect(JSON.parse(put?.body ?? '')).toEqual({ target: '81.2.69.160', ttl: 3600 });
    expect(requests.slice(-2).map((request) => `${request.method} ${request.path}`)).toEqual([`GET /1.0/domain/zone/example.com/record/${seeded.id}`, 'POST /1.0/domain/zone/example.com/refresh']);
    expect(fake.store.records({ name: 'axb.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.9' })]);
    expect(fake.refreshes.get('example.com')).toBe(1);
  });

  it('a refresh that failed is retried before the zone is read again (the retry finds the record already written)', async () => {
    await start(['example.com']);
    const dns = provider();
    fake.failRefreshes(1);
    const failed = await caught(upsert(dns, spec('home.example.com'), '81.2.69.160'));
    expect(failed.kind).toBe('transient');
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.160' })]);
    expect(fake.refreshes.get('example.com')).toBeUndefined();
    const found = await dns.find(spec('home.example.com'));
    expect(found?.content).toBe('81.2.69.160');
    expect(fake.refreshes.get('example.com')).toBe(1);
    await dns.find(spec('home.example.com'));
    expect(fake.refreshes.get('example.com')).toBe(1);
  });

  it('a wrong secret (INVALID_SIGNATURE) is an auth error naming the keys, without the secrets; not retried', async () => {
    await start(['example.com']);
    const error = await caught(provider('wrong0ovh0secret0999').find(spec('home.example.com')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check application_secret and consumer_key/);
    expect(error.message).toContain('query id EU.fake.0001');
    expect(error.message).not.toContain('wrong0ovh0secret0999');
    expect(error.message).not.toContain(CONSUMER_KEY);
  });

  it('403 not granted names the consumer key rules; INVALID_CREDENTIAL auth; 404 not-found; 429 rate-limit; 400 config; /auth/time 502 transient', async () => {
    await start(['example.com']);
    const missing = await caught(provider().find(spec('home.example.org')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('tried home.example.org, example.org');

    const dns = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, body: { class: 'Client::Forbidden', message: 'This call has not been granted' } } });
    const denied = await caught(dns.find(spec('home.example.com')));
    expect(denied.kind).toBe('auth');
    expect(denied.message).toContain('GET/POST/PUT /domain/zone/*');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 403, body: { errorCode: 'INVALID_CREDENTIAL', httpCode: '403 Forbidden', message: 'This credential is not valid' } } });
    expect((await caught(dns.find(spec('home.example.com')))).message).toMatch(/rejected the API credentials .*This credential is not valid/);

    fake.server?.injectFault({ kind: 'reply', reply: { status: 404, body: { class: 'Client::NotFound', message: 'This service does not exist' } } });
    expect((await caught(dns.find(spec('home.example.com')))).kind).toBe('not-found');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 429, headers: { 'Retry-After': '3' }, body: { class: 'Client::TooManyRequests', message: 'Too many requests' } } });
    const limited = await caught(dns.find(spec('home.example.com')));
    expect(limited.kind).toBe('rate-limit');
    expect(limited.retryAfterMs).toBe(3000);

    fake.server?.injectFault({ kind: 'reply', reply: { status: 400, body: { class: 'Client::BadRequest', message: 'Invalid target' } } });
    const refused = await caught(dns.find(spec('home.example.com')));
    expect(refused.kind).toBe('config');
    expect(refused.message).toBe('OVHcloud GET /domain/zone/…/record refused (HTTP 400, Client::BadRequest: Invalid target)');

    fake.server?.injectFault({ kind: 'reply', reply: { status: 502, body: 'bad gateway' } });
    const clock = await caught(new OvhClient({ http: providerContext().http, applicationKey: APPLICATION_KEY, applicationSecret: APPLICATION_SECRET, consumerKey: CONSUMER_KEY, region: 'ovh-eu', endpoint: fake.endpoint }).listZones());
    expect(clock.kind).toBe('transient');
    expect(clock.message).toContain('GET /auth/time');
  });
});
