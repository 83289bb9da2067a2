import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { ESA_DIALECT } from './client.js';
import { createAliesaProvider } from './index.js';
import { startFakeEsa } from './fake.js';

const AK = 'LTAI5tUnitAliesa0123';
const SK = 'unitAliesaSecret0123456789';

let running: RunningFake | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(zones = ['example.com']): Promise<RunningFake> {
  running = await startFakeEsa({ accessKeyId: AK, accessKeySecret: SK, zones });
  return running;
}

function provider(fake: RunningFake, secret = SK) {
  const context = providerContext({ endpoint: fake.endpoint });
  return { dns: createAliesaProvider({ access_key_id: AK, access_key_secret: secret }, context), warnings: context.warnings };
}

const paramsOf = (request: SeenRequest): URLSearchParams => (request.method === 'POST' ? new URLSearchParams(request.body) : request.query);
const calls = (fake: RunningFake, action: string): URLSearchParams[] => (fake.server?.requests ?? []).map(paramsOf).filter((params) => params.get('Action') === action);

// ESA publishes no worked example of its own: the V1 signer is Alidns', checked against Alibaba's
// published example in src/providers/alidns/alidns-signer.test.ts; here every request passes the fake's verifier.
describe('aliesa', () => {
  it('creates A and AAAA with exact ListRecords, JSON Data and the automatic TTL, then updates in place', async () => {
    const fake = await start();
    const { dns } = provider(fake);
    await upsert(dns, spec('home.example.com', 'A'), '203.0.113.7');
    await upsert(dns, aaaa('home.example.com'), '2001:db8::7');
    const list = calls(fake, 'ListRecords')[0];
    expect(list?.get('RecordMatchType')).toBe('exact');
    expect(list?.get('PageSize')).toBe('500');
    expect(list?.get('RecordName')).toBe('home.example.com');
    const create = calls(fake, 'CreateRecord')[0];
    expect(create?.get('Data')).toBe('{"Value":"203.0.113.7"}');
    expect(create?.get('Ttl')).toBe('1');
    expect(create?.get('Proxied')).toBe('false');
    await upsert(dns, spec('home.example.com', 'A'), '203.0.113.8');
    expect(calls(fake, 'UpdateRecord')[0]?.get('Ttl')).toBe('1');
    expect(fake.store.records({ name: 'home.example.com' }).map((record) => record.content).sort()).toEqual(['2001:db8::7', '203.0.113.8']);
  });

  it('reads every page of ListSites', async () => {
    const zones = Array.from({ length: 501 }, (_, index) => `zone${index}.example`);
    zones.push('example.com');
    const fake = await start(zones);
    const { dns } = provider(fake);
    expect(await dns.find(spec('home.example.com', 'A'))).toBeUndefined();
    expect(calls(fake, 'ListSites').map((params) => params.get('PageNumber'))).toEqual(['1', '2']);
  });

  it('maps a wrong secret to auth naming the keys, without the secret', async () => {
    const fake = await start();
    const { dns } = provider(fake, 'wrongSecret0123456789');
    const error = await caught(dns.find(spec('home.example.com', 'A')));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/SignatureDoesNotMatch.*check access_key_id and access_key_secret/);
    expect(error.message).not.toContain('wrongSecret');
  });

  it('maps Throttling to rate-limit, record-exists codes to conflict and clock codes to clock-skew', () => {
    expect(ESA_DIALECT.meaningOf('Throttling.User')).toBe('rate-limit');
    expect(ESA_DIALECT.meaningOf('Throttling.Api')).toBe('rate-limit');
    expect(ESA_DIALECT.meaningOf('Record.Exist')).toBe('conflict');
    expect(ESA_DIALECT.meaningOf('RecordDuplicate')).toBe('conflict');
    expect(ESA_DIALECT.meaningOf('InvalidTimeStamp.Expired')).toBe('clock-skew');
    expect(ESA_DIALECT.meaningOf('Forbidden.RAM')).toBe('permission');
  });
});
