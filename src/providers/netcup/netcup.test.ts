import { ProviderError } from '../../http/errors.js';
import { aaaa, caught, providerContext, spec, upsert } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { createNetcupProvider } from './index.js';
import { startFakeNetcup, type RunningNetcupFake } from './fake.js';

const CUSTOMER = '424242';
const API_KEY = 'unitNetcupKey0123456789';
const API_PASSWORD = 'unit-netcup-password-0123';

let fake: RunningNetcupFake;
afterEach(async () => {
  await fake.close();
});

async function start(zones = ['example.com']) {
  fake = await startFakeNetcup({ customerNumber: CUSTOMER, apiKey: API_KEY, apiPassword: API_PASSWORD, zones });
}

function provider(overrides: Record<string, unknown> = {}) {
  const context = providerContext({ endpoint: fake.endpoint });
  return { dns: createNetcupProvider({ customer_number: CUSTOMER, api_key: API_KEY, api_password: API_PASSWORD, ...overrides }, context), context };
}

interface Sent {
  action: string;
  param: Record<string, unknown>;
}

const sent = (request: SeenRequest) => JSON.parse(request.body) as Sent;
const actions = () => (fake.server?.requests ?? []).map((request) => sent(request).action);

describe('netcup', () => {
  it('logs in once per run, sends every action with the session to the one JSON endpoint, and finds the domain deepest first', async () => {
    await start();
    const { dns } = provider();
    await upsert(dns, spec('home.example.com'), '81.2.69.160');
    await upsert(dns, aaaa('home.example.com'), '2a02:1388:1000::160');
    await upsert(dns, spec('example.com'), '81.2.69.161');
    const requests = fake.server?.requests ?? [];
    expect(requests.every((request) => request.method === 'POST' && request.path === '/run/webservice/servers/endpoint.php' && request.query.has('JSON'))).toBe(true);
    expect(requests.every((request) => request.headers['content-type'] === 'application/json')).toBe(true);
    expect(actions()).toEqual([
      'login',
      'infoDnsZone', // home.example.com: not a domain
      'infoDnsZone', // example.com
      'infoDnsRecords',
      'updateDnsRecords',
      'infoDnsRecords',
      'updateDnsRecords',
      'infoDnsRecords',
      'updateDnsRecords',
    ]);
    const [login, ...rest] = requests.map(sent);
    expect(login).toEqual({ action: 'login', param: { customernumber: CUSTOMER, apikey: API_KEY, apipassword: API_PASSWORD } });
    const session = rest[0]?.param['apisessionid'];
    expect(typeof session).toBe('string');
    expect(rest.every((request) => request.param['apisessionid'] === session && request.param['apikey'] === API_KEY && request.param['customernumber'] === CUSTOMER)).toBe(true);
    expect(rest.every((request) => !('apipassword' in request.param))).toBe(true);
    expect(rest.slice(0, 2).map((request) => request.param['domainname'])).toEqual(['home.example.com', 'example.com']);
    expect(rest.filter((request) => request.action === 'updateDnsRecords').map((request) => request.param)).toEqual([
      expect.objectContaining({ domainname: 'example.com', dnsrecordset: { dnsrecords: [{ hostname: 'home', type: 'A', destination: '81.2.69.160', deleterecord: false }] } }),
      expect.objectContaining({ domainname: 'example.com', dnsrecordset: { dnsrecords: [{ hostname: 'home', type: 'AAAA', destination: '2a02:1388:1000::160', deleterecord: false }] } }),
      expect.objectContaining({ domainname: 'example.com', dnsrecordset: { dnsrecords: [{ hostname: '@', type: 'A', destination: '81.2.69.161', deleterecord: false }] } }),
    ]);
    expect(fake.store.records({ zone: 'example.com' }).map((record) => [record.name, record.type, record.content])).toEqual([
      ['home.example.com', 'A', '81.2.69.160'],
      ['home.example.com', 'AAAA', '2a02:1388:1000::160'],
      ['example.com', 'A', '81.2.69.161'],
    ]);
    expect(fake.logins()).toBe(1);
  });

  it('takes the new record\'s id from the answer, which lists the whole zone', async () => {
    await start();
    fake.store.add({ name: 'other.example.com', type: 'A', content: '81.2.69.9' });
    const created = await provider().dns.create(spec('home.example.com'), '81.2.69.160');
    const [stored] = fake.store.records({ name: 'home.example.com' });
    expect(created).toEqual({ id: stored?.id, name: 'home.example.com', type: 'A', content: '81.2.69.160', ttl: undefined });
  });

  it('updates in place: the record id is sent and kept', async () => {
    await start();
    const seeded = fake.store.add({ name: 'home.example.com', type: 'A', content: '81.2.69.1' });
    fake.store.add({ name: 'home.example.com', type: 'AAAA', content: '2a02:1388:1000::1' });
    const written = await upsert(provider().dns, spec('home.example.com'), '81.2.69.160');
    expect(written).toMatchObject({ id: seeded.id, content: '81.2.69.160' });
    const last = sent(fake.server?.requests.at(-1) as SeenRequest);
    expect(last.param['dnsrecordset']).toEqual({ dnsrecords: [{ id: seeded.id, hostname: 'home', type: 'A', destination: '81.2.69.160', deleterecord: false }] });
    expect(fake.store.records({ name: 'home.example.com', type: 'A' })).toEqual([expect.objectContaining({ id: seeded.id, content: '81.2.69.160' })]);
  });

  it('an empty zone (5029 on infoDnsRecords) holds no record: the record is created', async () => {
    await start();
    const written = await upsert(provider().dns, spec('home.example.com', { zone: 'example.com' }), '81.2.69.160');
    expect(written.content).toBe('81.2.69.160');
    // A configured zone is used as it is: no infoDnsZone.
    expect(actions()).toEqual(['login', 'infoDnsRecords', 'updateDnsRecords']);
  });

  it('an expired session is replaced by one new login, and the action repeated', async () => {
    await start();
    const { dns } = provider();
    await upsert(dns, spec('home.example.com'), '81.2.69.160');
    fake.expireSessions();
    await upsert(dns, spec('home.example.com'), '81.2.69.161');
    expect(fake.logins()).toBe(2);
    expect(actions().slice(-4)).toEqual(['infoDnsRecords', 'login', 'infoDnsRecords', 'updateDnsRecords']);
    expect(fake.store.records({ name: 'home.example.com' })).toEqual([expect.objectContaining({ content: '81.2.69.161' })]);
  });

  it('a session refused again after a fresh login is an auth error', async () => {
    await start();
    const { dns } = provider();
    await dns.find(spec('home.example.com', { zone: 'example.com' }));
    const refused = { status: 200, body: { serverrequestid: 'x', clientrequestid: '', action: 'infoDnsRecords', status: 'error', statuscode: 4001, shortmessage: 'Api session id in invalid format', longmessage: 'The session id is not in a valid format.', responsedata: '' } };
    fake.server?.injectFault({ kind: 'reply', reply: refused });
    fake.server?.injectFault({ kind: 'reply', reply: refused });
    const error = await caught(dns.find(spec('www.example.com', { zone: 'example.com' })));
    expect(error).toMatchObject({ kind: 'auth', code: '4001' });
    expect(error.message).toContain('check customer_number, api_key and api_password');
    // The same while looking for the domain: not taken for "no such domain".
    fake.server?.injectFault({ kind: 'reply', reply: refused });
    fake.server?.injectFault({ kind: 'reply', reply: refused });
    expect(await caught(dns.find(spec('www.example.com')))).toMatchObject({ kind: 'auth', code: '4001' });
  });

  it('a wrong API key (answered as rate limiting) and a wrong password are auth errors naming the keys, without the secrets; not retried', async () => {
    await start();
    for (const overrides of [{ api_key: 'wrong-netcup-key-99' }, { api_password: 'wrong-netcup-password-99' }]) {
      const error = await caught(provider(overrides).dns.find(spec('home.example.com')));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/^netcup rejected the credentials \(4013: .*\); .*check customer_number, api_key and api_password \(netcup CCP → Master Data → API\)$/);
      expect(error.message).not.toMatch(/wrong-netcup|unitNetcup|unit-netcup/);
    }
    expect(actions()).toEqual(['login', 'login']);
  });

  it('takes customer_number as a TOML integer too', async () => {
    await start();
    await upsert(provider({ customer_number: Number(CUSTOMER) }).dns, spec('home.example.com'), '81.2.69.160');
    expect(sent(fake.server?.requests[0] as SeenRequest).param['customernumber']).toBe(CUSTOMER);
  });

  it('a name in no domain of the account is not-found, naming what was tried', async () => {
    await start();
    const error = await caught(provider().dns.find(spec('home.example.org')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('no netcup domain found for home.example.org (tried home.example.org, example.org; last answer 5029: Domain not found.)');
    expect(error.message).toContain('set zone = "…" in its [[record]]');
  });

  it('a configured zone netcup does not serve is not-found on the write (5028)', async () => {
    await start();
    const error = await caught(upsert(provider().dns, spec('home.example.org', { zone: 'example.org' }), '81.2.69.160'));
    expect(error).toMatchObject({ kind: 'not-found', code: '5028' });
    expect(error.message).toMatch(/^netcup updateDnsRecords: netcup serves no such zone \(5028: .*could not be found\.\); check zone in the \[\[record\]\]/);
  });

  it('the rate-limit answer after login is rate-limit (retried); a validation error is config', async () => {
    await start();
    const { dns } = provider();
    await dns.find(spec('home.example.com'));
    const reply = (statuscode: number, longmessage: string) => ({ status: 200, body: { serverrequestid: 'x', clientrequestid: '', action: 'updateDnsRecords', status: 'error', statuscode, shortmessage: 'Validation Error.', longmessage, responsedata: '' } });
    fake.server?.injectFault({ kind: 'reply', reply: reply(4013, 'More than 180 requests per minute. Please wait and retry later.') });
    const limited = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(limited).toMatchObject({ kind: 'rate-limit', retryable: true });
    fake.server?.injectFault({ kind: 'reply', reply: reply(4013, 'Value in field destination does not match requirements of type: A.') });
    const refused = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(refused).toMatchObject({ kind: 'config', retryable: false });
    expect(refused.message).toBe('netcup updateDnsRecords refused (4013: Value in field destination does not match requirements of type: A.)');
  });

  it('a status other than success or error is not taken as done', async () => {
    await start();
    const { dns } = provider();
    await dns.find(spec('home.example.com'));
    fake.server?.injectFault({ kind: 'reply', reply: { status: 200, body: { serverrequestid: 'x', clientrequestid: '', action: 'updateDnsRecords', status: 'pending', statuscode: 2000, shortmessage: 'Pending', longmessage: 'Request is pending.', responsedata: '' } } });
    const error = await caught(dns.create(spec('home.example.com'), '81.2.69.160'));
    expect(error.kind).toBe('protocol');
    expect(error.message).toContain('status "pending"');
  });

  it('a record ttl is not sent, with one warning', async () => {
    await start();
    const { dns, context } = provider();
    await upsert(dns, spec('home.example.com', { ttl: 300 }), '81.2.69.160');
    await upsert(dns, spec('home.example.com', { ttl: 300 }), '81.2.69.161');
    expect(context.warnings).toEqual(['netcup: ttl = 300 of A home.example.com is not sent: a netcup zone has one TTL, set in the CCP (Domains → DNS)']);
    expect((fake.server?.requests ?? []).every((request) => !request.body.includes('"ttl"'))).toBe(true);
  });
});
