import {
  rpcCanonicalQuery,
  rpcSignature,
  rpcStringToSign,
  rpcTimestamp,
  signRpcRequest,
} from '../rpc-signature.js';
import { fakeExpectedSignature, fakePercentEncode, fakeStringToSign } from './fake.js';

/**
 * The RPC signature V1 (HMAC-SHA1) against every worked example listed in WIRE.md of this
 * folder, byte for byte, for both the client's signer and the fake's
 * independent verifier. V1-A's canonical query, string to sign, signature and signed query are
 * published (Alidns doc 29747; the canonical query also on the Japanese Alidns reference page).
 * For V1-B/C/D only the signatures are published: their canonical queries and strings to sign
 * below were written out by hand from the documented rules (and cross-checked with Python's
 * urllib.parse.quote + hmac), and the published signature proves them byte for byte.
 */
interface Vector {
  name: string;
  secret: string;
  params: Record<string, string>;
  canonicalQuery: string;
  stringToSign: string;
  signature: string;
}

const VECTORS: Vector[] = [
  {
    name: 'V1-A Alidns DescribeDomainRecords (doc 29747)',
    secret: 'testsecret',
    params: {
      AccessKeyId: 'testid',
      Action: 'DescribeDomainRecords',
      DomainName: 'example.com',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: 'f59ed6a9-83fc-473b-9cc6-99c95df3856e',
      SignatureVersion: '1.0',
      Timestamp: '2016-03-24T16:41:54Z',
      Version: '2015-01-09',
    },
    canonicalQuery:
      'AccessKeyId=testid&Action=DescribeDomainRecords&DomainName=example.com&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=f59ed6a9-83fc-473b-9cc6-99c95df3856e&SignatureVersion=1.0&Timestamp=2016-03-24T16%3A41%3A54Z&Version=2015-01-09',
    stringToSign:
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDomainRecords%26DomainName%3Dexample.com%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Df59ed6a9-83fc-473b-9cc6-99c95df3856e%26SignatureVersion%3D1.0%26Timestamp%3D2016-03-24T16%253A41%253A54Z%26Version%3D2015-01-09',
    signature: 'uRpHwaSEt3J+6KQD//svCh/x+pI=',
  },
  {
    name: 'V1-B ECS DescribeRegions (common RPC doc, key spelled Timestamp)',
    secret: 'testsecret',
    params: {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    },
    canonicalQuery:
      'AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26',
    stringToSign:
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
  },
  {
    name: 'V1-B ECS DescribeRegions (older doc copies, key spelled TimeStamp)',
    secret: 'testsecret',
    params: {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      TimeStamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    },
    canonicalQuery:
      'AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&TimeStamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26',
    stringToSign:
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    signature: 'CT9X0VtwR86fNWSnsc6v8YGOjuE=',
  },
  {
    name: 'V1-C DescribeDedicatedHosts (rpc-mechanism, Format JSON, RegionId)',
    secret: 'testsecret',
    params: {
      AccessKeyId: 'testid',
      Action: 'DescribeDedicatedHosts',
      Format: 'JSON',
      RegionId: 'cn-beijing',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: 'edb2b34af0af9a6d14deaf7c1a5315eb',
      SignatureVersion: '1.0',
      Timestamp: '2023-03-13T08:34:30Z',
      Version: '2014-05-26',
    },
    canonicalQuery:
      'AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26',
    stringToSign:
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26',
    signature: '9NaGiOspFP5UPcwX8Iwt2YJXXuk=',
  },
  {
    name: 'V1-D SMS SendSms (UTF-8 value, JSON value, SignName before SignatureMethod)',
    secret: 'testSecret',
    params: {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    },
    canonicalQuery:
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    stringToSign:
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    signature: 'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
  },
];

/** The parameters in a deliberately unsorted order, so sorting is part of what is tested. */
function shuffled(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).reverse());
}

describe('Alidns RPC signature V1: the client signer', () => {
  it.each(VECTORS.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const signed = signRpcRequest('GET', shuffled(vector.params), vector.secret);

    expect(signed.canonicalQuery).toBe(vector.canonicalQuery);
    expect(signed.stringToSign).toBe(vector.stringToSign);
    expect(signed.signature).toBe(vector.signature);
    // The building blocks give the same bytes one step at a time.
    expect(rpcCanonicalQuery(vector.params)).toBe(vector.canonicalQuery);
    expect(rpcStringToSign('GET', vector.canonicalQuery)).toBe(vector.stringToSign);
    expect(rpcSignature(vector.stringToSign, vector.secret)).toBe(vector.signature);
  });

  it('produces the published signed query of V1-A, Signature percent-encoded last', () => {
    const [vectorA] = VECTORS;
    if (vectorA === undefined) throw new Error('missing vector');

    expect(signRpcRequest('GET', vectorA.params, vectorA.secret).signedQuery).toBe(
      'AccessKeyId=testid&Action=DescribeDomainRecords&DomainName=example.com&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=f59ed6a9-83fc-473b-9cc6-99c95df3856e&SignatureVersion=1.0&Timestamp=2016-03-24T16%3A41%3A54Z&Version=2015-01-09&Signature=uRpHwaSEt3J%2B6KQD%2F%2FsvCh%2Fx%2BpI%3D',
    );
  });

  it('encodes the canonical query a second time: the literal-& rendering some doc pages print signs to something else', () => {
    const [vectorA] = VECTORS;
    if (vectorA === undefined) throw new Error('missing vector');
    const literal = vectorA.stringToSign.replace(/%26/g, '&');

    expect(signRpcRequest('GET', vectorA.params, vectorA.secret).stringToSign).not.toContain('&Action');
    expect(rpcSignature(literal, vectorA.secret)).not.toBe(vectorA.signature);
  });

  it('leaves a Signature parameter out of what it signs, and signs the method', () => {
    const [vectorA] = VECTORS;
    if (vectorA === undefined) throw new Error('missing vector');

    expect(rpcCanonicalQuery({ ...vectorA.params, Signature: 'anything' })).toBe(vectorA.canonicalQuery);
    expect(signRpcRequest('POST', vectorA.params, vectorA.secret).stringToSign).toBe(vectorA.stringToSign.replace(/^GET&/, 'POST&'));
    expect(signRpcRequest('POST', vectorA.params, vectorA.secret).signature).not.toBe(vectorA.signature);
  });

  it('percent-encodes space as %20, * as %2A, keeps ~, and encodes + / = &', () => {
    expect(rpcCanonicalQuery({ K: 'a b*c~d+e/f=g&h' })).toBe('K=a%20b%2Ac~d%2Be%2Ff%3Dg%26h');
  });

  it('formats Timestamp as yyyy-MM-ddTHH:mm:ssZ in UTC', () => {
    expect(rpcTimestamp(new Date('2016-03-24T16:41:54.789Z'))).toBe('2016-03-24T16:41:54Z');
    expect(rpcTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('2024-01-02T03:04:05Z');
  });
});

describe('Alidns RPC signature V1: the fake server verifier (independent implementation)', () => {
  it.each(VECTORS.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const params = Object.entries(shuffled(vector.params));

    expect(fakeStringToSign('GET', params)).toBe(vector.stringToSign);
    expect(fakeExpectedSignature('GET', params, vector.secret)).toBe(vector.signature);
  });

  it('encodes byte by byte like the documented Java URLEncoder + replacements', () => {
    expect(fakePercentEncode("a b*c~d+e/f=g&h!'()é")).toBe('a%20b%2Ac~d%2Be%2Ff%3Dg%26h%21%27%28%29%C3%A9');
  });
});
