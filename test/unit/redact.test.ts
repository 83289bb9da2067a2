import { clearSecrets, redact, redactValue, registerSecrets } from '../../src/log/redact.js';

describe('redact', () => {
  afterEach(() => clearSecrets());

  it('masks a registered secret in its plain, URL-encoded and base64 forms', () => {
    const secret = 'p@ss word/+=42';
    registerSecrets([secret]);
    const text = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')].join(' | ');
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    expect(out.match(/\*\*\*/g)).toHaveLength(3);
  });

  it('masks tokens in query strings, auth headers and URL credentials even when unregistered', () => {
    expect(redact('GET https://www.duckdns.org/update?domains=x&token=abc123&ip=1.2.3.4')).toBe(
      'GET https://www.duckdns.org/update?domains=x&token=***&ip=1.2.3.4',
    );
    expect(redact('Authorization: Bearer abcdef.123')).toBe('Authorization: ***');
    expect(redact('http://user:hunter2@members.dyndns.org/nic/update')).toBe('http://***@members.dyndns.org/nic/update');
    expect(redact('?Signature=abc%2Bdef&x=1')).toBe('?Signature=***&x=1');
  });

  it('ignores secrets too short to mask without destroying the text', () => {
    registerSecrets(['a', '']);
    expect(redact('a cat')).toBe('a cat');
  });

  it('redacts every string in a nested value', () => {
    registerSecrets(['s3cr3t-value']);
    expect(redactValue({ a: ['x s3cr3t-value'], b: { c: 's3cr3t-value' }, n: 1, z: null })).toEqual({ a: ['x ***'], b: { c: '***' }, n: 1, z: null });
  });
});
