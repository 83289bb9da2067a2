import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { runDdns, runSingleExecutable, type CliResult } from './cli.js';

/** Public addresses the IP echo hands out; nothing ever connects to them. */
export const FIRST_IP = '81.2.69.160';
export const SECOND_IP = '81.2.69.192';
export const FIRST_IPV6 = '2a02:1388:1000::160';

/** The parts of state.json the end-to-end tests look at. */
export interface StateFile {
  records: Record<
    string,
    {
      ip?: string;
      recordId?: string;
      lastError?: { kind: string; message: string } | null;
      hold?: { until?: string; reason: string } | null;
    }
  >;
  runs: { exitCode: number }[];
}

export interface WorkspaceOptions {
  /** Start of the temporary directory's name, so a leftover directory says which test made it. */
  prefix?: string;
  ipv4?: string;
  ipv6?: string;
  /** Environment for every CLI run (secrets given through `*_env` keys). */
  env?: NodeJS.ProcessEnv;
  /** Run this single executable instead of `node bin/ddns.js`. */
  executable?: string;
  /**
   * Run the CLI's entry in this process instead of starting `node bin/ddns.js`: the same config
   * load, lock, state and exit code for a fraction of the cost, for suites that run the CLI for
   * every provider and are about what the core does, not about the process.
   */
  inProcess?: boolean;
}

export interface ConfigHeaderOptions {
  /** Extra lines for [settings]. */
  settings?: string | string[];
  /** Also detect IPv6 (from the echo's /v6). */
  ipv6?: boolean;
}

export interface Workspace {
  dir: string;
  configPath: string;
  statePath: string;
  logPath: string;
  /** Answers `ipv4.current` on /v4 and `ipv6.current` on /v6; change them to simulate a new address. */
  ipEcho: FakeServer;
  ipv4: { current: string };
  ipv6: { current: string };
  /** Environment added to every run; tests may change it. */
  env: NodeJS.ProcessEnv;
  /** Output of every CLI run so far, in order. */
  results: CliResult[];
  /** [settings] with fast timeouts and retries, and [ip.*] pointing at the echo; ends with a blank line. */
  configHeader(options?: ConfigHeaderOptions): string[];
  /** Writes config.toml (mode 0600): the header, then `tables`. */
  writeConfig(tables: string[], header?: ConfigHeaderOptions): Promise<void>;
  /** Writes an input file (a secret file, say) that the secret scan leaves out, as it holds the secret on purpose. */
  writeInput(name: string, content: string): Promise<string>;
  run(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** As `run`, but always the CLI's entry in this process (see WorkspaceOptions.inProcess). */
  runInThisProcess(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** `ddns check --config <this config>` plus extra args. */
  check(...args: string[]): Promise<CliResult>;
  readState(): Promise<StateFile>;
  readLog(): Promise<string>;
  /** Every run's stdout and stderr, then every file in the directory except the config and the inputs. */
  everything(): Promise<string>;
  /**
   * Fails when any secret shows up, as written, percent-encoded or in base64, in any output or
   * file (the log and the state must exist, so the scan cannot pass by reading nothing).
   * Returns what it scanned.
   */
  expectNoSecretAnywhere(secrets: string[]): Promise<string>;
  close(): Promise<void>;
}

/** A fresh temporary directory with an IP echo on 127.0.0.1, for running the real CLI. */
export async function startWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? 'ddns-workspace-'));
  const ipv4 = { current: options.ipv4 ?? FIRST_IP };
  const ipv6 = { current: options.ipv6 ?? FIRST_IPV6 };
  const ipEcho = await startFakeServer((request) => ({ body: `${request.path === '/v6' ? ipv6.current : ipv4.current}\n` }));
  const configPath = join(dir, 'config.toml');
  const statePath = join(dir, 'state.json');
  const logPath = join(dir, 'ddns.log');
  const inputs = new Set<string>([configPath]);
  const results: CliResult[] = [];

  const workspace: Workspace = {
    dir,
    configPath,
    statePath,
    logPath,
    ipEcho,
    ipv4,
    ipv6,
    env: { ...options.env },
    results,
    configHeader(header = {}) {
      // An empty string adds no line, as scenario.ts always did: line numbers in messages stay put.
      const settings = header.settings ? [header.settings].flat() : [];
      // A key given in `settings` replaces its default here (TOML forbids a key twice).
      const given = new Set(settings.flatMap((line) => line.split('\n')).map((line) => line.split('=')[0]?.trim()));
      const defaults = ['state_file = "state.json"', 'log_file = "ddns.log"', 'timeout = "2s"', 'retries = 2', 'retry_delay = "20ms"', 'detect_wait = "0s"'];
      return [
        '[settings]',
        ...defaults.filter((line) => !given.has(line.split('=')[0]?.trim())),
        ...settings,
        '',
        '[ip.ipv4]',
        `sources = ["${ipEcho.url}/v4"]`,
        ...(header.ipv6 ? ['', '[ip.ipv6]', `sources = ["${ipEcho.url}/v6"]`] : []),
        '',
      ];
    },
    async writeConfig(tables, header) {
      await writeFile(configPath, [...workspace.configHeader(header), ...tables].join('\n'), { mode: 0o600 });
    },
    async writeInput(name, content) {
      const path = join(dir, name);
      inputs.add(path);
      await writeFile(path, content, { mode: 0o600 });
      return path;
    },
    async run(args, env = {}) {
      const merged = { ...workspace.env, ...env };
      const result = await (options.inProcess ? runInProcess(args, merged) : options.executable ? runSingleExecutable(options.executable, args, merged) : runDdns(args, merged));
      results.push(result);
      return result;
    },
    async runInThisProcess(args, env = {}) {
      const result = await runInProcess(args, { ...workspace.env, ...env });
      results.push(result);
      return result;
    },
    check: (...args) => workspace.run(['check', '--config', configPath, ...args]),
    readState: async () => JSON.parse(await readFile(statePath, 'utf8')) as StateFile,
    readLog: () => readFile(logPath, 'utf8'),
    async everything() {
      const outputs = results.map((result) => result.stdout + result.stderr);
      const files = await writtenFiles(dir, inputs);
      const contents = await Promise.all(files.map((path) => readFile(path, 'utf8')));
      return [...outputs, ...contents].join('\n');
    },
    async expectNoSecretAnywhere(secrets) {
      const files = await writtenFiles(dir, inputs);
      expect(files).toEqual(expect.arrayContaining([logPath, statePath]));
      const text = await workspace.everything();
      for (const secret of secrets) {
        for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
          expect(text).not.toContain(form);
        }
      }
      return text;
    },
    async close() {
      await ipEcho.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return workspace;
}

/** The CLI's entry called as a child process would run it: the process's environment plus `env`. */
async function runInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const [{ main }, { clearSecrets }] = await Promise.all([import('../../src/cli/main.js'), import('../../src/log/redact.js')]);
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text: string) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    env: { ...process.env, ...env, DDNS_CONFIG: env.DDNS_CONFIG ?? '' },
  };
  try {
    const exitCode = await main(['node', 'ddns', ...args], io);
    return { exitCode, stdout, stderr };
  } finally {
    // Secrets are registered process-wide; a child process would have taken them along when it ended.
    clearSecrets();
  }
}

/** Every file below `dir` that the CLI (not the test) wrote. */
async function writtenFiles(dir: string, inputs: Set<string>): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !inputs.has(path))
    .sort();
}

/** A [[provider]] table; ends with a blank line. */
export function providerTable(name: string, type: string, lines: string[]): string[] {
  return ['[[provider]]', `name = "${name}"`, `type = "${type}"`, ...lines, ''];
}

/** A [[record]] table; ends with a blank line. */
export function recordTable(provider: string, name: string, type = 'A', lines: string[] = []): string[] {
  return ['[[record]]', `provider = "${provider}"`, `name = "${name}"`, `type = "${type}"`, ...lines, ''];
}
