import { FIRST_IP, SECOND_IP, providerTable, recordTable, type Workspace } from '../../../test/helpers/workspace.js';
import { describeProviderLifecycle, useProviderWorld, type ProviderSetup } from '../../../test/helpers/provider-lifecycle.js';
import { startFakeWebhook, type FakeWebhook } from './fake.js';

const SECRET_PATH = 'k-7f3e9b21c0d84a56';
const HEADER_SECRET = 'Bearer wh-tok-52c8e1f09a';

/** A receiver reading the host from the query and the type and address from the body, under the names the config gives them. */
const startReceiver = (): Promise<FakeWebhook> =>
  startFakeWebhook({ path: `/hooks/${SECRET_PATH}`, authorization: HEADER_SECRET, zones: ['example.com'], fields: { name: 'host', ip: 'address' } });

async function writeConfig(workspace: Workspace, receiver: FakeWebhook): Promise<void> {
  await workspace.writeConfig([
    ...providerTable('hook', 'webhook', [
      `url = "${receiver.url}/hooks/${SECRET_PATH}?host={name}&ip={ip}"`,
      'method = "PUT"',
      `body = '{"record": "{name}", "type": "{type}", "address": "{ip}", "previous": "{old_ip}"}'`,
      '[provider.headers]',
      `Authorization = "${HEADER_SECRET}"`,
    ]),
    ...recordTable('hook', 'home.example.com'),
  ]);
}

/** The real CLI in a child process against a local webhook receiver and an IP echo on 127.0.0.1. */
const webhookSetup: ProviderSetup<FakeWebhook> = {
  title: 'webhook',
  provider: 'hook',
  record: 'home.example.com',
  start: startReceiver,
  close: (receiver) => receiver.close(),
  writeConfig,
  requestCount: (receiver) => receiver.server.requests.length,
  writeCount: (receiver) => receiver.server.requests.length,
  secrets: [SECRET_PATH, HEADER_SECRET, 'wh-tok-52c8e1f09a'],
};

describeProviderLifecycle(webhookSetup, {
  afterCreate({ server, store }) {
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'PUT', path: `/hooks/${SECRET_PATH}` });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ host: 'home.example.com', ip: FIRST_IP });
    expect(request?.headers.authorization).toBe(HEADER_SECRET);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ record: 'home.example.com', type: 'A', address: FIRST_IP, previous: '' });
    expect(store.records({ name: 'home.example.com' }).map((record) => record.content)).toEqual([FIRST_IP]);
  },
  afterUpdate({ server, store }) {
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(server.requests[1]?.body ?? '')).toMatchObject({ address: SECOND_IP, previous: FIRST_IP });
    expect(store.records({ name: 'home.example.com' }).map((record) => record.content)).toEqual([SECOND_IP]);
  },
});

describe('ddns check end to end (webhook)', () => {
  const world = useProviderWorld(webhookSetup);

  it('retries a 503 and fails on a 404 without retrying (exit 4), naming the status', async () => {
    const { workspace, fake: receiver } = world;
    receiver.server.injectFault({ kind: 'reply', reply: { status: 503, body: 'busy' } }, 10);
    let result = await workspace.check();
    expect(result.exitCode).toBe(4);
    expect(receiver.server.requests).toHaveLength(3);
    receiver.server.clearFaults();
    receiver.server.injectFault({ kind: 'reply', reply: { status: 404, body: 'no such hook' } }, 10);
    result = await workspace.check();
    expect(result.exitCode).toBe(4);
    expect(receiver.server.requests).toHaveLength(4);
    expect(result.stdout).toMatch(/failed\s+home\.example\.com A \(hook\)\s+webhook to 127\.0\.0\.1:\d+: refused the request \(HTTP 404\)/);
    receiver.server.clearFaults();
    receiver.server.injectFault({ kind: 'reply', reply: { status: 204 } });
    result = await workspace.check();
    expect(result.exitCode).toBe(0);
    expect(receiver.server.requests).toHaveLength(5);
  });

  it('never prints, logs or stores the url or the header values', async () => {
    const { workspace, fake: receiver } = world;
    await workspace.check('-v');
    await workspace.check('-v', '--force', '--json');
    workspace.ipv4.current = SECOND_IP;
    await workspace.check('-v');
    receiver.server.injectFault({ kind: 'reply', reply: { status: 500, body: 'down' } }, 10);
    const failed = await workspace.check('-v', '--force');
    receiver.server.clearFaults();
    await workspace.run(['status', '--config', workspace.configPath, '--json']);
    expect(await workspace.readLog()).toMatch(/HTTP PUT/);
    expect(failed.stdout).toMatch(/webhook to 127\.0\.0\.1:\d+: server error \(HTTP 500\)/);
    await workspace.expectNoSecretAnywhere(webhookSetup.secrets);
  });
});
