import type { WriteOnlyProvider } from '../types.js';
import { createWebhookProvider, DEFAULT_BODY, endpointBase, renderRequest, webhookSettings, type WebhookSettings } from './index.js';
import { webhookMetadata } from './metadata.js';
import { webhookTemplates } from './template.js';
import { jsonEscape } from '../../http-template.js';
import { humanIssueMessage } from '../../config/messages.js';
import { clearSecrets, redact } from '../../log/redact.js';
import { caught, providerContext, spec, type RecordingProviderContext } from '../../../test/helpers/provider-context.js';
import { startFakeServer, type FakeServer } from '../../../test/helpers/fake-server.js';

const IP = '81.2.69.160';
const OLD_IP = '81.2.69.1';
const IPV6 = '2a02:1388:1000::160';
const VALUES = { name: 'home.example.com', type: 'A', ip: IP, old_ip: OLD_IP };

function settings(overrides: Partial<WebhookSettings>): WebhookSettings {
  return { url: 'https://hooks.example.net/ddns', method: 'POST', headers: {}, body: undefined, ...overrides };
}

function configProblems(options: Record<string, unknown>): string[] {
  const result = webhookMetadata.configSchema.safeParse(options, { error: humanIssueMessage });
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.') || '(table)'}: ${issue.message}`);
}

describe('webhook templates', () => {
  it('JSON-escapes values in a JSON body and sets the JSON Content-Type', () => {
    const request = renderRequest(settings({ body: '{"host": "{name}", "addr": "{ip}", "was": "{old_ip}"}' }), { ...VALUES, name: 'we"ird\\name' });
    expect(request.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(request.body ?? '')).toEqual({ host: 'we"ird\\name', addr: IP, was: OLD_IP });
    expect(jsonEscape('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });

  it('JSON-escapes by Content-Type even when the body does not look like JSON', () => {
    const request = renderRequest(settings({ body: '"{name}"', headers: { 'content-type': 'application/vnd.api+json' } }), { ...VALUES, name: 'a"b' });
    expect(request.body).toBe('"a\\"b"');
    expect(request.headers).toEqual({ 'content-type': 'application/vnd.api+json' });
  });

  it('sends every variable as JSON when POST or PUT has no body', () => {
    const request = renderRequest(settings({ method: 'PUT' }), VALUES);
    expect(DEFAULT_BODY).toContain('{old_ip}');
    expect(JSON.parse(request.body ?? '')).toEqual({ name: 'home.example.com', type: 'A', ip: IP, old_ip: OLD_IP });
  });

  it('percent-encodes values in the url and in a form body; leaves a plain body as written', () => {
    const aaaa = { ...VALUES, type: 'AAAA', ip: IPV6, old_ip: '' };
    const get = renderRequest(settings({ method: 'GET', url: 'https://hooks.example.net/update/{name}?ip={ip}&old={old_ip}&t={type}' }), aaaa);
    expect(get).toEqual({
      url: 'https://hooks.example.net/update/home.example.com?ip=2a02%3A1388%3A1000%3A%3A160&old=&t=AAAA',
      method: 'GET',
      headers: {},
      body: undefined,
    });
    const form = renderRequest(settings({ body: 'ip={ip}&host={name}', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), aaaa);
    expect(form.body).toBe('ip=2a02%3A1388%3A1000%3A%3A160&host=home.example.com');
    const plain = renderRequest(settings({ body: 'set {name} to {ip}' }), VALUES);
    expect(plain).toMatchObject({ body: 'set home.example.com to 81.2.69.160', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  });

  it('sends a body that starts with a variable as text: the braces of {name} do not make it JSON', () => {
    const request = renderRequest(settings({ body: '{name} changed to {ip}' }), { ...VALUES, name: 'we"ird\\name' });
    expect(request.body).toBe(`we"ird\\name changed to ${IP}`);
    expect(request.headers).toEqual({ 'Content-Type': 'text/plain; charset=utf-8' });
    expect(renderRequest(settings({ body: '{ip}' }), VALUES)).toMatchObject({ body: IP, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  });

  it('finds unknown variables but not JSON braces', () => {
    expect(webhookTemplates.unknownVariables('{"a": {"b": "{ip}"}, "c": {}, "d": "{error}", "e": "{IP}"}')).toEqual(['error', 'IP']);
  });
});

describe('webhook config schema', () => {
  it('accepts a minimal and a full table, method in any case', () => {
    expect(configProblems({ url: 'https://hooks.example.net/x?ip={ip}' })).toEqual([]);
    const full = { url: 'http://10.0.0.2/dns', method: 'put', headers: { Authorization: 'Bearer abc', 'X-Trace': '1' }, body: '{"ip": "{ip}"}' };
    expect(configProblems(full)).toEqual([]);
    expect(webhookMetadata.configSchema.parse(full)).toMatchObject({ method: 'PUT' });
    expect(webhookMetadata.configSchema.parse({ url: 'https://x.example' })).toMatchObject({ method: 'POST' });
  });

  it('names each problem', () => {
    expect(configProblems({ url: 'ftp://x.example/{ipaddr}', method: 'DELETE', headers: { 'Bad Name': 'x', Host: 'y', 'X-Ok': 'a\nb' }, body: '{nam}' })).toEqual([
      'url: unknown variable {ipaddr} (known: {name}, {type}, {ip}, {old_ip})',
      'url: expected an http:// or https:// URL (variables such as {ip} allowed)',
      'method: must be one of GET, POST, PUT',
      'headers.X-Ok: must not contain line breaks',
      'headers.Bad Name: is not a valid header name',
      'headers.Host: is set by ddns itself and cannot be configured',
      'body: unknown variable {nam} (known: {name}, {type}, {ip}, {old_ip})',
    ]);
    expect(configProblems({ url: 'https://x.example', method: 'GET', body: 'x' })).toEqual([
      'body: is not sent with method GET: put the variables in url, or use POST or PUT',
    ]);
  });

  it('treats the url as a secret key and header values as secrets', () => {
    expect(webhookMetadata.secretKeys).toEqual(['url']);
    expect(webhookMetadata.secretTables).toEqual(['headers']);
    expect(webhookMetadata.writeOnly).toBe(true);
  });
});

describe('webhook provider against a local receiver', () => {
  let receiver: FakeServer;
  let context: RecordingProviderContext;

  beforeEach(async () => {
    receiver = await startFakeServer(() => ({ status: 204 }));
    context = providerContext();
  });
  afterEach(async () => {
    await receiver.close();
    clearSecrets();
  });

  function provider(options: Record<string, unknown>, endpoint?: string): WriteOnlyProvider {
    return createWebhookProvider({ method: 'POST', ...options }, { ...context, endpoint }) as WriteOnlyProvider;
  }

  it('sends method, headers and the rendered body; 2xx confirms', async () => {
    const hook = provider({
      url: `${receiver.url}/hook/{name}?ip={ip}`,
      method: 'PUT',
      headers: { Authorization: 'Bearer hook-secret-77aa', 'X-Zone': 'example.com' },
      body: '{"ip":"{ip}","old":"{old_ip}","type":"{type}"}',
    });
    await expect(hook.set(spec('home.example.com'), IP, OLD_IP)).resolves.toMatchObject({ content: IP, name: 'home.example.com' });
    const [request] = receiver.requests;
    expect(request?.method).toBe('PUT');
    expect(request?.path).toBe('/hook/home.example.com');
    expect(request?.query.get('ip')).toBe(IP);
    expect(request?.headers.authorization).toBe('Bearer hook-secret-77aa');
    expect(request?.headers['x-zone']).toBe('example.com');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ ip: IP, old: OLD_IP, type: 'A' });
  });

  it('renders {old_ip} empty when there is no previous address', async () => {
    await provider({ url: `${receiver.url}/hook` }).set(spec('home.example.com', 'AAAA'), IPV6);
    expect(JSON.parse(receiver.requests[0]?.body ?? '')).toEqual({ name: 'home.example.com', type: 'AAAA', ip: IPV6, old_ip: '' });
  });

  it('sends a body that starts with a variable as plain text, values as they are', async () => {
    await provider({ url: `${receiver.url}/hook`, body: '{name} changed: "{old_ip}" -> "{ip}"' }).set(spec('home.example.com', 'AAAA'), IPV6, '2a02:1388:1000::1');
    const [request] = receiver.requests;
    expect(request?.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(request?.body).toBe(`home.example.com changed: "2a02:1388:1000::1" -> "${IPV6}"`);
  });

  it('maps non-2xx answers: 429 and 5xx are retried, 3xx and other 4xx are not', async () => {
    const hook = provider({ url: `${receiver.url}/hook` });
    const answer = async (status: number, body = '', headers: Record<string, string> = {}) => {
      receiver.injectFault({ kind: 'reply', reply: { status, body, headers } });
      return caught(hook.set(spec('home.example.com'), IP));
    };
    expect(await answer(429, '', { 'Retry-After': '3' })).toMatchObject({ kind: 'rate-limit', retryAfterMs: 3000, retryable: true });
    const serverError = await answer(503, 'maintenance');
    expect(serverError).toMatchObject({ kind: 'transient', status: 503, retryable: true });
    expect(serverError.message).toMatch(/^webhook to 127\.0\.0\.1:\d+: server error \(HTTP 503\): "maintenance"$/);
    expect(await answer(302, '', { Location: 'https://elsewhere.example/' })).toMatchObject({ kind: 'config', retryable: false });
    expect(await answer(401, 'bad key')).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    const notFound = await answer(404, 'no such hook');
    expect(notFound).toMatchObject({ kind: 'config', status: 404, retryable: false });
    expect(notFound.message).toMatch(/refused the request \(HTTP 404\): "no such hook"; check url, method, headers and body/);
  });

  it('masks the sent url in the HTTP client\'s lines and names a failed request by host only', async () => {
    const secretPath = '/hooks/T0001/B0002/xoxb-secret-path-9f8e';
    const hook = provider({ url: `${receiver.url}${secretPath}?ip={ip}` });
    await hook.set(spec('home.example.com'), IP);
    const lines = context.httpDebug.map(redact).join('\n');
    expect(lines).toMatch(/HTTP POST \*\*\*/);
    expect(lines).not.toContain('xoxb-secret-path');

    await receiver.close();
    const error = await caught(hook.set(spec('home.example.com'), IP));
    expect(error).toMatchObject({ kind: 'transient' });
    expect(error.message).toMatch(/^webhook to 127\.0\.0\.1:\d+: ECONNREFUSED$/);
    receiver = await startFakeServer(() => ({ status: 204 }));
  });

  it('sends to endpoint instead of the url\'s scheme, host and port, keeping the url\'s path and query', async () => {
    await provider({ url: 'https://hooks.example.net/hook/{name}?ip={ip}' }, receiver.url).set(spec('home.example.com'), IP);
    await provider({ url: 'https://hooks.example.net/hook/{name}?ip={ip}' }, `${receiver.url}/proxy/`).set(spec('home.example.com'), IP);
    expect(receiver.requests.map((request) => `${request.path}?${request.query.toString()}`)).toEqual([
      `/hook/home.example.com?ip=${IP}`,
      `/proxy/hook/home.example.com?ip=${IP}`,
    ]);
    expect(endpointBase('https://y.example:8443/base/')).toBe('https://y.example:8443/base');
  });

  it('refuses an endpoint that cannot stand for a scheme, host and port', () => {
    for (const bad of ['ftp://y.example', 'https://u:p@y.example', 'https://y.example/?a=1', 'not a url']) {
      expect(endpointBase(bad)).toBeUndefined();
      expect(() => provider({ url: 'https://x.example' }, bad)).toThrow(/endpoint must be an http\(s\) URL without user, password, query or fragment/);
    }
  });

  it('reads validated options into settings', () => {
    expect(webhookSettings({ url: 'https://x.example', method: 'GET', headers: { A: 'b' } })).toEqual({ url: 'https://x.example', method: 'GET', headers: { A: 'b' }, body: undefined });
    expect(() => webhookSettings({ url: 'https://x.example', method: 'DELETE' })).toThrow(/method must be GET, POST or PUT/);
  });
});
