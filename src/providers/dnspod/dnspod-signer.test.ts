import { signTc3, tc3Date, type Tc3Request } from './tc3-signature.js';
import { startFakeDnspod, type FakeDnspod } from './fake.js';

/**
 * TC3-HMAC-SHA256 against every worked example of the signing document (cloud.tencent.com/document/api/213/30654
 * and its copies), byte for byte, as listed in WIRE.md of this folder.
 */

/** The official example's body: literal backslash-u escapes, exactly as the doc prints it. */
const CVM_PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';

const CVM_POST: Tc3Request = {
  method: 'POST',
  query: '',
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    Host: 'cvm.tencentcloudapi.com',
    'X-TC-Action': 'DescribeInstances',
  },
  payload: CVM_PAYLOAD,
  service: 'cvm',
  timestamp: 1551113065,
};

describe('signTc3 against the documented examples', () => {
  it('TC3-A, the current doc (masked credentials used literally): every intermediate matches', () => {
    const secretId = `AKID${'*'.repeat(32)}`;
    const signed = signTc3(CVM_POST, { secretId, secretKey: '*'.repeat(32) });

    // Six characters per escape on the wire, not the UTF-8 of 未命名: the hash is over these bytes.
    expect(CVM_PAYLOAD).toContain(String.raw`["\u672a\u547d\u540d"]`);
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8',
        'host:cvm.tencentcloudapi.com',
        'x-tc-action:describeinstances',
        '',
        'content-type;host;x-tc-action',
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      ].join('\n'),
    );
    expect(signed.hashedCanonicalRequest).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
    expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    );
    expect(signed.signingKey.toString('hex')).toBe('b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af');
    expect(signed.signature).toBe('10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
    );
  });

  it('TC3-B, the earlier revision of the same doc (partially masked key)', () => {
    const signed = signTc3(CVM_POST, { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' });

    expect(signed.hashedCanonicalRequest).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
    expect(signed.signature).toBe('be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host;x-tc-action, Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
    );
  });

  it('TC3-C, the 2018 doc: GET with a query string and an empty body', () => {
    const signed = signTc3(
      {
        method: 'GET',
        query: 'Limit=10&Offset=0',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Host: 'cvm.tencentcloudapi.com' },
        payload: '',
        service: 'cvm',
        timestamp: 1539084154,
      },
      { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' },
    );

    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/',
        'Limit=10&Offset=0',
        'content-type:application/x-www-form-urlencoded',
        'host:cvm.tencentcloudapi.com',
        '',
        'content-type;host',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.hashedCanonicalRequest).toBe('91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7');
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1539084154\n2018-10-09/cvm/tc3_request\n91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7',
    );
    expect(signed.signature).toBe('5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2018-10-09/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474',
    );
  });

  it('the third-party vector (tencentcloud-sdk-flutter test_sign.dart): TC3-A body with the EXAMPLE keys, content-type;host only', () => {
    const { 'X-TC-Action': _action, ...headers } = CVM_POST.headers;
    const signed = signTc3(
      { ...CVM_POST, headers },
      { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' },
    );

    expect(signed.signedHeaders).toBe('content-type;host');
    expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });
});

describe('signTc3 rules', () => {
  it('lower-cases and trims header names and values and sorts them by name, whatever order they come in', () => {
    const signed = signTc3(
      { ...CVM_POST, headers: { ' X-TC-Action ': ' DescribeInstances ', HOST: 'CVM.tencentcloudapi.com', 'content-type': 'application/json; charset=utf-8' } },
      { secretId: 'id', secretKey: '*'.repeat(32) },
    );
    expect(signed.hashedCanonicalRequest).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
  });

  it('hashes the body bytes: a Buffer and the same UTF-8 string sign alike, another body does not', () => {
    const body = '{"Domain":"例子.com"}';
    const credentials = { secretId: 'id', secretKey: 'key' };
    const asString = signTc3({ ...CVM_POST, payload: body }, credentials);
    const asBuffer = signTc3({ ...CVM_POST, payload: Buffer.from(body, 'utf8') }, credentials);
    const other = signTc3({ ...CVM_POST, payload: `${body} ` }, credentials);
    expect(asBuffer.signature).toBe(asString.signature);
    expect(other.signature).not.toBe(asString.signature);
  });

  it('dates the credential scope in UTC: 00:30 in Beijing is still the previous UTC day', () => {
    // 2024-03-01 00:30 +08:00 = 2024-02-29 16:30 UTC.
    const timestamp = Date.UTC(2024, 1, 29, 16, 30) / 1000;
    expect(tc3Date(timestamp)).toBe('2024-02-29');
    expect(signTc3({ ...CVM_POST, timestamp }, { secretId: 'id', secretKey: 'key' }).credentialScope).toBe('2024-02-29/cvm/tc3_request');
    expect(tc3Date(Date.UTC(2024, 1, 29, 23, 59, 59) / 1000)).toBe('2024-02-29');
    expect(tc3Date(Date.UTC(2024, 2, 1, 0, 0, 0) / 1000)).toBe('2024-03-01');
  });
});

/**
 * The fake verifies signatures with its own implementation of the document; these show that the
 * two agree on a correct request and that the fake really refuses each kind of mistake.
 */
describe('the fake DNSPod verifies every signature independently', () => {
  const SECRET_ID = 'AKIDfakeSignerTest0123456789abcdef';
  const SECRET_KEY = 'fakeSignerTestKey0123456789abcdef';
  let fake: FakeDnspod;

  beforeEach(async () => {
    fake = await startFakeDnspod({ secretId: SECRET_ID, secretKey: SECRET_KEY, domains: ['example.com'] });
  });
  afterEach(async () => {
    await fake.close();
  });

  interface Variation {
    signedBody?: string;
    sentBody?: string;
    signedHost?: string;
    timestamp?: number;
    secretKey?: string;
    secretId?: string;
    service?: string;
    signExtra?: Record<string, string>;
  }

  /** Signs a DescribeDomainList request with signTc3, optionally sending something other than what was signed. */
  async function send(variation: Variation = {}): Promise<{ Error?: { Code: string; Message: string }; RequestId?: string }> {
    const host = new URL(fake.url).host;
    const body = variation.sentBody ?? '{"Offset":0,"Limit":20}';
    const timestamp = variation.timestamp ?? Math.floor(Date.now() / 1000);
    const { authorization } = signTc3(
      {
        method: 'POST',
        query: '',
        headers: { 'Content-Type': 'application/json', Host: variation.signedHost ?? host, ...variation.signExtra },
        payload: variation.signedBody ?? body,
        service: variation.service ?? 'dnspod',
        timestamp,
      },
      { secretId: variation.secretId ?? SECRET_ID, secretKey: variation.secretKey ?? SECRET_KEY },
    );
    const response = await fetch(`${fake.url}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: authorization,
        'X-TC-Action': 'DescribeDomainList',
        'X-TC-Version': '2021-03-23',
        'X-TC-Timestamp': String(timestamp),
      },
      body,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { Response: { Error?: { Code: string; Message: string }; RequestId?: string } }).Response;
  }

  it('accepts a request signed by signTc3 and answers the documented envelope', async () => {
    const answer = await send();
    expect(answer.Error).toBeUndefined();
    expect(answer).toEqual(expect.objectContaining({ DomainList: [expect.objectContaining({ Name: 'example.com' })], RequestId: expect.any(String) }));
  });

  it.each<[string, Variation, string]>([
    ['a body other than the one signed', { signedBody: '{"Offset":0,"Limit":21}' }, 'AuthFailure.SignatureFailure'],
    ['a host other than the one sent to', { signedHost: 'dnspod.tencentcloudapi.com' }, 'AuthFailure.SignatureFailure'],
    ['the wrong secret key', { secretKey: 'wrong-key-0123456789abcdef' }, 'AuthFailure.SignatureFailure'],
    ['another service in the scope', { service: 'cvm' }, 'AuthFailure.SignatureFailure'],
    ['a signed header that is not sent', { signExtra: { 'X-TC-Region': 'ap-guangzhou' } }, 'AuthFailure.SignatureFailure'],
    ['an unknown SecretId', { secretId: 'AKIDunknown0000000000000000000000' }, 'AuthFailure.SecretIdNotFound'],
    ['a timestamp six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }, 'AuthFailure.SignatureExpire'],
  ])('refuses %s', async (_label, variation, code) => {
    const answer = await send(variation);
    expect(answer.Error?.Code).toBe(code);
    expect(answer.RequestId).toEqual(expect.any(String));
  });
});
