import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeCloudflare, type FakeCloudflare } from '../fakes/cloudflare.js';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { runDdns, runSingleExecutable, type CliResult } from './cli.js';

/** Public addresses the fakes hand out; nothing ever connects to them. */
export const FIRST_IP = '81.2.69.160';
export const SECOND_IP = '81.2.69.192';
export const FIRST_IPV6 = '2a02:1388:1000::160';

export interface ScenarioRecord {
  name: string;
  type?: 'A' | 'AAAA';
  extra?: string;
}

export interface ScenarioOptions {
  token?: string;
  zones?: string[];
  records?: ScenarioRecord[];
  ipv4?: string;
  ipv6?: string;
  /** Extra lines for [settings]. */
  settings?: string;
  /** `[[notify]]` tables appended to the config, as TOML lines. */
  notify?: string;
  /** Extra lines for the [[provider]] table. */
  provider?: string;
  /** The token written into the config (defaults to the one the fake accepts). */
  configToken?: string;
  /** Run this single executable instead of `node bin/ddns.js`. */
  executable?: string;
}

export interface Scenario {
  dir: string;
  configPath: string;
  statePath: string;
  logPath: string;
  token: string;
  cloudflare: FakeCloudflare;
  ipEcho: FakeServer;
  ipv4: { current: string };
  ipv6: { current: string };
  writeConfig(options?: Partial<ScenarioOptions>): Promise<void>;
  run(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** `ddns check --config <this scenario's config>` plus extra args. */
  check(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * A complete local world for the real CLI: a fake Cloudflare API, an IP echo service and a
 * config in a fresh temporary directory. Used by the integration tests and `npm run demo`.
 */
export async function startScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const token = options.token ?? 'demo-token-4f9c2e71b8a3';
  const dir = await mkdtemp(join(tmpdir(), 'ddns-scenario-'));
  const cloudflare = await startFakeCloudflare({ token, zones: options.zones ?? ['example.com'] });
  const ipv4 = { current: options.ipv4 ?? FIRST_IP };
  const ipv6 = { current: options.ipv6 ?? FIRST_IPV6 };
  const ipEcho = await startFakeServer((request) => ({ body: `${request.path === '/v6' ? ipv6.current : ipv4.current}\n` }));
  const configPath = join(dir, 'config.toml');
  let current: ScenarioOptions = { ...options, token };
  const { executable } = options;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => (executable ? runSingleExecutable(executable, args, env) : runDdns(args, env));

  const scenario: Scenario = {
    dir,
    configPath,
    statePath: join(dir, 'state.json'),
    logPath: join(dir, 'ddns.log'),
    token,
    cloudflare,
    ipEcho,
    ipv4,
    ipv6,
    async writeConfig(overrides = {}) {
      current = { ...current, ...overrides };
      await writeFile(configPath, scenarioConfig(current, cloudflare.url, ipEcho.url), { mode: 0o600 });
    },
    run: (args, env = {}) => cli(args, env),
    check: (...args) => cli(['check', '--config', configPath, ...args]),
    async close() {
      await Promise.all([cloudflare.close(), ipEcho.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await scenario.writeConfig();
  return scenario;
}

function scenarioConfig(options: ScenarioOptions, cloudflareUrl: string, echoUrl: string): string {
  const records = options.records ?? [{ name: 'home.example.com' }];
  const needsIpv6 = records.some((record) => record.type === 'AAAA');
  return [
    '[settings]',
    'state_file = "state.json"',
    'log_file = "ddns.log"',
    'timeout = "2s"',
    'retries = 2',
    'retry_delay = "20ms"',
    'detect_wait = "0s"',
    ...(options.settings ? [options.settings] : []),
    '',
    '[ip.ipv4]',
    `sources = ["${echoUrl}/v4"]`,
    ...(needsIpv6 ? ['', '[ip.ipv6]', `sources = ["${echoUrl}/v6"]`] : []),
    '',
    '[[provider]]',
    'name = "cf"',
    'type = "cloudflare"',
    `api_token = "${options.configToken ?? options.token ?? ''}"`,
    `endpoint = "${cloudflareUrl}"`,
    ...(options.provider ? [options.provider] : []),
    '',
    ...records.flatMap((record) => [
      '[[record]]',
      'provider = "cf"',
      `name = "${record.name}"`,
      `type = "${record.type ?? 'A'}"`,
      ...(record.extra ? [record.extra] : []),
      '',
    ]),
    ...(options.notify ? [options.notify, ''] : []),
  ].join('\n');
}
