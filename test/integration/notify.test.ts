import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startScenario, FIRST_IP, SECOND_IP, type Scenario } from '../helpers/scenario.js';
import { startFakeServer, type FakeServer, type SeenRequest } from '../helpers/fake-server.js';
import type { RunReport } from '../../src/core/check.js';
import type { StateData } from '../../src/state/types.js';
import { StateStore } from '../../src/state/store.js';
import type { NotifierStatus } from '../../src/notify/status.js';

/** The real CLI against the fake Cloudflare, with webhook and healthchecks receivers on 127.0.0.1. */
describe('[[notify]] end to end', () => {
  const HEADER_SECRET = 'notify-header-secret-7c1e9a';
  const UUID = '5f1c8a2e-93b4-4d6e-a7f0-2c9e81b3d4a6';
  let scenario: Scenario;
  let receiver: FakeServer;

  beforeEach(async () => {
    scenario = await startScenario();
    receiver = await startFakeServer(() => ({ body: 'OK' }));
  });
  afterEach(async () => {
    await Promise.all([scenario.close(), receiver.close()]);
  });

  const webhook = (on: string, extra = '') =>
    ['[[notify]]', 'type = "webhook"', `url = "${receiver.url}/hook"`, `on = ${on}`, `headers = { Authorization = "Bearer ${HEADER_SECRET}" }`, extra].join('\n');
  const healthchecks = (extra = '') => ['[[notify]]', 'type = "healthchecks"', `url = "${receiver.url}/${UUID}"`, extra].join('\n');
  const bodies = (requests: SeenRequest[]) => requests.map((request) => JSON.parse(request.body) as Record<string, string>);
  const providerDown = () => scenario.cloudflare.server.injectFault({ kind: 'reply', reply: { status: 500, body: 'down' } }, 1000);
  const readLog = () => readFile(scenario.logPath, 'utf8').catch(() => '');
  const readState = async () => JSON.parse(await readFile(scenario.statePath, 'utf8')) as StateData;

  it('a change sends the webhook the record, its new and its old address, JSON-escaped, with the configured header', async () => {
    await scenario.writeConfig({ notify: webhook('["change"]') });
    expect((await scenario.check()).exitCode).toBe(0);
    scenario.ipv4.current = SECOND_IP;
    expect((await scenario.check()).exitCode).toBe(0);
    expect((await scenario.check()).exitCode).toBe(0); // unchanged: nothing to say

    expect(receiver.requests.map((request) => [request.method, request.path, request.headers['content-type'], request.headers.authorization])).toEqual([
      ['POST', '/hook', 'application/json', `Bearer ${HEADER_SECRET}`],
      ['POST', '/hook', 'application/json', `Bearer ${HEADER_SECRET}`],
    ]);
    expect(bodies(receiver.requests)).toEqual([
      expect.objectContaining({ event: 'change', name: 'home.example.com', type: 'A', provider: 'cf', ip: FIRST_IP, old_ip: '', error: '' }),
      expect.objectContaining({
        event: 'change',
        name: 'home.example.com',
        ip: SECOND_IP,
        old_ip: FIRST_IP,
        message: expect.stringContaining(`updated home.example.com A (cf): ${FIRST_IP} → ${SECOND_IP}`),
      }),
    ]);
  });

  it('a body template gets its variables, and --json lists what was sent', async () => {
    await scenario.writeConfig({ notify: webhook('["change"]', `body = '{"text": "{name} is now {ip} (was {old_ip})"}'`) });
    await scenario.check();
    scenario.ipv4.current = SECOND_IP;
    const result = await scenario.check('--json');
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.notifications).toEqual([{ type: 'webhook', target: receiver.url, event: 'change', ok: true }]);
    expect(bodies(receiver.requests).at(-1)).toEqual({ text: `home.example.com is now ${SECOND_IP} (was ${FIRST_IP})` });
  });

  it('provider down three runs in a row: one failure alert; provider back: one recovery', async () => {
    await scenario.writeConfig({ notify: webhook('["failure"]') });
    providerDown();
    for (let run = 0; run < 3; run += 1) expect((await scenario.check()).exitCode).toBe(4);
    expect(bodies(receiver.requests)).toEqual([
      expect.objectContaining({ event: 'failure', name: 'home.example.com', error: expect.stringMatching(/^home\.example\.com A \(cf\): .*HTTP 500/) }),
    ]);

    scenario.cloudflare.server.clearFaults();
    expect((await scenario.check()).exitCode).toBe(0);
    expect((await scenario.check()).exitCode).toBe(0);
    expect(bodies(receiver.requests).map((body) => body.event)).toEqual(['failure', 'recovered']);
    expect(bodies(receiver.requests)[1]?.message).toMatch(/recovered after 3 failed runs/);
  });

  it('healthchecks: /start at the beginning, /fail with the error text on a failed run, the plain url on a good one', async () => {
    await scenario.writeConfig({ notify: healthchecks('start = true') });
    expect((await scenario.check()).exitCode).toBe(0);
    providerDown();
    scenario.ipv4.current = SECOND_IP; // so that the run has to reach the provider
    expect((await scenario.check()).exitCode).toBe(4);
    expect(receiver.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /${UUID}/start`,
      `POST /${UUID}`,
      `POST /${UUID}/start`,
      `POST /${UUID}/fail`,
    ]);
    expect(receiver.requests[1]?.body).toMatch(/^ddns on .+: 1 record current, 1 changed\n$/);
    expect(receiver.requests[3]?.body).toMatch(/^home\.example\.com A \(cf\): .*server error \(HTTP 500\).*\n$/);
  });

  it('--dry-run sends no notification', async () => {
    await scenario.writeConfig({ notify: [webhook('["change", "always"]'), healthchecks('start = true')].join('\n') });
    const result = await scenario.check('--dry-run', '--json');
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as RunReport).notifications).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);
  });

  describe('a failing notifier changes nothing but one log line', () => {
    let plain: Scenario;
    beforeEach(async () => {
      plain = await startScenario();
    });
    afterEach(async () => {
      await plain.close();
    });

    /** The parts of a run that must not depend on notifications. */
    const essence = async (target: Scenario, stdout: string, exitCode: number) => {
      // Through the store: a run that changed nothing keeps its run line in the journal beside the file.
      const state = (await StateStore.peek(target.statePath)) as StateData;
      const report = JSON.parse(stdout) as RunReport;
      return {
        exitCode,
        records: report.records.map(({ provider, name, type, action, old, new: next, errorKind }) => ({ provider, name, type, action, old, next, errorKind })),
        summary: report.summary,
        state: Object.fromEntries(Object.entries(state.records).map(([key, record]) => [key, { ip: record.ip, failed: Boolean(record.lastError) }])),
        runs: state.runs.map((run) => run.exitCode),
      };
    };

    it('a 500 and a refused connection: same exit code, report and state as without [[notify]]', async () => {
      const refusing = await startFakeServer(() => ({}));
      const refusedUrl = refusing.url;
      await refusing.close();
      receiver.injectFault({ kind: 'reply', reply: { status: 500, body: 'receiver broken' } }, 1000);
      await scenario.writeConfig({
        notify: [webhook('["change", "failure"]'), '[[notify]]', 'type = "healthchecks"', `url = "${refusedUrl}/${UUID}"`].join('\n'),
      });

      const withNotify = await scenario.check('--json');
      const without = await plain.check('--json');
      expect(await essence(scenario, withNotify.stdout, withNotify.exitCode)).toEqual(await essence(plain, without.stdout, without.exitCode));
      expect(withNotify.exitCode).toBe(0);
      expect((JSON.parse(withNotify.stdout) as RunReport).notifications).toEqual([
        { type: 'webhook', target: receiver.url, event: 'change', ok: false, error: 'server error (HTTP 500)' },
        { type: 'healthchecks', target: refusedUrl, event: 'success', ok: false, error: 'ECONNREFUSED' },
      ]);
      expect(receiver.requests).toHaveLength(2); // one retry

      // One line per failing notifier (they run side by side, in any order), on stderr and in the log.
      const notDelivered = (text: string) => text.split('\n').filter((line) => line.includes('not delivered'));
      const expected = [
        `warn: notify healthchecks ${refusedUrl}: success message not delivered: ECONNREFUSED (the run's result is not affected)`,
        `warn: notify webhook ${receiver.url}: change message not delivered: server error (HTTP 500) (the run's result is not affected)`,
      ];
      expect(notDelivered(withNotify.stderr).sort()).toEqual(expected);
      const logged = notDelivered(await readLog());
      expect(logged).toHaveLength(2);
      for (const line of expected) expect(logged.some((entry) => entry.endsWith(line.replace(/^warn: /, '')))).toBe(true);

      providerDown();
      plain.cloudflare.server.injectFault({ kind: 'reply', reply: { status: 500, body: 'down' } }, 1000);
      scenario.ipv4.current = SECOND_IP;
      plain.ipv4.current = SECOND_IP;
      const failedWithNotify = await scenario.check('--json');
      const failedWithout = await plain.check('--json');
      expect(failedWithNotify.exitCode).toBe(4);
      expect(await essence(scenario, failedWithNotify.stdout, failedWithNotify.exitCode)).toEqual(
        await essence(plain, failedWithout.stdout, failedWithout.exitCode),
      );
    });
  });

  it('the header value and the healthchecks uuid never appear in stdout, stderr, the log or the state', async () => {
    // The receiver echoes the request back in its error, as a hostile or chatty server might.
    await receiver.close();
    receiver = await startFakeServer((request) => ({ status: 500, body: `${request.path} ${String(request.headers.authorization)}` }));
    await scenario.writeConfig({ notify: [webhook('["always"]'), healthchecks('start = true')].join('\n') });
    const outputs: string[] = [];
    for (const args of [['-v'], ['--json'], ['-v', '--json']]) {
      const result = await scenario.check(...args);
      outputs.push(result.stdout, result.stderr);
    }
    providerDown();
    scenario.ipv4.current = SECOND_IP;
    const failed = await scenario.check('-v', '--json');
    expect(failed.exitCode).toBe(4);
    outputs.push(failed.stdout, failed.stderr);
    const status = await scenario.run(['status', '--config', scenario.configPath, '--json']);
    outputs.push(status.stdout, status.stderr);
    outputs.push(await readLog(), await readFile(scenario.statePath, 'utf8'));

    expect(receiver.requests.length).toBeGreaterThan(8);
    expect(receiver.requests.some((request) => request.path.includes(UUID))).toBe(true);
    const everything = outputs.join('\n');
    expect(everything).toContain('not delivered');
    expect(everything).not.toContain(HEADER_SECRET);
    expect(everything).not.toContain(UUID);
    expect(everything).not.toContain(UUID.slice(0, 8));
  });

  it('old state files without notifier streaks still load; the streak lives in the state', async () => {
    await scenario.check(); // a state written without [[notify]]
    expect((await readState()).notify).toBeUndefined();
    await scenario.writeConfig({ notify: webhook('["failure"]') });
    providerDown();
    scenario.ipv4.current = SECOND_IP;
    expect((await scenario.check()).exitCode).toBe(4);
    const state = await readState();
    expect(Object.values(state.notify ?? {})).toEqual([expect.objectContaining({ type: 'webhook', failedRuns: 1, alerted: true })]);
    // Had the old state not loaded, it would have been moved aside and only this run be listed.
    expect(state.runs.map((run) => run.exitCode)).toEqual([0, 4]);
  });
  it('status and doctor show an undelivered failure alert by origin only, doctor warns without sending or changing its exit code; no [[notify]] left drops the streaks', async () => {
    const URL_TOKEN = 'chat-token-3b9f0d6e1a2c4857';
    await receiver.close();
    receiver = await startFakeServer(() => ({ status: 500, body: 'receiver broken' }));
    const tokenHook = ['[[notify]]', 'type = "webhook"', `url = "${receiver.url}/hook/${URL_TOKEN}?key=${URL_TOKEN}"`, 'on = ["failure"]', `headers = { Authorization = "Bearer ${HEADER_SECRET}" }`].join('\n');
    await scenario.writeConfig({ notify: [tokenHook, healthchecks()].join('\n') });
    providerDown();
    expect((await scenario.check()).exitCode).toBe(4);
    expect((await scenario.check()).exitCode).toBe(4);
    scenario.cloudflare.server.clearFaults(); // so that only the notifiers differ between the two doctor runs below
    const requestsSent = receiver.requests.length;
    const stateBefore = await readFile(scenario.statePath, 'utf8');

    const statusText = await scenario.run(['status', '--config', scenario.configPath]);
    const statusJson = await scenario.run(['status', '--config', scenario.configPath, '--json']);
    expect(statusText.exitCode).toBe(0);
    const notifyLines = statusText.stdout.split('\n').slice(statusText.stdout.split('\n').indexOf('Notifications:') + 1);
    expect(notifyLines).toEqual([
      expect.stringMatching(new RegExp(`^  webhook +${receiver.url} +failing since .+ ago \\(2 failed runs\\), alert not delivered +last error .+ ago: server error \\(HTTP 500\\)$`)),
      expect.stringMatching(new RegExp(`^  healthchecks +${receiver.url} +failing since .+ ago \\(2 failed runs\\), alert not delivered +last error .+ ago: server error \\(HTTP 500\\)$`)),
    ]);
    const undelivered = { failedRuns: 2, alertDelivered: false, used: true, failingSince: expect.any(String), lastError: { message: 'server error (HTTP 500)', at: expect.any(String) } };
    expect((JSON.parse(statusJson.stdout) as { notifications: NotifierStatus[] }).notifications).toEqual([
      { type: 'webhook', target: receiver.url, ...undelivered },
      { type: 'healthchecks', target: receiver.url, ...undelivered },
    ]);

    const env = { DDNS_CRON_DIR: join(scenario.dir, 'cron.d'), DDNS_SYSTEMD_DIR: join(scenario.dir, 'systemd') };
    await mkdir(join(scenario.dir, 'cron.d'));
    const doctorJson = await scenario.run(['doctor', '--config', scenario.configPath, '--json'], env);
    const doctorText = await scenario.run(['doctor', '--config', scenario.configPath], env);
    const checks = (JSON.parse(doctorJson.stdout) as { checks: { id: string; area: string; status: string; detail: string; hint: string | null }[] }).checks;
    expect(checks.filter((check) => check.area === 'notify')).toEqual([
      { id: 'notify.1', area: 'notify', title: `notify webhook ${receiver.url}`, status: 'warn', detail: expect.stringMatching(/was not delivered: server error \(HTTP 500\); runs failing since .* \(2 failed runs\), alert not delivered$/), hint: expect.stringMatching(/receiver/) },
      { id: 'notify.2', area: 'notify', title: `notify healthchecks ${receiver.url}`, status: 'warn', detail: expect.stringContaining('server error (HTTP 500)'), hint: expect.stringMatching(/receiver/) },
    ]);
    expect(doctorText.stdout).toMatch(new RegExp(`^WARN  notify webhook ${receiver.url} +the last message .* was not delivered`, 'm'));

    // Read-only: nothing sent to the receivers, the state untouched.
    expect(receiver.requests).toHaveLength(requestsSent);
    expect(await readFile(scenario.statePath, 'utf8')).toBe(stateBefore);
    const everything = [statusText, statusJson, doctorJson, doctorText].flatMap((result) => [result.stdout, result.stderr]).join('\n');
    for (const secret of [HEADER_SECRET, UUID, URL_TOKEN, '/hook']) expect(everything).not.toContain(secret);

    // The same world without [[notify]]: doctor ends with the same code.
    await scenario.writeConfig({ notify: '' });
    const doctorWithout = await scenario.run(['doctor', '--config', scenario.configPath, '--json'], env);
    expect(doctorJson.exitCode).toBe(doctorWithout.exitCode);
    expect((JSON.parse(doctorWithout.stdout) as { checks: { area: string }[] }).checks.some((check) => check.area === 'notify')).toBe(false);

    expect(Object.keys((await readState()).notify ?? {})).toHaveLength(2);
    expect((await scenario.check()).exitCode).toBe(0);
    const state = await readState();
    expect(state.notify).toBeUndefined();
    expect(state.runs.map((run) => run.exitCode)).toEqual([4, 4, 0]);
    const statusAfter = await scenario.run(['status', '--config', scenario.configPath, '--json']);
    expect(JSON.parse(statusAfter.stdout)).not.toHaveProperty('notifications');
    expect((await scenario.run(['status', '--config', scenario.configPath])).stdout).not.toContain('Notifications');
  });
});
