import { canonicalQueryString, hmacHex, percentEncode, sha256Hex, amzDate } from '../../src/providers/signing.js';

describe('shared signing primitives', () => {
  it('percent-encodes as RFC 3986 requires', () => {
    expect(percentEncode("a b!'()*~-_.é/+=&")).toBe('a%20b%21%27%28%29%2A~-_.%C3%A9%2F%2B%3D%26');
  });

  it('sorts canonical query strings by encoded key, then value, in byte order', () => {
    expect(canonicalQueryString([['b', '2'], ['a', 'x y'], ['B', '1'], ['a', 'w']])).toBe('B=1&a=w&a=x%20y&b=2');
    expect(canonicalQueryString({ Version: '2015-01-09', Action: 'DescribeDomains' })).toBe('Action=DescribeDomains&Version=2015-01-09');
  });

  it('hashes with the RFC 4231 HMAC-SHA256 test case 2 and the empty-string SHA-256', () => {
    expect(hmacHex('sha256', 'Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('formats signing timestamps in UTC', () => {
    expect(amzDate(new Date('2015-08-30T12:36:00.000Z'))).toEqual({ dateTime: '20150830T123600Z', date: '20150830' });
  });
});
