import type { V4Scheme } from '../canonical-request.js';

/**
 * JD Cloud's signatures as data on the shared V4-family signer (src/providers/canonical-request.ts).
 * JDCLOUD2 is what JD Cloud's SDKs send to the DNS API (jdcloud-api/jdcloud-sdk-go core/Signer.go):
 * SigV4's layout with the key prefix "JDCLOUD2", the terminator "jdcloud2_request" and the date in
 * x-jdcloud-date, plus a signed x-jdcloud-nonce header. JDCLOUD3, chosen by an x-jdcloud-algorithm
 * header, differs only in those three names; JD Cloud publishes worked examples for it (the
 * signer's test list, jdcloud-api/jdcloud-sdk-nodejs-signer test/v3Test/utIlist.json), so it
 * checks the shared layout, JD Cloud's path rule included.
 */
export const JDCLOUD2_V4: V4Scheme = {
  algorithm: 'JDCLOUD2-HMAC-SHA256',
  secretPrefix: 'JDCLOUD2',
  terminator: 'jdcloud2_request',
  dateHeader: 'x-jdcloud-date',
  pathEncoding: 'once',
};

export const JDCLOUD3_V4: V4Scheme = { ...JDCLOUD2_V4, algorithm: 'JDCLOUD3-HMAC-SHA256', secretPrefix: 'JDCLOUD3', terminator: 'jdcloud3_request' };
