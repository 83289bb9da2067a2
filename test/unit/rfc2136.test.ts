import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import { ProviderError, type ProviderErrorKind } from '../../src/http/errors.js';
import { createRfc2136Provider, createRfc2136ProviderWith, describeClockSkew } from '../../src/providers/rfc2136/index.js';
import { computeTsigMac, decodeSecret, encodeTsigRecord, splitSignedMessage, TSIG_ERROR, type TsigKey } from '../../src/providers/rfc2136/tsig.js';
import { readHeader, skipName } from '../../src/providers/rfc2136/wire.js';
import type { Provider, RecordSpec } from '../../src/providers/types.js';
import { caught } from '../helpers/provider-context.js';

/**
 * The provider against a scripted DNS server on 127.0.0.1 (UDP and TCP on one port), for what a
 * real BIND cannot easily be made to do: SERVFAIL, REFUSED updates, truncation, silence, bad
 * signatures. The end-to-end behaviour against BIND itself is in test/integration/rfc2136-bind.test.ts.
 */

const SECRET = 'c2NyaXB0ZWQtc2VydmVyLXNlY3JldC0wMTIzNDU2Nzg5';
const KEY: TsigKey = { name: 'ddns-key', algorithm: 'hmac-sha256', secret: decodeSecret(SECRET) };

interface SeenMessage {
  raw: Buffer;
  via: 'udp' | 'tcp';
  id: number;
  opcode: number;
  qname: string;
  qtype: string;
}

type Signing = 'ok' | 'none' | 'bad-mac' | { error: number; otherData?: Buffer; timeSigned?: number };

interface Reply {
  rcode?: number;
  authoritative?: boolean;
  truncated?: boolean;
  answers?: dnsPacket.Answer[];
  authorities?: dnsPacket.Answer[];
  signing?: Signing;
  /** Send nothing (a lost datagram). */
  silent?: boolean;
  /** Send these bytes instead of a well-formed answer. */
  raw?: (request: SeenMessage) => Buffer;
}

type Script = (message: SeenMessage) => Reply;

interface ScriptedDns {
  port: number;
  seen: SeenMessage[];
  script: Script;
  close(): Promise<void>;
}

/** The uncompressed name at `offset` (requests are ours: never compressed before the first RR), via dns-packet. */
function nameAt(raw: Buffer, offset: number): string {
  const question = Buffer.concat([Buffer.from('000000000001000000000000', 'hex'), raw.subarray(offset, skipName(raw, offset)), Buffer.from('00010001', 'hex')]);
  return (dnsPacket.decode(question).questions?.[0]?.name ?? '').toLowerCase();
}

function describeRequest(raw: Buffer, via: 'udp' | 'tcp'): SeenMessage {
  const header = readHeader(raw);
  return { raw, via, id: header.id, opcode: header.opcode, qname: nameAt(raw, 12), qtype: String(raw.readUInt16BE(skipName(raw, 12))) };
}

function answerFor(request: SeenMessage, reply: Reply): Buffer {
  if (reply.raw) return reply.raw(request);
  const question = request.raw.subarray(12, skipName(request.raw, 12) + 4);
  const flags = 0x8000 | (request.opcode << 11) | (reply.authoritative === false ? 0 : 0x0400) | (reply.truncated ? 0x0200 : 0) | (reply.rcode ?? 0);
  const body = dnsPacket.encode({ type: 'response', id: request.id, flags: 0, answers: reply.answers ?? [], authorities: reply.authorities ?? [] });
  const header = Buffer.from(body.subarray(0, 12));
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  const message = Buffer.concat([header, question, body.subarray(12)]);
  const signing = reply.signing ?? 'ok';
  if (signing === 'none') return message;
  const requestMac = splitSignedMessage(request.raw)?.tsig.mac ?? Buffer.alloc(0);
  const variables = {
    timeSigned: typeof signing === 'object' && signing.timeSigned !== undefined ? signing.timeSigned : Math.floor(Date.now() / 1000),
    fudge: 300,
    error: typeof signing === 'object' ? signing.error : 0,
    otherData: typeof signing === 'object' ? (signing.otherData ?? Buffer.alloc(0)) : Buffer.alloc(0),
  };
  let mac = typeof signing === 'object' && signing.error !== TSIG_ERROR.BADTIME ? Buffer.alloc(0) : computeTsigMac(KEY, message, variables, requestMac);
  if (signing === 'bad-mac') mac = Buffer.from(mac.map((byte) => byte ^ 0xff));
  const signed = Buffer.concat([message, encodeTsigRecord(KEY, { ...variables, mac, originalId: request.id })]);
  signed.writeUInt16BE(1, 10);
  return signed;
}

async function startScriptedDns(script: Script): Promise<ScriptedDns> {
  const seen: SeenMessage[] = [];
  const tcp = net.createServer((socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
      const request = describeRequest(buffered.subarray(2, 2 + buffered.readUInt16BE(0)), 'tcp');
      seen.push(request);
      const reply = dns.script(request);
      if (reply.silent) return;
      const answer = answerFor(request, reply);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(answer.length, 0);
      socket.end(Buffer.concat([length, answer]));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const { port } = tcp.address() as AddressInfo;
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', resolve));
  udp.on('message', (raw, remote) => {
    const request = describeRequest(raw, 'udp');
    seen.push(request);
    const reply = dns.script(request);
    if (!reply.silent) udp.send(answerFor(request, reply), remote.port, remote.address);
  });
  const dns: ScriptedDns = {
    port,
    seen,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        udp.close(() => tcp.close(() => resolve()));
      }),
  };
  return dns;
}

const SOA: dnsPacket.Answer = {
  name: 'example.test',
  type: 'SOA',
  ttl: 300,
  data: { mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 300 },
};

/** A scripted zone example.test holding `records`; updates replace the RRset as a server would. */
function zoneScript(records: Map<string, { address: string; ttl: number }[]>, overrides: (message: SeenMessage) => Reply | undefined = () => undefined): Script {
  return (message) => {
    const override = overrides(message);
    if (override !== undefined) return override;
    if (message.opcode === 5) {
      const parsed = parseUpdate(message.raw);
      records.set(`${parsed.name}/${parsed.type}`, [{ address: parsed.address, ttl: parsed.ttl }]);
      return {};
    }
    if (message.qtype === '6') return { authorities: [SOA] };
    const type = message.qtype === '1' ? 'A' : 'AAAA';
    const held = records.get(`${message.qname}/${type}`) ?? [];
    return { answers: held.map((record) => ({ name: message.qname, type, ttl: record.ttl, data: record.address }) as dnsPacket.Answer) };
  };
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

function providerFor(dns: ScriptedDns, options: { timeoutMs?: number; now?: () => number; warnings?: string[] } = {}): Provider {
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
  let dns: ScriptedDns;
  let records: Map<string, { address: string; ttl: number }[]>;
  let socketsBefore: number;

  beforeEach(async () => {
    socketsBefore = openSockets();
    records = new Map();
    dns = await startScriptedDns(zoneScript(records));
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

    records.set('home.example.test/AAAA', [{ address: '2a02:1388:1000::1', ttl: 900 }]);
    const existing = await provider.find(spec({ type: 'AAAA' }));
    expect(existing).toMatchObject({ content: '2a02:1388:1000::1', ttl: 900 });
    const updated = await provider.update(spec({ type: 'AAAA' }), existing!, '2a02:1388:1000::160');
    expect(updated.content).toBe('2a02:1388:1000::160');
    const last = dns.seen.filter((message) => message.opcode === 5).at(-1)!;
    expect(parseUpdate(last.raw)).toMatchObject({ type: 'AAAA', ttl: 900 });
  });

  it('reports several addresses as one differing value and warns, so the update leaves one', async () => {
    const warnings: string[] = [];
    records.set('home.example.test/A', [
      { address: '81.2.69.1', ttl: 300 },
      { address: '81.2.69.2', ttl: 300 },
    ]);
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
    records.set('home.example.test/A', [{ address: '81.2.69.160', ttl: 300 }]);
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
    dns.script = zoneScript(records, updateFails(reply));
    const error = await caught(providerFor(dns).create(spec(), '81.2.69.160'));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET);
  });

  it('maps BADTIME to clock-skew, naming how far off the clock is from the server time in Other Data', async () => {
    const serverTime = Math.floor(Date.now() / 1000);
    const otherData = Buffer.alloc(6);
    otherData.writeUInt32BE(serverTime, 2);
    dns.script = () => ({ rcode: 9, signing: { error: TSIG_ERROR.BADTIME, otherData, timeSigned: serverTime - 600 } });
    const error = await caught(providerFor(dns, { now: () => Date.now() - 10 * 60_000 }).find(spec()));
    expect(error.kind).toBe('clock-skew');
    expect(error.message).toMatch(/BADTIME\): the system clock is 10 minutes off \(behind the server's /);
  });

  it('does not trust a NOERROR when reading back shows the old address', async () => {
    records.set('home.example.test/A', [{ address: '81.2.69.1', ttl: 300 }]);
    dns.script = zoneScript(records, (message) => (message.opcode === 5 ? {} : undefined));
    const provider = providerFor(dns);
    const existing = await provider.find(spec());
    const error = await caught(provider.update(spec(), existing!, '81.2.69.160'));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/answered NOERROR .* but then answered 81\.2\.69\.1 instead of 81\.2\.69\.160/);
  });

  it('takes the zone from the SOA or NS beside the record\'s own answer, sending no SOA query', async () => {
    const NS: dnsPacket.Answer = { name: 'example.test', type: 'NS', ttl: 300, data: 'ns1.example.test' };
    const normal = dns.script;
    // As BIND answers a non-recursive query: the zone's SOA beside a negative answer, its NS beside a positive one.
    dns.script = (message) => {
      const reply = normal(message);
      if (message.opcode !== 0 || message.qtype === '6') return reply;
      return { ...reply, authorities: (reply.answers ?? []).length === 0 ? [SOA] : [NS] };
    };
    records.set('nas.example.test/A', [{ address: '81.2.69.1', ttl: 300 }]);
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
    const normal = dns.script;
    dns.script = (message) => (message.opcode === 0 && message.qtype === '6' && message.qname === 'example.test' ? { answers: [SOA] } : normal(message));
    await providerFor(dns).create(spec({ name: 'example.test' }), '81.2.69.160');
    expect(parseUpdate(dns.seen.find((message) => message.opcode === 5)!.raw).zone).toBe('example.test');

    dns.script = () => ({ rcode: 5 });
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

  it('reports a closed port as a transient error', async () => {
    const port = dns.port;
    await dns.close();
    dns = await startScriptedDns(() => ({}));
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
