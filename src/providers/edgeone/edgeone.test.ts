import { caught, providerContext, spec, upsert, aaaa } from '../../../test/helpers/provider-context.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';
import { EDGEONE_DIALECT } from './client.js';
import { createEdgeoneProvider } from './index.js';
import { startFakeEdgeone } from './fake.js';

const ID = 'AKIDunitEdgeone0123';
const KEY = 'unitEdgeoneSecret0123456789';

let running: RunningFake | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(zones = ['example.com']): Promise<RunningFake> {
  running = await startFakeEdgeone({ secretId: ID, secretKey: KEY, zones });
  return running;
}

function provider(fake: RunningFake, secret = KEY) {
  const context = providerContext({ endpoint: fake.endpoint });
  return { dns: createEdgeoneProvider({ secret_id: ID, secret_key: secret }, context), warnings: context.warnings };
}

const bodies = (fake: RunningFake, action: string): Record<string, unknown>[] =>
  (fake.server?.requests ?? []).filter((request: SeenRequest) => request.headers['x-tc-action'] === action).map((request) => JSON.parse(request.body) as Record<string, unknown>);

// The TC3 signer is DNSPod's, checked against Tencent's published example in src/providers/dnspod/dnspod-signer.test.ts;
// here every request passes the fake's own TC3 verifier with service "teo".
describe('edgeone', () => {
  it('creates A and AAAA with exact filters and the default TTL, then modifies in place', async () => {
    const fake = await start();
    const { dns } = provider(fake);
    await upsert(dns, spec('home.example.com', 'A'), '203.0.113.7');
    await upsert(dns, aaaa('home.example.com'), '2001:db8::7');
    expect(bodies(fake, 'DescribeDnsRecords')[0]).toMatchObject({ Limit: 100, Offset: 0, Filters: [{ Name: 'name', Values: ['home.example.com'], Fuzzy: false }, { Name: 'type', Values: ['A'] }] });
    expect(bodies(fake, 'CreateDnsRecord')[0]).toMatchObject({ Name: 'home.example.com', Type: 'A', Content: '203.0.113.7', TTL: 300 });
    await upsert(dns, spec('home.example.com', 'A'), '203.0.113.8');
    expect(bodies(fake, 'ModifyDnsRecords')[0]).toMatchObject({ DnsRecords: [{ Type: 'A', Content: '203.0.113.8', TTL: 300 }] });
    expect(fake.store.records({ name: 'home.example.com' }).map((record) => record.content).sort()).toEqual(['2001:db8::7', '203.0.113.8']);
  });

  it('pages DescribeZones by Offset', async () => {
    const zones = Array.from({ length: 101 }, (_, index) => `zone${index}.example`);
    zones.push('example.com');
    const fake = await start(zones);
    const { dns } = provider(fake);
    expect(await dns.find(spec('home.example.com', 'A'))).toBeUndefined();
    expect(bodies(fake, 'DescribeZones').map((body) => body['Offset'])).toEqual([0, 100]);
  });

  it('maps a wrong secret to auth naming the keys, without the secret', async () => {
    const fake = await start();
    const { dns } = provider(fake, 'wrongSecret0123456789');
    const error = await caught(dns.find(spec('home.example.com', 'A')));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/AuthFailure\.SignatureFailure.*check secret_id and secret_key/);
    expect(error.message).not.toContain('wrongSecret');
  });

  it('maps rate-limit, record-exists and clock codes', () => {
    expect(EDGEONE_DIALECT.meaningOf('RequestLimitExceeded')).toBe('rate-limit');
    expect(EDGEONE_DIALECT.meaningOf('RequestLimitExceeded.UinLimitExceeded')).toBe('rate-limit');
    expect(EDGEONE_DIALECT.meaningOf('InvalidParameter.DnsRecordExist')).toBe('conflict');
    expect(EDGEONE_DIALECT.meaningOf('AuthFailure.SignatureExpire')).toBe('clock-skew');
    expect(EDGEONE_DIALECT.meaningOf('AuthFailure.SecretIdNotFound')).toBe('credentials');
    expect(EDGEONE_DIALECT.meaningOf('UnauthorizedOperation')).toBe('permission');
  });
});
