import { startFakeCloudflare, type FakeCloudflare } from '../../src/providers/cloudflare/fake.js';
import type { FakeServer } from './fake-server.js';
import type { CliResult } from './cli.js';
import { providerTable, recordTable, startWorkspace } from './workspace.js';

export { FIRST_IP, SECOND_IP, FIRST_IPV6 } from './workspace.js';

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
  /** Extra lines for the [[provider]] table. */
  provider?: string;
  /** The token written into the config (defaults to the one the fake accepts). */
  configToken?: string;
  /** `[[notify]]` tables appended to the config, as TOML lines. */
  notify?: string;
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
  const workspace = await startWorkspace({ prefix: 'ddns-scenario-', ipv4: options.ipv4, ipv6: options.ipv6, executable: options.executable });
  const cloudflare = await startFakeCloudflare({ token, zones: options.zones ?? ['example.com'] });
  const { dir, configPath, statePath, logPath, ipEcho, ipv4, ipv6 } = workspace;
  let current: ScenarioOptions = { ...options, token };

  const scenario: Scenario = {
    dir,
    configPath,
    statePath,
    logPath,
    token,
    cloudflare,
    ipEcho,
    ipv4,
    ipv6,
    async writeConfig(overrides = {}) {
      current = { ...current, ...overrides };
      const records = current.records ?? [{ name: 'home.example.com' }];
      await workspace.writeConfig(scenarioTables(current, records, cloudflare.url), {
        settings: current.settings,
        ipv6: records.some((record) => record.type === 'AAAA'),
      });
    },
    run: (args, env = {}) => workspace.run(args, env),
    check: (...args) => workspace.check(...args),
    async close() {
      await Promise.all([cloudflare.close(), workspace.close()]);
    },
  };
  await scenario.writeConfig();
  return scenario;
}

function scenarioTables(options: ScenarioOptions, records: ScenarioRecord[], cloudflareUrl: string): string[] {
  return [
    ...providerTable('cf', 'cloudflare', [
      `api_token = "${options.configToken ?? options.token ?? ''}"`,
      `endpoint = "${cloudflareUrl}"`,
      ...(options.provider ? [options.provider] : []),
    ]),
    ...records.flatMap((record) => recordTable('cf', record.name, record.type ?? 'A', record.extra ? [record.extra] : [])),
    ...(options.notify ? [options.notify, ''] : []),
  ];
}
