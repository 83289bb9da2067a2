import { FAKE_RCODE, FAKE_TSIG_ERROR, startFakeRfc2136, type FakeRfc2136, type FakeTsigKey } from './fake.js';
import { createRfc2136ProviderWith } from './index.js';
import { exchange } from './transport.js';
import { decodeSecret, signRequest, splitSignedMessage, verifyResponse, type TsigKey } from './tsig.js';
import { addressRdata, decodeResponse, encodeName, readHeader, resourceRecord } from './wire.js';

/**
 * The fake server itself: that it accepts a packet signed by another implementation (miekg/dns's
 * vector T1 of WIRE.md), answers TSIG failures as RFC 8945 says, and applies UPDATE messages as
 * RFC 2136 §3 does — the parts of the protocol ddns's own messages never exercise included — so
 * that the provider's tests against it mean something.
 */

const MIEKG_SECRET = 'NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk=';
const MIEKG_TIME = 1594855491;
const T1_SIGNED = Buffer.from(
  'c60028000001000000010001076578616d706c6503636f6d00000600010161c00c0001000100000e100004c0000201077465' +
    '73746b65790000fa00ff00000000003d0b686d61632d73686132353600' +
    '00005f0f9043' +
    '012c00208cf23e0081d915478a182edcea7ff48ad102948e6c7ef8e887536957d1fa5616c60000000000',
  'hex',
);
const T1_MAC = Buffer.from('8cf23e0081d915478a182edcea7ff48ad102948e6c7ef8e887536957d1fa5616', 'hex');

const SECRET = 'ZmFrZS1zZXJ2ZXItdGVzdC1zZWNyZXQtMDEyMzQ1Njc=';
const FAKE_KEY: FakeTsigKey = { name: 'ddns-key', algorithm: 'hmac-sha256', secret: SECRET };
const KEY: TsigKey = { name: 'ddns-key', algorithm: 'hmac-sha256', secret: decodeSecret(SECRET) };

const TYPE = { A: 1, CNAME: 5, ANY: 255 } as const;
const CLASS = { IN: 1, NONE: 254, ANY: 255 } as const;

const rr = (name: string, type: number, klass: number, ttl: number, rdata: Buffer = Buffer.alloc(0)) => resourceRecord(name, type, klass, ttl, rdata);

const a = (address: string) => addressRdata('A', address);

function updateMessage(zone: string, prerequisites: Buffer[], updates: Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x4242, 0);
  header.writeUInt16BE(0x2800, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(prerequisites.length, 6);
  header.writeUInt16BE(updates.length, 8);
  return Buffer.concat([header, encodeName(zone), Buffer.from([0, 6, 0, 1]), ...prerequisites, ...updates]);
}

async function send(fake: FakeRfc2136, packet: Buffer): Promise<Buffer> {
  return (await exchange({ host: '127.0.0.1', port: fake.port }, packet, { timeoutMs: 2000 })).response;
}

/** Signs with ddns's key, sends, checks the answer's signature and returns its RCODE. */
async function update(fake: FakeRfc2136, prerequisites: Buffer[], updates: Buffer[], zone = 'example.test'): Promise<number> {
  const signed = signRequest(updateMessage(zone, prerequisites, updates), KEY, Math.floor(Date.now() / 1000));
  const response = await send(fake, signed.packet);
  expect(verifyResponse(response, KEY, signed.mac, Math.floor(Date.now() / 1000)).status).toBe('verified');
  return readHeader(response).rcode;
}

const held = (fake: FakeRfc2136, name = 'home.example.test') => fake.store.records({ name }).map((record) => `${record.type} ${record.content}`);

describe('the fake RFC 2136 server', () => {
  let fake: FakeRfc2136;
  afterEach(async () => {
    await fake.close();
  });

  describe('TSIG, against a packet another implementation signed (miekg/dns T1)', () => {
    const miekgKey: FakeTsigKey = { name: 'testkey', algorithm: 'hmac-sha256', secret: MIEKG_SECRET };

    it('accepts it, applies its add, and signs the answer over the request MAC', async () => {
      fake = await startFakeRfc2136({ zones: ['example.com'], keys: [miekgKey], now: () => MIEKG_TIME * 1000 });
      const response = await send(fake, T1_SIGNED);
      expect(readHeader(response).rcode).toBe(FAKE_RCODE.NOERROR);
      const key: TsigKey = { name: 'testkey', algorithm: 'hmac-sha256', secret: decodeSecret(MIEKG_SECRET) };
      expect(verifyResponse(response, key, T1_MAC, MIEKG_TIME)).toMatchObject({ status: 'verified' });
      expect(fake.store.records().map((record) => `${record.name} ${record.type} ${record.ttl} ${record.content}`)).toEqual(['a.example.com A 3600 192.0.2.1']);
      expect(fake.store.writes).toBe(1);
    });

    it('answers a changed MAC with BADSIG, an unknown key with BADKEY (both unsigned), and changes nothing', async () => {
      fake = await startFakeRfc2136({ zones: ['example.com'], keys: [miekgKey], now: () => MIEKG_TIME * 1000 });
      const tampered = Buffer.from(T1_SIGNED);
      tampered.writeUInt8(tampered.readUInt8(tampered.length - 10) ^ 0x01, tampered.length - 10);
      const badSig = await send(fake, tampered);
      expect(readHeader(badSig).rcode).toBe(FAKE_RCODE.NOTAUTH);
      expect(splitSignedMessage(badSig)?.tsig).toMatchObject({ error: FAKE_TSIG_ERROR.BADSIG, mac: Buffer.alloc(0) });

      await fake.close();
      fake = await startFakeRfc2136({ zones: ['example.com'], keys: [{ ...miekgKey, name: 'other-key' }], now: () => MIEKG_TIME * 1000 });
      const badKey = await send(fake, T1_SIGNED);
      expect(readHeader(badKey).rcode).toBe(FAKE_RCODE.NOTAUTH);
      expect(splitSignedMessage(badKey)?.tsig).toMatchObject({ error: FAKE_TSIG_ERROR.BADKEY, mac: Buffer.alloc(0) });
      expect(fake.store.writes).toBe(0);
    });

    it('answers a time outside the fudge with a signed BADTIME carrying its own clock in Other Data', async () => {
      const serverTime = MIEKG_TIME + 301;
      fake = await startFakeRfc2136({ zones: ['example.com'], keys: [miekgKey], now: () => serverTime * 1000 });
      const response = await send(fake, T1_SIGNED);
      expect(readHeader(response).rcode).toBe(FAKE_RCODE.NOTAUTH);
      const tsig = splitSignedMessage(response)?.tsig;
      expect(tsig).toMatchObject({ error: FAKE_TSIG_ERROR.BADTIME, timeSigned: MIEKG_TIME });
      expect(tsig?.mac).toHaveLength(32);
      expect(tsig?.otherData.readUIntBE(0, 6)).toBe(serverTime);
      expect(fake.store.writes).toBe(0);
    });
  });

  describe('UPDATE (RFC 2136 §3)', () => {
    beforeEach(async () => {
      fake = await startFakeRfc2136({ zones: ['example.test'], keys: [FAKE_KEY], mayUpdate: (_key, name) => name !== 'locked.example.test' });
    });

    it('checks prerequisites before changing anything', async () => {
      const add = rr('home.example.test', TYPE.A, CLASS.IN, 300, a('81.2.69.1'));
      expect(await update(fake, [rr('home.example.test', TYPE.A, CLASS.ANY, 0)], [add])).toBe(FAKE_RCODE.NXRRSET);
      expect(await update(fake, [rr('home.example.test', TYPE.ANY, CLASS.ANY, 0)], [add])).toBe(FAKE_RCODE.NXDOMAIN);
      expect(await update(fake, [rr('home.example.test', TYPE.ANY, CLASS.NONE, 0)], [add])).toBe(FAKE_RCODE.NOERROR);
      expect(await update(fake, [rr('home.example.test', TYPE.ANY, CLASS.NONE, 0)], [add])).toBe(FAKE_RCODE.YXDOMAIN);
      expect(await update(fake, [rr('home.example.test', TYPE.A, CLASS.NONE, 0)], [add])).toBe(FAKE_RCODE.YXRRSET);
      const replace = [rr('home.example.test', TYPE.A, CLASS.ANY, 0), rr('home.example.test', TYPE.A, CLASS.IN, 300, a('81.2.69.2'))];
      expect(await update(fake, [rr('home.example.test', TYPE.A, CLASS.IN, 0, a('81.2.69.9'))], replace)).toBe(FAKE_RCODE.NXRRSET);
      expect(await update(fake, [rr('home.example.test', TYPE.A, CLASS.IN, 0, a('81.2.69.1'))], replace)).toBe(FAKE_RCODE.NOERROR);
      expect(held(fake)).toEqual(['A 81.2.69.2']);
      expect(fake.store.writes).toBe(2);
    });

    it('deletes one RR (CLASS NONE), replaces a duplicate\'s ttl, and ignores data beside a CNAME', async () => {
      fake.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.1' });
      fake.store.add({ name: 'home.example.test', type: 'A', content: '81.2.69.2' });
      fake.store.add({ name: 'alias.example.test', type: 'CNAME', content: 'home.example.test' });
      expect(await update(fake, [], [rr('home.example.test', TYPE.A, CLASS.NONE, 0, a('81.2.69.1'))])).toBe(FAKE_RCODE.NOERROR);
      expect(held(fake)).toEqual(['A 81.2.69.2']);
      expect(await update(fake, [], [rr('home.example.test', TYPE.A, CLASS.IN, 60, a('81.2.69.2'))])).toBe(FAKE_RCODE.NOERROR);
      expect(fake.store.records({ name: 'home.example.test' })[0]?.ttl).toBe(60);
      const writes = fake.store.writes;
      expect(await update(fake, [], [rr('alias.example.test', TYPE.A, CLASS.IN, 300, a('81.2.69.3'))])).toBe(FAKE_RCODE.NOERROR);
      expect(await update(fake, [], [rr('home.example.test', TYPE.CNAME, CLASS.IN, 300, encodeName('elsewhere.example.test'))])).toBe(FAKE_RCODE.NOERROR);
      expect(held(fake, 'alias.example.test')).toEqual(['CNAME home.example.test']);
      expect(held(fake)).toEqual(['A 81.2.69.2']);
      expect(fake.store.writes).toBe(writes);
    });

    it('refuses names outside the zone, zones it does not serve, unsigned updates and what the policy forbids', async () => {
      const add = (name: string) => [rr(name, TYPE.A, CLASS.IN, 300, a('81.2.69.1'))];
      expect(await update(fake, [], add('home.other.test'))).toBe(FAKE_RCODE.NOTZONE);
      expect(await update(fake, [], add('home.other.test'), 'other.test')).toBe(FAKE_RCODE.NOTAUTH);
      expect(await update(fake, [], add('locked.example.test'))).toBe(FAKE_RCODE.REFUSED);
      // Atomic: the allowed add beside the forbidden one is not made either.
      expect(await update(fake, [], [...add('home.example.test'), ...add('locked.example.test')])).toBe(FAKE_RCODE.REFUSED);
      const unsigned = await send(fake, updateMessage('example.test', [], add('home.example.test')));
      expect(decodeResponse(unsigned).header.rcode).toBe(FAKE_RCODE.REFUSED);
      expect(fake.store.writes).toBe(0);
    });
  });

  it('truncates a UDP answer over 512 bytes; the client reads it over TCP', async () => {
    fake = await startFakeRfc2136({ zones: ['example.test'], keys: [FAKE_KEY] });
    for (let i = 1; i <= 40; i++) fake.store.add({ name: 'big.example.test', type: 'A', content: `81.2.69.${i}` });
    const provider = createRfc2136ProviderWith({ server: { host: '127.0.0.1', port: fake.port }, key: KEY, timeoutMs: 2000 }, { debug() {}, warn() {} });
    const found = await provider.find({ name: 'big.example.test', type: 'A', zone: undefined, ttl: undefined, options: {} });
    expect(found?.content.split(', ')).toHaveLength(40);
    expect(fake.seen.map((message) => message.via)).toEqual(['udp', 'tcp']);
  });
});
