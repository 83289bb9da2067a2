import dnsPacket from 'dns-packet';
import { ProviderError, type ProviderErrorKind } from '../../http/errors.js';
import { startFakeRfc2136, type FakeDnsReply, type FakeRfc2136, type SeenDnsMessage } from './fake.js';
import { createRfc2136Provider, createRfc2136ProviderWith, describeClockSkew } from './index.js';
import { decodeSecret, splitSignedMessage, TSIG_ERROR, type TsigKey } from './tsig.js';
import { skipName } from './wire.js';
import type { Provider, RecordSpec } from '../types.js';
import { caught } from '../../../test/helpers/provider-context.js';

/**
 * The provider against the fake authoritative server of fake.ts on 127.0.0.1 (UDP and TCP on one
 * port), scripted for what a real BIND cannot easily be made to do: SERVFAIL, REFUSED updates,
 * truncation, silence, bad signatures. The end-to-end behaviour against BIND itself is in
 * rfc2136-bind.test.ts.
 */

const SECRET = 'c2NyaXB0ZWQtc2VydmVyLXNlY3JldC0wMTIzNDU2Nzg5';
const KEY: TsigKey = { name: 'ddns-key', algorithm: 'hmac-sha256', secret: decodeSecret(SECRET) };

type SeenMessage = SeenDnsMessage;
type Reply = FakeDnsReply;

/** The uncompressed name at `offset` (requests are ours: never compressed before the first RR), via dns-packet. */
function nameAt(raw: Buffer, offset: number): string {
  const question = Buffer.concat([Buffer.from('000000000001000000000000', 'hex'), raw.subarray(offset, skipName(raw, offset)), Buffer.from('00010001', 'hex')]);
  return (dnsPacket.decode(question).questions?.[0]?.name ?? '').toLowerCase();
}

/**
 * Zone example.test as a server whose answers to A/AAAA queries leave out the authority section
 * (so that the zone is found with an SOA query) unless a test turns `zoneHints` on.
 */
function startZone(): Promise<FakeRfc2136> {
  return startFakeRfc2136({ zones: ['example.test'], keys: [{ name: 'ddns-key', algorithm: 'hmac-sha256', secret: SECRET }], zoneHints: false });
}

/** The add RR (the second update RR) of our UPDATE, read by hand: dns-packet cannot decode the empty-RDATA delete. */
function parseUpdate(raw: Buffer): { zone: string; name: string; type: 'A' | 'AAAA'; ttl: number; address: string; deleteRR: Buffer } {
  let offset = skipName(raw, 12) + 4;
  const deleteStart = offset;
  offset = skipName(raw, offset) + 10 + raw.readUInt16BE(skipName(raw, offset) + 8);
  const deleteRR = raw.subarray(deleteStart, offset);
  const fixed = skipName(raw, offset);
  const name = nameAt(raw, offset);
  const typeCode = raw.readUInt16BE(fixed);
  const rdata = raw.subarray(fixed + 10, fixed + 10 + raw.readUInt16BE(fixed + 8));
  const zone = nameAt(raw, 12);
  const address = typeCode === 1 ? [...rdata].join('.') : (rdata.toString('hex').match(/.{4}/g) ?? []).join(':');
  return { zone, name, type: typeCode === 1 ? 'A' : 'AAAA', ttl: raw.readUInt32BE(fixed + 4), address, deleteRR: Buffer.from(deleteRR) };
}

function spec(overrides: Partial<RecordSpec> = {}): RecordSpec {
  return { name: 'home.example.test', type: 'A', zone: undefined, ttl: undefined, options: {}, ...overrides };
}

function providerFor(dns: FakeRfc2136, options: { timeoutMs?: number; now?: () => number; warnings?: string[] } = {}): Provider {
  return createRfc2136ProviderWith(
    {
      server: { host: '127.0.0.1', port: dns.port },
      key: KEY,
      timeoutMs: options.timeoutMs ?? 2000,
      ...(options.now ? { now: options.now } : {}),
    },
    { debug() {}, warn: (message) => options.warnings?.push(message) },
  );
}

/** Client sockets still open in this process (the scripted server's own are closed first). */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'UDPWrap' || resource === 'TCPSocketWrap').length;
}

describe('rfc2136 provider against a scripted DNS server', () => {
  let dns: FakeRfc2136;
  let socketsBefore: number;

  beforeEach(async () => {
    socketsBefore = openSockets();
    dns = await startZone();
  });
  afterEach(async () => {
    await dns.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Every exchange closes its socket, whatever happened. (Sockets of an earlier suite in this
    // jest worker may still be closing when the test starts, so the count may only shrink.)
    expect(openSockets()).toBeLessThanOrEqual(socketsBefore);
  });

  it('finds nothing, then creates with a signed delete-then-add UPDATE to the zone found from the SOA, and reads it back', async () => {
    const provider = providerFor(dns);
    expect(await provider.find(spec())).toBeUndefined();
    const created = await provider.create(spec(), '81.2.69.160');
    expect(created).toMatchObject({ name: 'home.example.test', type: 'A', content: '81.2.69.160', ttl: 300 });

    const update = dns.seen.find((message) => message.opcode === 5);
    expect(update).toBeDefined();
    const parsed = parseUpdate(update!.raw);
    expect(parsed).toMatchObject({ zone: 'example.test', name: 'home.example.test', type: 'A', ttl: 300, address: '81.2.69.160' });
    // delete RRset: home.example.test A, CLASS ANY, TTL 0, RDLENGTH 0
    expect(parsed.deleteRR.subarray(-10).toString('hex')).toBe('000100ff000000000000');
    expect(splitSignedMessage(update!.raw)?.tsig).toMatchObject({ keyName: 'ddns-key', algorithmName: 'hmac-sha256', fudge: 300 });
    // SOA query to find the zone, the UPDATE, then the read-back query.
    expect(dns.seen.map((message) => `${message.opcode}:${message.qtype}`)).toEqual(['0:1', '0:6', '5:6', '0:1']);
    expect(dns.seen.every((message) => splitSignedMessage(message.raw) !== undefined)).toBe(true);
  });

  it('uses the configured zone and ttl, keeps the record\'s own ttl on update when none is configured, and writes AAAA', async () => {
    const provider = providerFor(dns);
    await provider.create(spec({ zone: 'example.test', ttl: 60 }), '81.2.69.160');
    expect(dns.seen.some((message) => message.qtype === '6' && message.opcode === 0)).toBe(false);
    expect(parseUpdate(dns.seen.find((message) => message.opcode === 5)!.raw).ttl).toBe(60);

    dns.store.add({ name: 'home.example.test', type: 'AAAA', content: '2a02:1388:1000::1', ttl: 900 });
    const existing = await provider.find(spec({ type: 'AAAA' }));
    expect(existing).toMatchObject({ content: '2a02:1388:1000::1', ttl: 900 });
    const updated = await provider.update(spec({ type: 'AAAA' }), existing!, '2a02:1388:1000::160');
    expect(updated.content).toBe('2a02:1388:1000::160');
    const last = dns.seen.filter((message) => message.opcode === 5).at(-1)!;
    expect(parseUpdate(last.raw)).toMatchObject({ type: 'AAAA', ttl: 900 });
  });

  it('reports several addresses as one differing value and warns, so the update leaves one', async () => {
    const warnings: string[] = [];
    dns.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.1', ttl: 300 });
    dns.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.2', ttl: 300 });
    const found = await providerFor(dns, { warnings }).find(spec());
    expect(found?.content).toBe('81.2.69.1, 81.2.69.2');
    expect(warnings[0]).toMatch(/2 A records/);
  });

  it('refuses to write beside a CNAME, which a server would silently ignore', async () => {
    dns.script = () => ({ answers: [{ name: 'home.example.test', type: 'CNAME', ttl: 300, data: 'elsewhere.example.test' }] });
    const error = await caught(providerFor(dns).find(spec()));
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/CNAME \(to elsewhere\.example\.test\)/);
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    dns.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.160', ttl: 300 });
    const normal = dns.script;
    dns.script = (message) => (message.via === 'udp' ? { truncated: true } : normal(message));
    const found = await providerFor(dns).find(spec());
    expect(found?.content).toBe('81.2.69.160');
    expect(dns.seen.map((message) => message.via)).toEqual(['udp', 'tcp']);
  });

  it('times out as a transient error when the server never answers', async () => {
    dns.script = () => ({ silent: true });
    const error = await caught(providerFor(dns, { timeoutMs: 200 }).find(spec()));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/no answer from DNS server 127\.0\.0\.1:\d+ within 0\.2s/);
  });

  const updateFails = (reply: Reply) => (message: SeenMessage) => (message.opcode === 5 ? reply : undefined);
  it.each<[string, Reply, ProviderErrorKind, RegExp]>([
    ['REFUSED', { rcode: 5 }, 'auth', /refused the update of home\.example\.test A in zone example\.test \(REFUSED\): its update-policy/],
    ['NOTZONE', { rcode: 10 }, 'config', /not inside zone example\.test \(NOTZONE/],
    ['SERVFAIL', { rcode: 2 }, 'transient', /SERVFAIL/],
    ['NOTAUTH', { rcode: 9 }, 'auth', /rejected the TSIG key "ddns-key" \(hmac-sha256\) or is not authoritative for zone example\.test/],
    ['BADKEY', { rcode: 9, signing: { error: TSIG_ERROR.BADKEY } }, 'auth', /rejected the TSIG key "ddns-key" \(hmac-sha256\) with BADKEY.*tsig_name and tsig_algorithm/],
    ['BADSIG', { rcode: 9, signing: { error: TSIG_ERROR.BADSIG } }, 'auth', /rejected the TSIG key "ddns-key" \(hmac-sha256\) with BADSIG.*tsig_secret/],
    ['NOTIMP', { rcode: 4 }, 'config', /NOTIMP/],
    ['an unsigned NOERROR', { signing: 'none' }, 'protocol', /without a TSIG signature/],
    ['a NOERROR with a wrong MAC', { signing: 'bad-mac' }, 'protocol', /failed TSIG verification \(the MAC of the answer does not match\)/],
  ])('maps %s (%j) to kind %s', async (_label, reply, kind, message) => {
    dns.script = updateFails(reply);
    const error = await caught(providerFor(dns).create(spec(), '81.2.69.160'));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET);
  });

  it('maps BADTIME to clock-skew, naming how far off the clock is from the server time in Other Data', async () => {
    // The fake checks the time itself and answers BADTIME with its own clock in Other Data.
    const error = await caught(providerFor(dns, { now: () => Date.now() - 10 * 60_000 }).find(spec()));
    expect(error.kind).toBe('clock-skew');
    expect(error.message).toMatch(/BADTIME\): the system clock is 10 minutes off \(behind the server's /);
  });

  it('does not trust a NOERROR when reading back shows the old address', async () => {
    dns.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.1', ttl: 300 });
    dns.script = (message) => (message.opcode === 5 ? {} : undefined);
    const provider = providerFor(dns);
    const existing = await provider.find(spec());
    const error = await caught(provider.update(spec(), existing!, '81.2.69.160'));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/answered NOERROR .* but then answered 81\.2\.69\.1 instead of 81\.2\.69\.160/);
  });

  it('takes the zone from the SOA or NS beside the record\'s own answer, sending no SOA query', async () => {
    // As BIND answers a non-recursive query: the zone's SOA beside a negative answer, its NS beside a positive one.
    dns.zoneHints = true;
    dns.store.add({ name: 'nas.example.test', type: 'A', content: '81.2.69.1', ttl: 300 });
    const provider = providerFor(dns);

    expect(await provider.find(spec())).toBeUndefined();
    await provider.create(spec(), '81.2.69.160');
    const existing = await provider.find(spec({ name: 'nas.example.test' }));
    await provider.update(spec({ name: 'nas.example.test' }), existing!, '81.2.69.160');

    const updates = dns.seen.filter((message) => message.opcode === 5).map((message) => parseUpdate(message.raw));
    expect(updates.map((update) => [update.zone, update.name])).toEqual([
      ['example.test', 'home.example.test'],
      ['example.test', 'nas.example.test'],
    ]);
    expect(dns.seen.filter((message) => message.opcode === 0 && message.qtype === '6')).toEqual([]);
  });

  it('finds the zone at the apex (SOA in the answer) and reports a name outside every served zone', async () => {
    await providerFor(dns).create(spec({ name: 'example.test' }), '81.2.69.160');
    expect(parseUpdate(dns.seen.find((message) => message.opcode === 5)!.raw).zone).toBe('example.test');

    // The fake serves example.test only and refuses the rest, as BIND with recursion off does.
    const error = await caught(providerFor(dns).create(spec({ name: 'x.other.test' }), '81.2.69.160'));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/refused the query for x\.other\.test SOA \(REFUSED\): it does not serve a zone containing x\.other\.test/);
  });

  it('reports a malformed answer as a protocol error', async () => {
    dns.script = () => ({
      raw: (request) => {
        const header = Buffer.from(request.raw.subarray(0, 12));
        header.writeUInt16BE(0x8400, 2);
        header.writeUInt16BE(3, 6); // three answers announced, none present
        return header;
      },
    });
    const error = await caught(providerFor(dns).find(spec()));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/sent an undecodable answer to the query for home\.example\.test A/);
  });

  it('insists on authoritative answers: a resolver is not the zone', async () => {
    dns.script = () => ({ authoritative: false });
    const error = await caught(providerFor(dns).find(spec()));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/not authoritative .* lacks the AA flag/);
  });

  it('is answered by the server\'s own TSIG check: BADSIG for a wrong secret, BADKEY for an unknown key, nothing changed', async () => {
    const wrongSecret = createRfc2136ProviderWith(
      { server: { host: '127.0.0.1', port: dns.port }, key: { ...KEY, secret: Buffer.from('not the server secret') }, timeoutMs: 2000 },
      { debug() {}, warn() {} },
    );
    const badSig = await caught(wrongSecret.create(spec(), '81.2.69.160'));
    expect(badSig).toMatchObject({ kind: 'auth', message: expect.stringMatching(/with BADSIG/) });
    const unknownKey = createRfc2136ProviderWith(
      { server: { host: '127.0.0.1', port: dns.port }, key: { ...KEY, name: 'no-such-key' }, timeoutMs: 2000 },
      { debug() {}, warn() {} },
    );
    const badKey = await caught(unknownKey.create(spec(), '81.2.69.160'));
    expect(badKey).toMatchObject({ kind: 'auth', message: expect.stringMatching(/"no-such-key" \(hmac-sha256\) with BADKEY/) });
    expect(dns.store.writes).toBe(0);
  });

  it('replaces an RRset of several addresses with one, as one UPDATE the fake applies atomically', async () => {
    dns.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.1' });
    dns.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.2' });
    dns.store.add({ name: 'home.example.test', type: 'AAAA', content: '2a02:1388:1000::1' });
    const provider = providerFor(dns);
    const existing = await provider.find(spec());
    await provider.update(spec(), existing!, '81.2.69.160');
    expect(dns.store.records({ name: 'home.example.test' }).map((record) => `${record.type} ${record.content}`)).toEqual(['A 81.2.69.160', 'AAAA 2a02:1388:1000::1']);
  });

  it('reports a closed port as a transient error', async () => {
    const port = dns.port;
    await dns.close();
    dns = await startZone();
    const provider = createRfc2136ProviderWith({ server: { host: '127.0.0.1', port }, key: KEY, timeoutMs: 1000 }, { debug() {}, warn() {} });
    const error = await caught(provider.find(spec()));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/ECONNREFUSED|no answer/);
  });
});

describe('rfc2136 provider settings', () => {
  const context = { http: { request: () => Promise.reject(new Error('no HTTP here')) }, log: { debug() {}, warn() {} }, endpoint: undefined };

  it('builds from validated options and refuses unusable ones with config errors that never show the secret', () => {
    expect(() => createRfc2136Provider({ server: '127.0.0.1', tsig_name: 'k', tsig_secret: SECRET }, context)).not.toThrow();
    const error = (() => {
      try {
        createRfc2136Provider({ server: '127.0.0.1', tsig_name: 'k', tsig_secret: 'not base64 !' }, context);
      } catch (thrown) {
        return thrown as ProviderError;
      }
      throw new Error('expected a config error');
    })();
    expect(error.kind).toBe('config');
    expect(error.message).not.toContain('not base64 !');
  });

  it('describes a clock ahead of the server', () => {
    const tsig = { keyName: 'k', algorithmName: 'hmac-sha256', mac: Buffer.alloc(0), originalId: 1, timeSigned: 1_000_000, fudge: 300, error: 18, otherData: Buffer.alloc(0) };
    expect(describeClockSkew(tsig, 1_000_000 + 125 * 60)).toMatch(/^the system clock is 125 minutes off \(ahead of the server's 1970-01-12T13:46:40\.000Z\)$/);
  });
});
