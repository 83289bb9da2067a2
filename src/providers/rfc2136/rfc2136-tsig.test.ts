import {
  computeTsigMac,
  decodeSecret,
  encodeTsigRecord,
  isBase64Secret,
  signRequest,
  splitSignedMessage,
  TSIG_ERROR,
  verifyResponse,
  type TsigKey,
} from './tsig.js';

/** Vectors from WIRE.md (miekg/dns tsig_test.go, Kea's BIND `dig -y` captures). */
const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

const MIEKG_KEY: TsigKey = { name: 'testkey.', algorithm: 'hmac-sha256', secret: decodeSecret('NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk=') };
const MIEKG_TIME = 1594855491;

// T1: the UPDATE of miekg's wireMsg before signing (ARCOUNT 0) and the complete signed packet.
const T1_UNSIGNED = hex('c60028000001000000010000076578616d706c6503636f6d00000600010161c00c0001000100000e100004c0000201');
const T1_SIGNED = hex(
  'c60028000001000000010001076578616d706c6503636f6d00000600010161c00c0001000100000e100004c0000201077465' +
    '73746b65790000fa00ff00000000003d0b686d61632d73686132353600' +
    '00005f0f9043' +
    '012c00208cf23e0081d915478a182edcea7ff48ad102948e6c7ef8e887536957d1fa5616c60000000000',
);
const T1_MAC = '8cf23e0081d915478a182edcea7ff48ad102948e6c7ef8e887536957d1fa5616';

// T2: UPDATE, zone example.com SOA IN, nothing else; the header ID in the MAC input is the Original ID 42.
const T2_MESSAGE = hex('002a 2800 0001 0000 0000 0000 076578616d706c6503636f6d00 0006 0001');

describe('TSIG signing (RFC 8945) against packet-level vectors', () => {
  it('T1: signs miekg/dns wireMsg into the exact 127-byte packet', () => {
    const signed = signRequest(T1_UNSIGNED, MIEKG_KEY, MIEKG_TIME);
    expect(signed.mac.toString('hex')).toBe(T1_MAC);
    expect(signed.packet).toHaveLength(127);
    expect(signed.packet.toString('hex')).toBe(T1_SIGNED.toString('hex'));
  });

  it('T1: splits the signed packet back into the signed part and the TSIG fields', () => {
    const split = splitSignedMessage(T1_SIGNED);
    expect(split).toBeDefined();
    expect(split?.unsigned.toString('hex')).toBe(T1_UNSIGNED.toString('hex'));
    expect(split?.tsig).toMatchObject({
      keyName: 'testkey',
      algorithmName: 'hmac-sha256',
      timeSigned: MIEKG_TIME,
      fudge: 300,
      originalId: 0xc600,
      error: 0,
    });
    expect(split?.tsig.mac.toString('hex')).toBe(T1_MAC);
    expect(computeTsigMac(MIEKG_KEY, split!.unsigned, split!.tsig).toString('hex')).toBe(T1_MAC);
  });

  it.each([
    ['with request MAC', '3684c225', '', 'c110e3f62694755c10761dc8717462431ee34340b7c9d1eee09449150757c5b1'],
    ['no request MAC', undefined, '', '385449a425c6d52b9bf2c65c0726eefa0ad8084cdaf488f24547e686605b9610'],
    ['with other data', '3684c225', '666f6f', '15b91571ca80b3b410a77e2b44f8cc4f35ace22b26020138439dd94803e23b5d'],
  ])('T2 (miekg TestTsigGenerate, BADTIME) %s', (_label, requestMac, otherData, expected) => {
    const mac = computeTsigMac(
      MIEKG_KEY,
      T2_MESSAGE,
      { timeSigned: MIEKG_TIME, fudge: 300, error: TSIG_ERROR.BADTIME, otherData: hex(otherData) },
      requestMac === undefined ? undefined : hex(requestMac),
    );
    expect(mac.toString('hex')).toBe(expected);
  });

  const wwwQuery = (id: string) => hex(`${id} 0100 0001 0000 0000 0000 03777777076578616d706c6503636f6d00 0001 0001`);
  it.each([
    ['hmac-md5', 'SFuWd/q99SzF8Yzd1QbB9g==', '2d65', 0x4da8877a, '227026ad297beee721ce6c6fff1e9ef3'],
    ['hmac-sha1', 'MA+QDhXbyqUak+qnMFyTyEirzng=', '0967', 0x4dae7d5f, '415340c7daf824ed684ee586f7b5a67a2febc0d3'],
  ] as const)('T3: %s matches BIND dig -y, and upper-case names hash as lower-case', (algorithm, secret, id, time, expected) => {
    const variables = { timeSigned: time, fudge: 300, error: 0, otherData: Buffer.alloc(0) };
    const key: TsigKey = { name: 'www.example.com', algorithm, secret: decodeSecret(secret) };
    expect(computeTsigMac(key, wwwQuery(id), variables).toString('hex')).toBe(expected);
    expect(computeTsigMac({ ...key, name: 'WWW.Example.COM.' }, wwwQuery(id), variables).toString('hex')).toBe(expected);
  });

  it('writes the md5 algorithm under its long wire name', () => {
    const key: TsigKey = { name: 'k', algorithm: 'hmac-md5', secret: Buffer.from('x') };
    const record = encodeTsigRecord(key, { timeSigned: 1, fudge: 300, mac: Buffer.alloc(16), originalId: 1, error: 0, otherData: Buffer.alloc(0) });
    expect(record.includes(Buffer.from('\x08hmac-md5\x07sig-alg\x03reg\x03int\x00', 'latin1'))).toBe(true);
  });
});

describe('TSIG verification of answers', () => {
  const key: TsigKey = { name: 'ddns-key', algorithm: 'hmac-sha512', secret: decodeSecret('c2VjcmV0LWZvci10ZXN0cy1vbmx5LTAxMjM0NTY3ODk=') };
  const now = 1_700_000_000;
  const request = signRequest(T2_MESSAGE, key, now);
  /** T2_MESSAGE as the server's answer (QR set, NOERROR), signed the way a server signs it: request MAC first. */
  function answer(options: { error?: number; otherData?: Buffer; timeSigned?: number; signingKey?: TsigKey; requestMac?: Buffer } = {}) {
    const message = Buffer.from(T2_MESSAGE);
    message.writeUInt16BE(0xa800, 2);
    const signingKey = options.signingKey ?? key;
    const variables = { timeSigned: options.timeSigned ?? now, fudge: 300, error: options.error ?? 0, otherData: options.otherData ?? Buffer.alloc(0) };
    const mac = options.error === TSIG_ERROR.BADSIG ? Buffer.alloc(0) : computeTsigMac(signingKey, message, variables, options.requestMac ?? request.mac);
    const packet = Buffer.concat([message, encodeTsigRecord(signingKey, { ...variables, mac, originalId: 42 })]);
    packet.writeUInt16BE(1, 10);
    return packet;
  }

  it('accepts an answer signed with our key over our request MAC', () => {
    expect(verifyResponse(answer(), key, request.mac, now + 2)).toMatchObject({ status: 'verified' });
  });

  it('rejects a changed byte, a MAC over another request, another key, and a time outside the fudge', () => {
    const tampered = answer();
    tampered.writeUInt8(tampered.readUInt8(15) ^ 0x20, 15); // one letter of the zone name changes case
    expect(verifyResponse(tampered, key, request.mac, now)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/MAC/) });
    expect(verifyResponse(answer({ requestMac: Buffer.alloc(64) }), key, request.mac, now)).toMatchObject({ status: 'invalid' });
    const otherKey = { ...key, secret: Buffer.from('another secret') };
    expect(verifyResponse(answer({ signingKey: otherKey }), key, request.mac, now)).toMatchObject({ status: 'invalid' });
    expect(verifyResponse(answer({ signingKey: { ...key, name: 'other-key' } }), key, request.mac, now)).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/other-key/),
    });
    expect(verifyResponse(answer(), key, request.mac, now + 301)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/fudge/) });
  });

  it('reports TSIG errors with their fields and unsigned answers as such', () => {
    expect(verifyResponse(answer({ error: TSIG_ERROR.BADSIG }), key, request.mac, now)).toMatchObject({
      status: 'tsig-error',
      tsig: { error: TSIG_ERROR.BADSIG },
    });
    expect(verifyResponse(T2_MESSAGE, key, request.mac, now)).toEqual({ status: 'unsigned' });
  });
});

describe('tsig_secret form', () => {
  it.each([
    ['NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk=', true],
    ['NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk', true],
    ['NoTCJU+DMqFW ywaPyxSijrDEA/eC3nK0xi3AMEZuPVk=', true],
    ['NoTCJU-DMqFWywaPyxSijrDEA_eC3nK0xi3AMEZuPVk=', true],
    ['NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk==', false],
    ['not base64!', false],
    ['abcde', false],
    ['', false],
  ])('%j is base64: %s', (text, expected) => {
    expect(isBase64Secret(text)).toBe(expected);
  });
});
