import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Config, NotifyConfig } from '../../src/config/types.js';
import type { RunReport } from '../../src/core/check.js';
import { nextStreak, notifierKeys, planMessages } from '../../src/notify/dispatch.js';
import type { Delivery, Message, RunOutcome } from '../../src/notify/message.js';
import { pingUrl } from '../../src/notify/healthchecks.js';
import { notifierStatuses } from '../../src/notify/status.js';
import { RunNotifications } from '../../src/notify/run.js';
import { secretPartsOfUrl, webhookNotifySchema } from '../../src/notify/schema.js';
import { renderWebhook } from '../../src/notify/webhook.js';
import { createLogger } from '../../src/log/logger.js';
import { clearSecrets, registerSecrets } from '../../src/log/redact.js';
import type { NotifierState, StateData } from '../../src/state/types.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';

function notifier(type: 'webhook' | 'healthchecks', on: string[], overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  const options = type === 'webhook' ? webhookNotifySchema.parse({}) : { start: false };
  return { type, url: 'https://hooks.example/secret-path-0123456789', on, options, secrets: [], line: undefined, ...overrides };
}

let clock = 0;
function outcome(kind: 'ok' | 'failed' | 'changed'): RunOutcome {
  clock += 1;
  return {
    failed: kind === 'failed',
    exitCode: kind === 'failed' ? 4 : 0,
    time: new Date(Date.UTC(2026, 10, 23, 10, clock)).toISOString(),
    host: 'nas',
    records: 2,
    changes:
      kind === 'changed'
        ? [
            { provider: 'cf', name: 'a.example.com', type: 'A', action: 'updated', ip: '81.2.69.192', oldIp: '81.2.69.160' },
            { provider: 'cf', name: 'b.example.com', type: 'A', action: 'created', ip: '81.2.69.192', oldIp: null },
          ]
        : [],
    problems: kind === 'failed' ? [{ provider: 'cf', name: 'a.example.com', type: 'A' }] : [],
    errors: kind === 'failed' ? ['a.example.com A (cf): api.cloudflare.com/client/v4/zones: server error (HTTP 500)'] : [],
    ips: ['81.2.69.192'],
  };
}

/** Runs the dispatcher over a sequence of runs, every message delivered (or none, when `deliver` says so). */
function simulate(config: NotifyConfig, runs: ('ok' | 'failed' | 'changed')[], deliver: (message: Message, run: number) => boolean = () => true) {
  let streak: NotifierState | undefined;
  const sent: string[][] = [];
  runs.forEach((kind, run) => {
    const result = outcome(kind);
    const messages = planMessages(config, result, streak);
    const deliveries: Delivery[] = messages.map((message) => ({ event: message.event, ok: deliver(message, run) }));
    sent.push(messages.map((message) => message.event));
    streak = nextStreak(config.type, streak, result, deliveries);
  });
  return { sent, streak };
}

describe('the dispatcher: which events a run fires', () => {
  test('on = ["failure"]: three failed runs alert once, the next good run recovers once, then silence', () => {
    const { sent, streak } = simulate(notifier('webhook', ['failure']), ['ok', 'failed', 'failed', 'failed', 'ok', 'ok']);
    expect(sent).toEqual([[], ['failure'], [], [], ['recovered'], []]);
    expect(streak).toEqual({ type: 'webhook' });
  });

  test('the streak counts failed runs and remembers when it began; the recovery message says so', () => {
    const config = notifier('webhook', ['failure']);
    let streak: NotifierState | undefined;
    const first = outcome('failed');
    streak = nextStreak('webhook', streak, first, [{ event: 'failure', ok: true }]);
    streak = nextStreak('webhook', streak, outcome('failed'), []);
    expect(streak).toEqual({ type: 'webhook', failingSince: first.time, failedRuns: 2, alerted: true });
    const [recovery] = planMessages(config, outcome('ok'), streak);
    expect(recovery?.values.message).toBe(`ddns on nas: recovered after 2 failed runs since ${first.time}; 2 records current`);
  });

  test('an alert that was not delivered is sent again on the next failed run; a lost recovery on the next good one', () => {
    const config = notifier('webhook', ['failure']);
    const failing = simulate(config, ['failed', 'failed', 'failed'], (_message, run) => run > 0);
    expect(failing.sent).toEqual([['failure'], ['failure'], []]);
    const recovering = simulate(config, ['failed', 'ok', 'ok', 'ok'], (message, run) => !(message.event === 'recovered' && run === 1));
    expect(recovering.sent).toEqual([['failure'], ['recovered'], ['recovered'], []]);
  });

  test('no recovery is sent for a failure nobody was told about', () => {
    const { sent } = simulate(notifier('webhook', ['failure']), ['failed', 'ok'], () => false);
    expect(sent).toEqual([['failure'], []]);
  });

  test('on = ["change"]: one message per changed record, with its values; failures say nothing', () => {
    const config = notifier('webhook', ['change']);
    const messages = planMessages(config, outcome('changed'), undefined);
    expect(messages.map((message) => message.values)).toEqual([
      expect.objectContaining({ event: 'change', name: 'a.example.com', type: 'A', provider: 'cf', ip: '81.2.69.192', old_ip: '81.2.69.160', error: '' }),
      expect.objectContaining({ event: 'change', name: 'b.example.com', ip: '81.2.69.192', old_ip: '' }),
    ]);
    expect(messages[0]?.values.message).toBe('ddns on nas: updated a.example.com A (cf): 81.2.69.160 → 81.2.69.192');
    expect(simulate(config, ['failed', 'failed', 'ok', 'changed']).sent).toEqual([[], [], [], ['change', 'change']]);
  });

  test('on = ["always"]: one message about every run', () => {
    const { sent } = simulate(notifier('webhook', ['always']), ['ok', 'failed', 'failed', 'ok', 'changed']);
    expect(sent).toEqual([['success'], ['failure'], ['failure'], ['recovered'], ['success']]);
  });

  test('on = ["change", "failure"]: changes and the streak, the change first', () => {
    const { sent } = simulate(notifier('webhook', ['change', 'failure']), ['failed', 'changed', 'changed']);
    expect(sent).toEqual([['failure'], ['change', 'change', 'recovered'], ['change', 'change']]);
  });

  test('healthchecks pings every run whatever `on` says: silence is what it alerts on', () => {
    const { sent } = simulate(notifier('healthchecks', ['change']), ['ok', 'failed', 'failed', 'ok', 'ok']);
    expect(sent).toEqual([['success'], ['failure'], ['failure'], ['recovered'], ['success']]);
  });

  test('a failure message names the failed records and carries the errors', () => {
    const [message] = planMessages(notifier('webhook', ['failure']), outcome('failed'), undefined);
    expect(message?.values).toMatchObject({
      event: 'failure',
      name: 'a.example.com',
      type: 'A',
      provider: 'cf',
      ip: '81.2.69.192',
      old_ip: '',
      error: 'a.example.com A (cf): api.cloudflare.com/client/v4/zones: server error (HTTP 500)',
      host: 'nas',
    });
    expect(message?.values.message).toMatch(/^ddns on nas: run failed \(exit 4\): a\.example\.com A \(cf\): /);
  });
});

describe('notifier keys in the state', () => {
  test('stable, free of secrets, changed by an edit, distinct for look-alikes', () => {
    const secretHeader = { ...webhookNotifySchema.parse({}), headers: { Authorization: 'Bearer header-secret-value' } };
    const base = notifier('webhook', ['failure'], { options: secretHeader });
    const [key] = notifierKeys([base]);
    expect(notifierKeys([base])).toEqual([key]);
    expect(key).toMatch(/^webhook-[0-9a-f]{12}$/);
    expect(key).not.toContain('secret');
    expect(notifierKeys([{ ...base, on: ['failure', 'change'] }])[0]).not.toBe(key);
    expect(notifierKeys([{ ...base, options: { ...secretHeader, method: 'PUT' } }])[0]).not.toBe(key);
    const [first, second] = notifierKeys([base, { ...base, url: 'https://hooks.example/another-secret-path-987654' }]);
    expect(first).toBe(key);
    expect(second).toBe(`${key}-2`);
  });
});

describe('notifier status (for ddns status and doctor)', () => {
  test('read by the same key the run stores under; named by origin only; alert delivery only where alerts are sent', () => {
    const notifiers = [
      notifier('webhook', ['failure']),
      notifier('healthchecks', []),
      notifier('webhook', ['change']),
      notifier('webhook', ['always'], { url: 'https://other.example/token-abcdef0123456789' }),
    ];
    const keys = notifierKeys(notifiers);
    const lastError = { message: 'server error (HTTP 500)', at: '2026-11-23T10:05:00.000Z' };
    const state: StateData = {
      ...emptyStateData(),
      notify: {
        [keys[0] ?? '']: { type: 'webhook', failingSince: '2026-11-23T10:00:00.000Z', failedRuns: 3, alerted: true },
        [keys[1] ?? '']: { type: 'healthchecks', failingSince: '2026-11-23T10:00:00.000Z', failedRuns: 1, lastError },
        [keys[2] ?? '']: { type: 'webhook', failingSince: '2026-11-23T10:00:00.000Z', failedRuns: 2, lastError: null },
        'webhook-000000000000': { type: 'webhook', lastError },
      },
    };
    const statuses = notifierStatuses(notifiers, state);
    expect(statuses).toEqual([
      { type: 'webhook', target: 'https://hooks.example', used: true, failingSince: '2026-11-23T10:00:00.000Z', failedRuns: 3, alertDelivered: true, lastError: null },
      { type: 'healthchecks', target: 'https://hooks.example', used: true, failingSince: '2026-11-23T10:00:00.000Z', failedRuns: 1, alertDelivered: false, lastError },
      { type: 'webhook', target: 'https://hooks.example', used: true, failingSince: '2026-11-23T10:00:00.000Z', failedRuns: 2, alertDelivered: null, lastError: null },
      { type: 'webhook', target: 'https://other.example', used: false, failingSince: null, failedRuns: 0, alertDelivered: null, lastError: null },
    ]);
    expect(JSON.stringify(statuses)).not.toMatch(/secret-path|token-abcdef/);
    expect(notifierStatuses(notifiers, undefined).map((status) => status.used)).toEqual([false, false, false, false]);
  });
});

function emptyStateData(): StateData {
  return { version: 1, records: {}, detected: {}, runs: [] };
}

describe('rendering a webhook', () => {
  const tricky = 'he said "no"\nthen left\t\\ — ünïcode ✓ 🦆 \u0001';
  const values = {
    event: 'failure',
    name: 'home.example.com',
    type: 'AAAA',
    provider: 'cf',
    ip: '2a02:1388:1000::160',
    old_ip: '',
    error: tricky,
    time: '2026-11-23T10:00:00.000Z',
    host: 'nas',
    message: tricky,
  };
  const message: Message = { event: 'failure', values, errors: [tricky] };
  const options = (extra: Record<string, unknown>) => webhookNotifySchema.parse(extra);

  test('values are JSON-escaped in a body written as JSON, and Content-Type is set', () => {
    const request = renderWebhook('https://chat.example/hook', options({ body: '{"text": "{message}", "ip": "{ip}"}' }), message);
    expect(request.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(request.body ?? '')).toEqual({ text: tricky, ip: '2a02:1388:1000::160' });
  });

  test('values are JSON-escaped when the Content-Type header says JSON, whatever the template looks like', () => {
    const request = renderWebhook('https://chat.example/hook', options({ headers: { 'content-type': 'application/vnd.x+json' }, body: '"{error}"' }), message);
    expect(request.headers).toEqual({ 'content-type': 'application/vnd.x+json' });
    expect(JSON.parse(request.body ?? '')).toBe(tricky);
  });

  test('the default body is JSON holding every variable', () => {
    const request = renderWebhook('https://chat.example/hook', options({}), message);
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body ?? '')).toEqual(values);
  });

  test('a plain-text body is sent as written; a form body percent-encoded', () => {
    expect(renderWebhook('https://x.example/', options({ body: '{name}: {error}' }), message)).toMatchObject({
      body: `home.example.com: ${tricky}`,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    const form = renderWebhook('https://x.example/', options({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'msg={error}&ip={ip}' }), message);
    expect(Object.fromEntries(new URLSearchParams(form.body ?? ''))).toEqual({ msg: tricky, ip: '2a02:1388:1000::160' });
  });

  test('a body that starts with a variable is plain text, not JSON: its values are not escaped', () => {
    expect(renderWebhook('https://x.example/', options({ body: '{name} changed to {ip}: "{error}"' }), message)).toMatchObject({
      body: `home.example.com changed to 2a02:1388:1000::160: "${tricky}"`,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  });

  test('values are percent-encoded in the url, so no value can change its structure', () => {
    const evil = { ...message, values: { ...values, name: 'a&b=c#d/e?f' } };
    const request = renderWebhook('https://x.example/notify/{type}?host={name}&ip={ip}&text={error}', options({ method: 'GET' }), evil);
    const url = new URL(request.url);
    expect(url.pathname).toBe('/notify/AAAA');
    expect(Object.fromEntries(url.searchParams)).toEqual({ host: 'a&b=c#d/e?f', ip: '2a02:1388:1000::160', text: tricky });
    expect(url.hash).toBe('');
    expect(request.body).toBeUndefined();
  });
});

describe('healthchecks urls and secrets', () => {
  test('suffixes go at the end of the path, keeping a query', () => {
    expect(pingUrl('https://hc-ping.com/abc', 'fail')).toBe('https://hc-ping.com/abc/fail');
    expect(pingUrl('https://hc-ping.com/abc/', 'start')).toBe('https://hc-ping.com/abc/start');
    expect(pingUrl('https://hc-ping.com/key/my-slug?create=1', 'fail')).toBe('https://hc-ping.com/key/my-slug/fail?create=1');
    expect(pingUrl('https://hc-ping.com/abc', '')).toBe('https://hc-ping.com/abc');
  });

  test('the uuid, a path token and a query token of a notify url are secrets; the origin is not', () => {
    const uuid = '5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6';
    expect(secretPartsOfUrl(`https://hc-ping.com/${uuid}`)).toEqual([`https://hc-ping.com/${uuid}`, `/${uuid}`, uuid]);
    const parts = secretPartsOfUrl('https://chat.example/hooks/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX?api_key=0123456789abcdef0123');
    expect(parts).toEqual(expect.arrayContaining(['XXXXXXXXXXXXXXXXXXXXXXXX', '0123456789abcdef0123']));
    expect(parts).not.toContain('chat.example');
    expect(parts).not.toContain('hooks');
  });
});

describe('sending (RunNotifications against a receiver on 127.0.0.1)', () => {
  let receiver: FakeServer;
  let lines: string[];
  beforeEach(async () => {
    receiver = await startFakeServer(() => ({ body: 'OK' }));
    lines = [];
  });
  afterEach(async () => {
    await receiver.close();
    clearSecrets();
  });

  function configWith(notify: NotifyConfig[], timeoutMs = 2000): Config {
    const dir = tmpdir();
    return {
      path: join(dir, 'config.toml'),
      settings: {
        timeoutMs,
        retries: 1,
        retryDelayMs: 1,
        recheckMs: 3_600_000,
        detectWaitMs: 0,
        logLevel: 'info',
        logFile: join(dir, 'unused.log'),
        stateFile: join(dir, 'unused-state.json'),
        proxy: undefined,
      },
      detection: {},
      providers: [],
      records: [],
      notify,
      secrets: [],
      secretsInFile: false,
    };
  }

  function report(exitCode: number): RunReport {
    return {
      version: 'test',
      started: '2026-11-23T10:00:00.000Z',
      durationMs: 1,
      exitCode,
      dryRun: false,
      force: false,
      warnings: [],
      detection: [{ family: 'ipv4', ip: '81.2.69.160', answers: [], elapsedMs: 1 }],
      records: [
        exitCode === 0
          ? { provider: 'cf', name: 'home.example.com', type: 'A', action: 'updated', old: '81.2.69.192', new: '81.2.69.160' }
          : { provider: 'cf', name: 'home.example.com', type: 'A', action: 'failed', old: null, new: null, error: 'HTTP 500', errorKind: 'transient' },
      ],
      summary: { created: 0, updated: exitCode === 0 ? 1 : 0, unchanged: 0, skipped: 0, failed: exitCode === 0 ? 0 : 1 },
      providerRequests: 1,
    };
  }

  const begin = (config: Config) =>
    RunNotifications.begin(config, {
      logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
      now: () => new Date('2026-11-23T10:00:01.000Z'),
      sleep: async () => undefined,
      host: 'nas',
    });

  test('a 500 is retried once, then one warning line; the streak stays unalerted so the next run tries again', async () => {
    receiver.injectFault({ kind: 'reply', reply: { status: 500, body: 'boom' } }, 2);
    const config = configWith([notifier('webhook', ['failure'], { url: `${receiver.url}/hook` })]);
    const state: StateData = { version: 1, records: {}, detected: {}, runs: [] };
    const sent = await begin(config)?.finish(report(4), state);
    expect(receiver.requests).toHaveLength(2);
    expect(sent).toEqual([{ type: 'webhook', target: receiver.url, event: 'failure', ok: false, error: 'server error (HTTP 500)' }]);
    const warnings = lines.filter((line) => / WARN /.test(line) || line.startsWith('WARN') || line.includes('not delivered'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`notify webhook ${receiver.url}: failure message not delivered: server error (HTTP 500) (the run's result is not affected)`);
    const [entry] = Object.values(state.notify ?? {});
    expect(entry).toMatchObject({ type: 'webhook', failedRuns: 1, lastError: { message: 'server error (HTTP 500)' } });
    expect(entry?.alerted).toBeUndefined();

    const again = await begin(config)?.finish(report(4), state);
    expect(again).toEqual([{ type: 'webhook', target: receiver.url, event: 'failure', ok: true }]);
    expect(Object.values(state.notify ?? {})[0]).toMatchObject({ failedRuns: 2, alerted: true, lastError: null });
  });

  test('a refused connection is retried once and reported; a 404 is not retried', async () => {
    const closed = await startFakeServer(() => ({}));
    const refusedUrl = `${closed.url}/hook`;
    await closed.close();
    receiver.injectFault({ kind: 'reply', reply: { status: 404 } });
    const config = configWith([notifier('webhook', ['always'], { url: refusedUrl }), notifier('webhook', ['always'], { url: `${receiver.url}/gone` })]);
    const sent = await begin(config)?.finish(report(0), { version: 1, records: {}, detected: {}, runs: [] });
    expect(sent).toEqual([
      { type: 'webhook', target: closed.url, event: 'success', ok: false, error: 'ECONNREFUSED' },
      { type: 'webhook', target: receiver.url, event: 'success', ok: false, error: 'HTTP 404' },
    ]);
    expect(receiver.requests).toHaveLength(1);
    expect(lines.filter((line) => line.includes('trying once more'))).toHaveLength(1);
  });

  test('a receiver that never answers costs one timeout, not two', async () => {
    receiver.injectFault({ kind: 'hang' }, 5);
    const config = configWith([notifier('webhook', ['failure'], { url: `${receiver.url}/hook` })], 300);
    const sent = await begin(config)?.finish(report(4), undefined);
    expect(sent).toEqual([{ type: 'webhook', target: receiver.url, event: 'failure', ok: false, error: 'no answer within 0.3s' }]);
    expect(receiver.requests).toHaveLength(1);
  });

  test('the url path never reaches a log line, even at debug level', async () => {
    const url = `${receiver.url}/ping/5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6`;
    registerSecrets(secretPartsOfUrl(url));
    receiver.injectFault({ kind: 'reply', reply: { status: 503 } }, 2);
    const config = configWith([notifier('healthchecks', ['failure'], { url, options: { start: true } })]);
    const notifications = begin(config);
    const sent = await notifications?.finish(report(4), undefined);
    expect(sent?.map((entry) => [entry.event, entry.ok])).toEqual([
      ['start', false],
      ['failure', true],
    ]);
    expect(receiver.requests.map((request) => request.path)).toEqual([
      '/ping/5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6/start',
      '/ping/5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6/start',
      '/ping/5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6/fail',
    ]);
    expect(receiver.requests[2]?.body).toBe('home.example.com A (cf): HTTP 500\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).not.toContain('5f1c8a2e');
  });

  test('a lock-held run (exit 5) or an unusable state (exit 2) sends nothing', async () => {
    const config = configWith([notifier('webhook', ['always'], { url: `${receiver.url}/hook` }), notifier('healthchecks', [], { url: `${receiver.url}/hc` })]);
    expect(await begin(config)?.finish(report(5), undefined)).toEqual([]);
    expect(await begin(config)?.finish(report(2), undefined)).toEqual([]);
    expect(receiver.requests).toHaveLength(0);
  });

  test('settings.proxy carries notifications, as it carries provider requests', async () => {
    // Nothing listens on the notify url's port: only a request sent through the proxy arrives.
    const nowhere = await startFakeServer(() => ({}));
    await nowhere.close();
    const config = configWith([notifier('webhook', ['always'], { url: `${nowhere.url}/hook` })]);
    config.settings.proxy = receiver.url;
    const sent = await begin(config)?.finish(report(0), undefined);
    expect(sent).toEqual([{ type: 'webhook', target: nowhere.url, event: 'success', ok: true }]);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/hook', headers: { host: nowhere.url.replace('http://', '') } });
  });

  test('a run whose detection failed names the records it could not update', async () => {
    const config = configWith([notifier('webhook', ['failure'], { url: `${receiver.url}/hook` })]);
    const detectionFailed: RunReport = {
      ...report(3),
      detection: [{ family: 'ipv4', answers: [], error: 'no IPv4 source answered', elapsedMs: 1 }],
      records: [{ provider: 'cf', name: 'home.example.com', type: 'A', action: 'skipped', old: null, new: null, error: 'no IPv4 address detected', errorKind: 'detection' }],
    };
    await begin(config)?.finish(detectionFailed, undefined);
    expect(JSON.parse(receiver.requests[0]?.body ?? '')).toMatchObject({
      event: 'failure',
      name: 'home.example.com',
      ip: '',
      error: 'IPv4 detection failed: no IPv4 source answered',
      message: 'ddns on nas: run failed (exit 3): IPv4 detection failed: no IPv4 source answered',
    });
  });

  test('state entries of notifiers no longer configured are dropped', async () => {
    const config = configWith([notifier('webhook', ['failure'], { url: `${receiver.url}/hook` })]);
    const state: StateData = { version: 1, records: {}, detected: {}, runs: [], notify: { 'webhook-000000000000': { type: 'webhook', alerted: true } } };
    await begin(config)?.finish(report(0), state);
    expect(Object.keys(state.notify ?? {})).toEqual(notifierKeys(config.notify));
  });
});
