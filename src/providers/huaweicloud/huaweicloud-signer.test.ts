import { createHash } from 'node:crypto';
import { canonicalUri, sdkDate, signRequest, type SignableRequest } from './client.js';
import { gatewayCanonicalRequest } from './fake.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';

/**
 * The worked example of Huawei's API signing guide (devg-apisign, "AK/SK signing and
 * authentication algorithm"), as WIRE.md in this folder quotes it: one request, its canonical
 * request, string to sign and the signatures published for three key pairs.
 */
const EXAMPLE: SignableRequest = {
  method: 'GET',
  url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  headers: {
    'Content-Type': 'application/json',
    Host: 'service.region.example.com',
    'X-Sdk-Date': '20191115T033655Z',
  },
  body: '',
};

const EXAMPLE_CANONICAL_REQUEST = [
  'GET',
  '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
  'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  'content-type:application/json',
  'host:service.region.example.com',
  'x-sdk-date:20191115T033655Z',
  '',
  'content-type;host;x-sdk-date',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');

const EXAMPLE_STRING_TO_SIGN = 'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a';

const EXAMPLE_SIGNATURES: Array<[string, string, string, string]> = [
  // [origin, access key, secret key, signature]
  ['the official signing guide (and the Java SDK test, older version)', 'QTWAOYTTINDUT2QVKYUC', 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe'],
  ['huaweicloud-sdk-java-v3 TestAKSKSigner', 'testAK', 'testSK', '1ce02ffed91dfc294aed8863aaf0fec29ccbf2f45ddcca7f120baabddba29782'],
  ['NewFuture/DDNS test_huawei_cloud_official_example', 'your_access_key_id', 'your_secret_access_key', '8037a231336d8904f667c082dd84fc06d7e6c7c278c2d8599db31d14e8ee19f9'],
];

describe('SDK-HMAC-SHA256 signer: the documented example, byte for byte', () => {
  it('builds the canonical request', () => {
    const { canonicalRequest } = signRequest(EXAMPLE, { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' });
    expect(canonicalRequest).toBe(EXAMPLE_CANONICAL_REQUEST);
  });

  it('builds the string to sign from the hashed canonical request', () => {
    const { stringToSign, signedHeaders } = signRequest(EXAMPLE, { accessKey: 'testAK', secretKey: 'testSK' });
    expect(stringToSign).toBe(EXAMPLE_STRING_TO_SIGN);
    expect(signedHeaders).toBe('content-type;host;x-sdk-date');
  });

  it.each(EXAMPLE_SIGNATURES)('signs as %s', (_origin, accessKey, secretKey, signature) => {
    const signed = signRequest(EXAMPLE, { accessKey, secretKey });
    expect(signed.signature).toBe(signature);
    expect(signed.authorization).toBe(`SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=content-type;host;x-sdk-date, Signature=${signature}`);
  });

  it('gives the full Authorization header of the signing guide', () => {
    expect(signRequest(EXAMPLE, { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' }).authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  it("is matched by the fake gateway's independent canonicalisation", () => {
    const seen: SeenRequest = {
      method: 'GET',
      path: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
      query: new URLSearchParams('marker=13551d6b-755d-4757-b956-536f674975c0&limit=2'),
      headers: { 'content-type': 'application/json', host: 'service.region.example.com', 'x-sdk-date': '20191115T033655Z' },
      body: '',
    };
    expect(gatewayCanonicalRequest(seen, ['content-type', 'host', 'x-sdk-date'])).toBe(EXAMPLE_CANONICAL_REQUEST);
  });
});

describe('SDK-HMAC-SHA256 signer details', () => {
  it('formats X-Sdk-Date in UTC as YYYYMMDDTHHMMSSZ', () => {
    expect(sdkDate(new Date('2019-11-15T03:36:55.789Z'))).toBe('20191115T033655Z');
  });

  it('appends the trailing slash Huawei requires and encodes each path segment', () => {
    expect(canonicalUri('/v2/zones')).toBe('/v2/zones/');
    expect(canonicalUri('/v2/zones/')).toBe('/v2/zones/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/a%20b/%C3%A9*')).toBe('/a%20b/%C3%A9%2A/');
  });

  it('signs the host actually sent to, with its port, when no Host header is given', () => {
    const signed = signRequest(
      { method: 'GET', url: 'http://127.0.0.1:8080/v2/zones?type=public', headers: { 'X-Sdk-Date': '20240101T000000Z' }, body: '' },
      { accessKey: 'ak', secretKey: 'sk' },
    );
    expect(signed.canonicalRequest.split('\n')).toEqual([
      'GET',
      '/v2/zones/',
      'type=public',
      'host:127.0.0.1:8080',
      'x-sdk-date:20240101T000000Z',
      '',
      'host;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });

  it('hashes the body, sorts and RFC 3986-encodes the query', () => {
    const body = '{"name":"home.example.com.","type":"A","records":["81.2.69.160"]}';
    const signed = signRequest(
      {
        method: 'post',
        url: 'https://dns.myhuaweicloud.com/v2.1/zones/ff80/recordsets?b=x y&a=1*',
        headers: { 'X-Sdk-Date': '20240101T000000Z', 'X-Project-Id': ' p1 ' },
        body,
      },
      { accessKey: 'ak', secretKey: 'sk' },
    );
    const lines = signed.canonicalRequest.split('\n');
    expect(lines[0]).toBe('POST');
    expect(lines[2]).toBe('a=1%2A&b=x%20y');
    expect(lines).toContain('x-project-id:p1');
    expect(lines.at(-1)).toBe(createHash('sha256').update(body).digest('hex'));
    expect(lines.at(-1)).not.toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(signed.signedHeaders).toBe('host;x-project-id;x-sdk-date');
  });

  it('refuses to sign without X-Sdk-Date', () => {
    expect(() => signRequest({ method: 'GET', url: 'https://x.example/', headers: {}, body: '' }, { accessKey: 'a', secretKey: 'b' })).toThrow(/X-Sdk-Date/);
  });
});
