import { signV4 } from '../canonical-request.js';
import { verifyV4 } from '../../../test/helpers/fake-signatures.js';
import type { SeenRequest } from '../../../test/helpers/fake-server.js';
import { JDCLOUD2_V4, JDCLOUD3_V4 } from './signature.js';

/**
 * JD Cloud's published vectors (jdcloud-api/jdcloud-sdk-nodejs-signer, test/v3Test/utIlist.json,
 * run by its test/v3Test/compare.test.js): AK "ak", SK "sk", GET, region cn-north-1, service
 * apigatewaytestproductline, host apigw-internal-dev.cn-north-1.jcloudcs.com:8000, headers
 * X-Jdcloud-Date 20190917T064708Z, X-Jdcloud-Nonce "X-Jdcloud-Nonce", X-Jdcloud-Algorithm
 * JDCLOUD3-HMAC-SHA256 (host not signed), empty body. Case numbers are the list's 序号.
 */
const VECTORS: readonly [string, string, string][] = [
  ['3 路径为空 (empty path)', '/', '07d43a6100afb64111d003f4a7d688d3ecf9e6b8c32d9dcb1722ec3dadeb6846'],
  ['4 路径无斜杠 (v1)', '/v1', 'ad76602f91e3ce4fabb0b7f925417d132efe411356ff0df3d85e70ab1ae11048'],
  ['5 路径结尾有斜杠 (v1/)', '/v1/', 'caa8ed3df3aee0b59425221afd4f51b6662f89c641d84a0c91bf53a7fd2eeca0'],
  ['2 路径含有中文 (Chinese path)', '/v1/regions/cn-north-1/instances/中文:GET', 'cf628bb7d6f37c8980da4e7a7e8f3950619726506c8d881d2629b457aa08b890'],
];

const HOST = 'http://apigw-internal-dev.cn-north-1.jcloudcs.com:8000';
const SCOPE = { region: 'cn-north-1', service: 'apigatewaytestproductline' };
const AT = new Date('2019-09-17T06:47:08Z');

describe('jdcloud signer on the shared V4 signer', () => {
  it.each(VECTORS)("JDCLOUD3 reproduces JD Cloud's published vector %s", (_case, path, signature) => {
    const signed = signV4(
      { method: 'GET', url: `${HOST}${path}`, headers: { 'X-Jdcloud-Nonce': 'X-Jdcloud-Nonce', 'X-Jdcloud-Algorithm': 'JDCLOUD3-HMAC-SHA256' }, body: '' },
      { accessKeyId: 'ak', secretAccessKey: 'sk' },
      JDCLOUD3_V4,
      SCOPE,
      AT,
    );
    expect(signed.authorization).toBe(
      `JDCLOUD3-HMAC-SHA256 Credential=ak/20190917/cn-north-1/apigatewaytestproductline/jdcloud3_request, SignedHeaders=x-jdcloud-algorithm;x-jdcloud-date;x-jdcloud-nonce, Signature=${signature}`,
    );
  });

  it('JDCLOUD2 (what the DNS API gets) agrees with the independent verifier and differs from JDCLOUD3', () => {
    const headers = { Host: 'domainservice.jdcloud-api.com', 'Content-Type': 'application/json', 'X-Jdcloud-Nonce': '5f1e1c1e-0000-4000-8000-000000000001' };
    const url = 'https://domainservice.jdcloud-api.com/v2/regions/cn-north-1/domain?pageNumber=1&pageSize=10';
    const scope = { region: 'cn-north-1', service: 'domainservice' };
    const signed = signV4({ method: 'GET', url, headers, body: '' }, { accessKeyId: 'AK2', secretAccessKey: 'SK2' }, JDCLOUD2_V4, scope, AT);
    expect(signed.credentialScope).toBe('20190917/cn-north-1/domainservice/jdcloud2_request');
    const seen: SeenRequest = {
      method: 'GET',
      path: '/v2/regions/cn-north-1/domain',
      query: new URLSearchParams('pageNumber=1&pageSize=10'),
      headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value])),
      body: '',
    };
    const expectation = { algorithm: 'JDCLOUD2-HMAC-SHA256', terminator: 'jdcloud2_request', dateHeader: 'x-jdcloud-date', ...scope, requiredSigned: ['host', 'x-jdcloud-date', 'x-jdcloud-nonce'], secretOf: () => 'SK2' };
    expect(verifyV4(seen, { ...expectation, keyPrefix: 'JDCLOUD2' })).toMatchObject({ ok: true });
    expect(verifyV4(seen, { ...expectation, keyPrefix: 'JDCLOUD3' })).toEqual({ ok: false, reason: 'mismatch' });
  });
});
