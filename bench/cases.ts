/**
 * The worlds `npm run bench` measures: each case owns its fakes (IP echo, provider API) on
 * 127.0.0.1, its config and its state, so the request counts of one case never mix with another's.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { build } from 'esbuild';
import { DDNS_BIN, PACKAGE_ROOT, runDdns } from '../test/helpers/cli.js';
import { startFakeServer, type FakeServer } from '../test/helpers/fake-server.js';
import { startScenario, FIRST_IP, SECOND_IP, type Scenario } from '../test/helpers/scenario.js';
import { startFakeDyndns2, type FakeDyndns2 } from '../src/providers/dyndns2/fake.js';

/** `reference`: plain Node doing one HTTP GET, the least any Node updater must do on a run. */
export type Tool = 'node' | 'reference' | 'ddns' | 'ddclient' | 'inadyn';

/** What the fakes of one case have seen so far; a run's share is the difference of two of these. */
export interface Counters {
  providerRequests: number;
  /** Requests that write: Cloudflare POST/PATCH/PUT/DELETE, dyndns2 update calls. */
  providerUpdates: number;
  echoRequests: number;
  /** The provider holds the address the echo currently reports, for every record. */
  converged: boolean;
}

export interface BenchCase {
  id: string;
  label: string;
  tool: Tool;
  /** Provider: what the tool talks to in this case. */
  provider: 'none' | 'cloudflare' | 'dyndns2';
  records: number;
  /** True when every run has a new address to send. */
  change: boolean;
  /** Echo requests one run must make: every source of the config is asked once. */
  echoRequestsPerRun: number;
  argv: string[];
  /** Untimed: brings the world to the state every timed run starts from. */
  setup(): Promise<void>;
  /** Before every run: flips the echo's address when the case is a change case. */
  prepare(): void;
  counters(): Counters;
  close(): Promise<void>;
}

const otherAddress = (ip: string): string => (ip === FIRST_IP ? SECOND_IP : FIRST_IP);

/**
 * Variables of the caller's shell that every measured command runs without: DDNS_CONFIG would
 * point ddns elsewhere; NODE_EXTRA_CA_CERTS (set on some CI and sandbox machines, rarely on a
 * user's) makes every Node start read and parse a CA bundle, ~30 ms that hide what ddns costs.
 */
export const BENCH_UNSET = ['DDNS_CONFIG', 'NODE_EXTRA_CA_CERTS'] as const;

/** Environment for every measured command: the caller's, without BENCH_UNSET. */
export function benchEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of BENCH_UNSET) delete env[name];
  return env;
}

export function floorCase(): BenchCase {
  const zero: Counters = { providerRequests: 0, providerUpdates: 0, echoRequests: 0, converged: true };
  return {
    id: 'node-floor',
    label: 'node -e 0 (floor)',
    tool: 'node',
    provider: 'none',
    records: 0,
    change: false,
    echoRequestsPerRun: 0,
    argv: [process.execPath, '-e', '0'],
    setup: async () => undefined,
    prepare: () => undefined,
    counters: () => ({ ...zero }),
    close: async () => undefined,
  };
}

/**
 * Node starting and reading the address from the local echo with one HTTP GET, nothing else:
 * with `node:http` alone, and with node-fetch (the HTTP library DESIGN.md fixes for ddns),
 * bundled and minified the way dist/ddns.cjs is. What a no-change `ddns check` costs beyond
 * these rows is ddns's own work (config, lock, state, log).
 */
export async function httpGetFloorCase(library: 'node:http' | 'node-fetch'): Promise<BenchCase> {
  const echo = await startFakeServer(() => ({ body: `${FIRST_IP}\n` }));
  const dir = await mkdtemp(join(tmpdir(), 'ddns-bench-get-'));
  const script = join(dir, 'get.cjs');
  const url = JSON.stringify(`${echo.url}/v4`);
  const source =
    library === 'node:http'
      ? `const http = require('node:http');\nhttp.get(${url}, { family: 4 }, (res) => { let body = ''; res.on('data', (chunk) => (body += chunk)); res.on('end', () => process.stdout.write(body)); });\n`
      : `import fetch from 'node-fetch';\nimport http from 'node:http';\nfetch(${url}, { agent: new http.Agent({ family: 4 }) }).then((res) => res.text()).then((body) => process.stdout.write(body));\n`;
  if (library === 'node:http') await writeFile(script, source);
  else {
    await build({ stdin: { contents: source, resolveDir: PACKAGE_ROOT, loader: 'js' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, outfile: script, logLevel: 'error' });
  }
  const id = library === 'node:http' ? 'node-get-http' : 'node-get-node-fetch';
  return {
    id,
    label: `node · one GET with ${library} (reference)`,
    tool: 'reference',
    provider: 'none',
    records: 0,
    change: false,
    echoRequestsPerRun: 1,
    argv: [process.execPath, script],
    setup: async () => undefined,
    prepare: () => undefined,
    counters: () => ({ providerRequests: 0, providerUpdates: 0, echoRequests: echo.requests.length, converged: true }),
    async close() {
      await echo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface CloudflareCaseOptions {
  id: string;
  label: string;
  records: number;
  change: boolean;
  /** Adds a second IP source that answers after this many ms (listed first, asked concurrently). */
  slowSourceMs?: number;
  /** The ddns program to run (default: node bin/ddns.js), e.g. a single executable. */
  program?: string[];
}

/** `ddns check` against the fake Cloudflare API of test/helpers/scenario.ts. */
export async function cloudflareCase(options: CloudflareCaseOptions): Promise<BenchCase> {
  const names = options.records === 1 ? ['home.example.com'] : Array.from({ length: options.records }, (_, i) => `host${String(i + 1).padStart(String(options.records).length, '0')}.example.com`);
  const scenario: Scenario = await startScenario({ records: names.map((name) => ({ name })) });
  let slow: FakeServer | undefined;
  if (options.slowSourceMs !== undefined) {
    const delay = options.slowSourceMs;
    slow = await startFakeServer(async () => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return { body: `${scenario.ipv4.current}\n` };
    });
    // A timeout well above the slow source's delay: it really answers, it is not cut off.
    const text = (await readFile(scenario.configPath, 'utf8'))
      .replace(/^timeout = .*$/m, 'timeout = "10s"')
      .replace(/^sources = \[.*\]$/m, `sources = ["${slow.url}/v4", "${scenario.ipEcho.url}/v4"]`);
    await writeFile(scenario.configPath, text, { mode: 0o600 });
  }
  const slowServer = slow;
  return {
    id: options.id,
    label: options.label,
    tool: 'ddns',
    provider: 'cloudflare',
    records: options.records,
    change: options.change,
    echoRequestsPerRun: slowServer === undefined ? 1 : 2,
    argv: [...(options.program ?? [process.execPath, DDNS_BIN]), 'check', '--config', scenario.configPath],
    async setup() {
      const result = await scenario.check();
      if (result.exitCode !== 0) throw new Error(`${options.id}: setup run exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`);
    },
    prepare() {
      if (options.change) scenario.ipv4.current = otherAddress(scenario.ipv4.current);
    },
    counters: () => ({
      providerRequests: scenario.cloudflare.server.requests.length,
      providerUpdates: scenario.cloudflare.server.writes().length,
      echoRequests: scenario.ipEcho.requests.length + (slowServer?.requests.length ?? 0),
      converged: scenario.cloudflare.records().length === options.records && scenario.cloudflare.records().every((record) => record.content === scenario.ipv4.current),
    }),
    async close() {
      await Promise.all([scenario.close(), slowServer?.close()]);
    },
  };
}

const DYNDNS2_USER = 'ann';
const DYNDNS2_PASSWORD = 'bench-Passw0rd-7Kq2';
const DYNDNS2_HOST = 'home.example.com';

/** A fake dyndns2 server and an IP echo for one case, in a fresh directory. */
interface Dyndns2World {
  dir: string;
  fake: FakeDyndns2;
  echo: FakeServer;
  ip: { current: string };
  close(): Promise<void>;
}

async function startDyndns2World(id: string): Promise<Dyndns2World> {
  const dir = await mkdtemp(join(tmpdir(), `ddns-bench-${id}-`));
  const fake = await startFakeDyndns2({ accounts: { [DYNDNS2_USER]: DYNDNS2_PASSWORD }, hosts: { [DYNDNS2_HOST]: DYNDNS2_USER } });
  const ip = { current: FIRST_IP };
  const echo = await startFakeServer(() => ({ body: `${ip.current}\n` }));
  return {
    dir,
    fake,
    echo,
    ip,
    async close() {
      await Promise.all([fake.close(), echo.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Dyndns2CaseOptions {
  id: string;
  label: string;
  change: boolean;
}

/** The parts every dyndns2 case shares: counters, flipping, closing. */
function dyndns2Case(world: Dyndns2World, options: Dyndns2CaseOptions, tool: Tool, argv: string[], setup: () => Promise<void>): BenchCase {
  return {
    id: options.id,
    label: options.label,
    tool,
    provider: 'dyndns2',
    records: 1,
    change: options.change,
    echoRequestsPerRun: 1,
    argv,
    setup,
    prepare() {
      if (options.change) world.ip.current = otherAddress(world.ip.current);
    },
    counters: () => ({
      providerRequests: world.fake.server.requests.length,
      providerUpdates: world.fake.updates().length,
      echoRequests: world.echo.requests.length,
      converged: world.fake.host(DYNDNS2_HOST)?.ipv4 === world.ip.current,
    }),
    close: () => world.close(),
  };
}

/** `ddns check` with a `type = "dyndns2"` provider pointed at the fake dyndns2 server. */
export async function ddnsDyndns2Case(options: Dyndns2CaseOptions): Promise<BenchCase> {
  const world = await startDyndns2World(options.id);
  const configPath = join(world.dir, 'config.toml');
  const config = [
    '[settings]',
    'state_file = "state.json"',
    'log_file = "ddns.log"',
    '',
    '[ip.ipv4]',
    `sources = ["${world.echo.url}/"]`,
    '',
    '[[provider]]',
    'name = "dyn"',
    'type = "dyndns2"',
    `server = "${world.fake.url}"`,
    `username = "${DYNDNS2_USER}"`,
    `password = "${DYNDNS2_PASSWORD}"`,
    '',
    '[[record]]',
    'provider = "dyn"',
    `name = "${DYNDNS2_HOST}"`,
    'type = "A"',
    '',
  ].join('\n');
  await writeFile(configPath, config, { mode: 0o600 });
  return dyndns2Case(world, options, 'ddns', [process.execPath, DDNS_BIN, 'check', '--config', configPath], async () => {
    const result = await runDdns(['check', '--config', configPath]);
    if (result.exitCode !== 0) throw new Error(`${options.id}: setup run exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`);
  });
}

async function runPeerSetup(id: string, argv: string[]): Promise<void> {
  const [file, ...args] = argv;
  const result = await execa(file ?? '', args, { reject: false, env: benchEnv(), extendEnv: false, timeout: 30_000 });
  if (result.exitCode !== 0) throw new Error(`${id}: setup run exited ${String(result.exitCode)}: ${String(result.stderr).trim() || String(result.stdout).trim()}`);
}

/**
 * ddclient 3.x, one-shot: it reads the address from the echo (`use=web`), compares it with its
 * cache and sends a dyndns2 update when it differs. `min-interval=0`: by default ddclient refuses
 * a second update of a host within 30 s, and here every run has a new address to send.
 */
export async function ddclientCase(options: Dyndns2CaseOptions, executable: string): Promise<BenchCase> {
  const world = await startDyndns2World(options.id);
  const configPath = join(world.dir, 'ddclient.conf');
  const cachePath = join(world.dir, 'ddclient.cache');
  const config = [
    '# written by npm run bench: the fake dyndns2 server and IP echo on 127.0.0.1',
    'syslog=no',
    'ssl=no',
    `use=web, web=${world.echo.url}/`,
    'protocol=dyndns2',
    `server=127.0.0.1:${world.fake.server.port}`,
    `login=${DYNDNS2_USER}`,
    `password='${DYNDNS2_PASSWORD}'`,
    'min-interval=0',
    DYNDNS2_HOST,
    '',
  ].join('\n');
  await writeFile(configPath, config, { mode: 0o600 });
  const argv = [executable, '-daemon=0', '-foreground', '-file', configPath, '-cache', cachePath];
  return dyndns2Case(world, options, 'ddclient', argv, () => runPeerSetup(options.id, argv));
}

/**
 * inadyn 2.x, one-shot (`--once`) with a `custom` dyndns2 provider and a checkip server on the
 * echo. Its cache is written before the first run: without one, inadyn resolves the host name
 * through the system's DNS to learn the current address, which would leave 127.0.0.1.
 */
export async function inadynCase(options: Dyndns2CaseOptions, executable: string): Promise<BenchCase> {
  const world = await startDyndns2World(options.id);
  const configPath = join(world.dir, 'inadyn.conf');
  const cacheDir = join(world.dir, 'cache');
  await mkdir(cacheDir);
  await writeFile(join(cacheDir, `${DYNDNS2_HOST}.cache`), world.ip.current);
  const config = [
    '# written by npm run bench: the fake dyndns2 server and IP echo on 127.0.0.1',
    'custom bench {',
    '    ssl            = false',
    `    username       = "${DYNDNS2_USER}"`,
    `    password       = "${DYNDNS2_PASSWORD}"`,
    `    checkip-server = 127.0.0.1:${world.echo.port}`,
    '    checkip-path   = /',
    '    checkip-ssl    = false',
    `    ddns-server    = 127.0.0.1:${world.fake.server.port}`,
    '    ddns-path      = "/nic/update?hostname=%h&myip=%i"',
    `    hostname       = ${DYNDNS2_HOST}`,
    '}',
    '',
  ].join('\n');
  await writeFile(configPath, config, { mode: 0o600 });
  const argv = [executable, '--once', '--foreground', '--no-pidfile', `--cache-dir=${cacheDir}`, '-f', configPath];
  return dyndns2Case(world, options, 'inadyn', argv, async () => {
    // The server learns the cached address as if an earlier inadyn run had sent it.
    const authorization = `Basic ${Buffer.from(`${DYNDNS2_USER}:${DYNDNS2_PASSWORD}`).toString('base64')}`;
    const seeded = await fetch(`${world.fake.url}/nic/update?hostname=${DYNDNS2_HOST}&myip=${world.ip.current}`, { headers: { authorization, 'user-agent': 'ddns-bench' } });
    if (!(await seeded.text()).startsWith('good')) throw new Error(`${options.id}: could not seed the fake dyndns2 server`);
    await runPeerSetup(options.id, argv);
  });
}
