import { sha256Hex } from '../signing.js';
import {
  canonicalHeaders,
  canonicalUri,
  deriveSigningKey,
  queryPairs,
  signRequest,
  type AwsCredentials,
  type SigV4Request,
} from './sigv4.js';
import { sigV4Signature } from './fake.js';

/**
 * Vectors of the AWS SigV4 test suite (aws-sig-v4-test-suite: access key AKIDEXAMPLE, region
 * us-east-1, service "service", 20150830T123600Z) and the IAM ListUsers example of the AWS
 * SigV4 documentation, as collected in /work/shared/providers/route53-sigv4.md.
 */
const SUITE_CREDENTIALS: AwsCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_SCOPE = { region: 'us-east-1', service: 'service' };
const SUITE_TIME = new Date('2015-08-30T12:36:00Z');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function suiteRequest(method: string, path: string, extraHeaders: Record<string, string> = {}, body = ''): SigV4Request {
  return {
    method,
    url: `https://example.amazonaws.com${path}`,
    headers: { Host: 'example.amazonaws.com', 'X-Amz-Date': '20150830T123600Z', ...extraHeaders },
    body,
  };
}

interface Vector {
  name: string;
  request: SigV4Request;
  canonicalRequest: string;
  signedHeaders: string;
  signature: string;
}

const VECTORS: Vector[] = [
  {
    name: 'post-vanilla',
    request: suiteRequest('POST', '/'),
    canonicalRequest: `POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY_SHA256}`,
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    request: suiteRequest('GET', '/?Param2=value2&Param1=value1'),
    canonicalRequest: `GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY_SHA256}`,
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-header-value-trim',
    request: suiteRequest('GET', '/', { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' }),
    canonicalRequest:
      'GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:20150830T123600Z\n\n' +
      `host;my-header1;my-header2;x-amz-date\n${EMPTY_SHA256}`,
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-x-www-form-urlencoded',
    request: suiteRequest('POST', '/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'Param1=value1'),
    canonicalRequest:
      'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n' +
      `content-type;host;x-amz-date\n${sha256Hex('Param1=value1')}`,
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
];

describe('SigV4 signer (AWS test-suite vectors)', () => {
  it('get-vanilla: canonical request, string to sign, signing key and Authorization byte for byte', () => {
    const signed = signRequest(suiteRequest('GET', '/'), SUITE_CREDENTIALS, SUITE_SCOPE, SUITE_TIME);

    expect(signed.canonicalRequest).toBe(
      `GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY_SHA256}`,
    );
    expect(signed.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    );
    expect(deriveSigningKey(SUITE_CREDENTIALS.secretAccessKey, '20150830', SUITE_SCOPE).toString('hex')).toBe(
      '938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75',
    );
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(signed.headers).toEqual({
      Host: 'example.amazonaws.com',
      'X-Amz-Date': '20150830T123600Z',
      Authorization: signed.authorization,
    });
  });

  it.each(VECTORS)('$name: canonical request and signature', ({ request, canonicalRequest, signedHeaders, signature }) => {
    const signed = signRequest(request, SUITE_CREDENTIALS, SUITE_SCOPE, SUITE_TIME);

    expect(signed.canonicalRequest).toBe(canonicalRequest);
    expect(signed.stringToSign).toBe(`AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n${sha256Hex(canonicalRequest)}`);
    expect(signed.signedHeaders).toBe(signedHeaders);
    expect(signed.signature).toBe(signature);
  });

  it('post-x-www-form-urlencoded: the string to sign hashes to the published 42a5e5bb…1281 (content-length unsigned)', () => {
    const vector = VECTORS.find((candidate) => candidate.name === 'post-x-www-form-urlencoded');
    if (vector === undefined) throw new Error('vector missing');
    const signed = signRequest(vector.request, SUITE_CREDENTIALS, SUITE_SCOPE, SUITE_TIME);
    const hash = signed.stringToSign.split('\n')[3] ?? '';
    expect(hash.startsWith('42a5e5bb')).toBe(true);
    expect(hash.endsWith('1281')).toBe(true);
  });

  it('the AWS documentation example (IAM ListUsers) signs as published', () => {
    const signed = signRequest(
      {
        method: 'GET',
        url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'X-Amz-Date': '20150830T123600Z' },
        body: '',
      },
      SUITE_CREDENTIALS,
      { region: 'us-east-1', service: 'iam' },
      SUITE_TIME,
    );
    expect(signed.canonicalRequest).toBe(
      'GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\n' +
        `host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n${EMPTY_SHA256}`,
    );
    expect(signed.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(deriveSigningKey(SUITE_CREDENTIALS.secretAccessKey, '20150830', { region: 'us-east-1', service: 'iam' }).toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
    expect(signed.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    // Host comes from the URL when the caller does not give it: the host the request is sent to.
    expect(signed.headers['Host']).toBe('iam.amazonaws.com');
  });
});

describe('SigV4 signer details', () => {
  it('signs the host actually requested, port included, so an endpoint override is signed for itself', () => {
    const signed = signRequest({ method: 'GET', url: 'http://127.0.0.1:8443/2013-04-01/hostedzonesbyname', headers: {}, body: '' }, SUITE_CREDENTIALS, SUITE_SCOPE, SUITE_TIME);
    expect(signed.headers['Host']).toBe('127.0.0.1:8443');
    expect(signed.canonicalRequest).toContain('\nhost:127.0.0.1:8443\n');
    const defaultPort = signRequest({ method: 'GET', url: 'https://route53.amazonaws.com:443/', headers: {}, body: '' }, SUITE_CREDENTIALS, SUITE_SCOPE, SUITE_TIME);
    expect(defaultPort.headers['Host']).toBe('route53.amazonaws.com');
  });

  it('adds and signs X-Amz-Security-Token for temporary credentials', () => {
    const signed = signRequest(suiteRequest('GET', '/'), { ...SUITE_CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' }, SUITE_SCOPE, SUITE_TIME);
    expect(signed.headers['X-Amz-Security-Token']).toBe('FwoGZXIvYXdzEXAMPLETOKEN');
    expect(signed.signedHeaders).toBe('host;x-amz-date;x-amz-security-token');
    expect(signed.canonicalRequest).toContain('\nx-amz-security-token:FwoGZXIvYXdzEXAMPLETOKEN\n');
  });

  it('replaces a stale X-Amz-Date whatever its spelling and leaves the input untouched', () => {
    const request = suiteRequest('GET', '/', { 'x-amz-date': '20000101T000000Z' });
    delete request.headers['X-Amz-Date'];
    const before = JSON.stringify(request);
    const signed = signRequest(request, SUITE_CREDENTIALS, SUITE_SCOPE, SUITE_TIME);
    expect(signed.headers['X-Amz-Date']).toBe('20150830T123600Z');
    expect(signed.headers['x-amz-date']).toBeUndefined();
    expect(JSON.stringify(request)).toBe(before);
  });

  it('normalises the path and encodes each segment of the path as sent once more (non-S3 rule)', () => {
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/2013-04-01/hostedzone/Z0123ABC/rrset')).toBe('/2013-04-01/hostedzone/Z0123ABC/rrset');
    expect(canonicalUri('/a/./b/../c//d/')).toBe('/a/c/d/');
    expect(canonicalUri('/documents%20and%20settings/')).toBe('/documents%2520and%2520settings/');
  });

  it('decodes query pairs so that they are re-encoded once, keeping empty values', () => {
    expect(queryPairs('?b=x%20y&a&c=%2F')).toEqual([['b', 'x y'], ['a', ''], ['c', '/']]);
    expect(queryPairs('')).toEqual([]);
  });

  it('joins repeated header names with commas and collapses inner whitespace', () => {
    expect(canonicalHeaders({ 'X-A': 'one', 'x-a': ' two  three ', Host: 'h' })).toEqual({ block: 'host:h\nx-a:one,two three\n', signedHeaders: 'host;x-a' });
  });
});

describe("the fake's independent SigV4 implementation", () => {
  it('reproduces the get-vanilla and IAM example signatures from the raw request', () => {
    const vanilla = sigV4Signature(
      { method: 'GET', path: '/', query: new URLSearchParams(), headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' }, body: '' },
      ['host', 'x-amz-date'],
      SUITE_CREDENTIALS.secretAccessKey,
      '20150830T123600Z',
      SUITE_SCOPE,
    );
    expect(vanilla.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');

    const iam = sigV4Signature(
      {
        method: 'GET',
        path: '/',
        query: new URLSearchParams('Version=2010-05-08&Action=ListUsers'),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'iam.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
        body: '',
      },
      ['content-type', 'host', 'x-amz-date'],
      SUITE_CREDENTIALS.secretAccessKey,
      '20150830T123600Z',
      { region: 'us-east-1', service: 'iam' },
    );
    expect(iam.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('reproduces the post-x-www-form-urlencoded and header-trim signatures', () => {
    const form = sigV4Signature(
      {
        method: 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
        body: 'Param1=value1',
      },
      ['content-type', 'host', 'x-amz-date'],
      SUITE_CREDENTIALS.secretAccessKey,
      '20150830T123600Z',
      SUITE_SCOPE,
    );
    expect(form.signature).toBe('ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a');

    const trim = sigV4Signature(
      {
        method: 'GET',
        path: '/',
        query: new URLSearchParams(),
        headers: { host: 'example.amazonaws.com', 'my-header1': ' value1', 'my-header2': ' "a   b   c"', 'x-amz-date': '20150830T123600Z' },
        body: '',
      },
      ['host', 'my-header1', 'my-header2', 'x-amz-date'],
      SUITE_CREDENTIALS.secretAccessKey,
      '20150830T123600Z',
      SUITE_SCOPE,
    );
    expect(trim.signature).toBe('acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736');
  });
});
