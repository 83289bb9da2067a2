import { ProviderError } from '../http/errors.js';
import { startFakeServer, type FakeServer } from '../../test/helpers/fake-server.js';
import { caught, providerContext } from '../../test/helpers/provider-context.js';
import { AccessTokenCache, requestAccessToken, type AccessToken } from './oauth-token.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('oauth-token', () => {
  it('shares one fetch between concurrent callers, keeps the token, and asks again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const cache = new AccessTokenCache(async (): Promise<AccessToken> => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new ProviderError('transient', 'token endpoint down');
      return { value: `token-${calls}`, expiresAt: Date.now() + 3_600_000 };
    });
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    fail = false;
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['token-2', 'token-2', 'token-2']);
    expect(await cache.get()).toBe('token-2');
    expect(calls).toBe(2);
  });

  it('posts the form; a refusal is one line without the secret, the provider\'s reading first; 200 without a token is protocol', async () => {
    const replies = [
      { status: 401, body: { error: 'invalid_client', error_description: 'bad secret s3cr3t-value\r\nTrace ID: 1' } },
      { status: 400, body: { error: 'invalid_scope', error_description: 'no such scope' } },
      { status: 200, body: { token_type: 'mac', access_token: 'x' } },
      { status: 200, body: { access_token: 'tok', expires_in: 60 } },
    ];
    server = await startFakeServer(() => replies.shift() ?? { status: 500 });
    const { http } = providerContext();
    const request = { url: `${server.url}/token`, form: { client_secret: 's3cr3t-value' }, service: 'Test ID', secrets: ['s3cr3t-value'] };
    const refused = await caught(requestAccessToken(http, request));
    expect([refused.kind, refused.message]).toEqual(['auth', 'Test ID refused the token request (HTTP 401, invalid_client: bad secret ***)']);
    const own = await caught(requestAccessToken(http, { ...request, refused: (refusal, make) => make('config', `own: ${refusal.error}`) }));
    expect([own.kind, own.message]).toEqual(['config', 'own: invalid_scope']);
    expect((await caught(requestAccessToken(http, request))).kind).toBe('protocol');
    const token = await requestAccessToken(http, request, () => 1_000);
    expect(token).toEqual({ value: 'tok', expiresAt: 61_000 });
    expect(server.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.requests[0]?.body).toBe('client_secret=s3cr3t-value');
  });
});
