import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { PACKAGE_ROOT } from '../helpers/cli.js';
import { startScenario, type Scenario } from '../helpers/scenario.js';

const CACHE_SUFFIX = `.${process.version}-${process.arch}.v8cache`;

/**
 * A copy of the runnable program (bin/, dist/ddns/, package.json) in its own folder, so that the
 * chunk caches one run writes are that run's alone: other test files run `ddns check` at the same
 * time from the checkout, and their runs load other chunks.
 */
async function copyOfProgram(): Promise<{ root: string; chunks: string; run(args: string[], env?: NodeJS.ProcessEnv): Promise<{ exitCode: number; stdout: string; stderr: string }> }> {
  const root = await mkdtemp(join(tmpdir(), 'ddns-code-cache-'));
  await cp(join(PACKAGE_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  await cp(join(PACKAGE_ROOT, 'package.json'), join(root, 'package.json'));
  const chunks = join(root, 'dist', 'ddns');
  await cp(join(PACKAGE_ROOT, 'dist', 'ddns'), chunks, { recursive: true, filter: (source) => !source.endsWith('.v8cache') && !source.endsWith('.tmp') });
  return {
    root,
    chunks,
    async run(args, env = {}) {
      const result = await execa(process.execPath, [join(root, 'bin', 'ddns.js'), ...args], { env: { DDNS_CONFIG: '', ...env }, reject: false, timeout: 60_000 });
      return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
  };
}

/**
 * bin/load-bundle.js: `ddns check` loads the chunks of dist/ddns/ through a V8 code cache kept
 * beside each one. A cache only ever costs or saves time: a damaged or foreign one is rejected
 * by V8 and rewritten, and the run's result never depends on it.
 */
describe('the code cache of ddns check', () => {
  let scenario: Scenario;
  let program: Awaited<ReturnType<typeof copyOfProgram>>;

  beforeEach(async () => {
    scenario = await startScenario();
    program = await copyOfProgram();
  });

  afterEach(async () => {
    await scenario.close();
    await rm(program.root, { recursive: true, force: true });
  });

  const caches = async () => (await readdir(program.chunks)).filter((name) => name.endsWith(CACHE_SUFFIX)).sort();

  it('a garbage cache file is rejected, the run is unaffected, and the cache is written anew', async () => {
    const mainCache = join(program.chunks, `main.cjs${CACHE_SUFFIX}`);
    const garbage = Buffer.alloc(4096, 0x5a);
    await writeFile(mainCache, garbage);
    const result = await program.run(['check', '--config', scenario.configPath]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(scenario.cloudflare.records()).toHaveLength(1);
    const rewritten = await readFile(mainCache);
    expect(rewritten.equals(garbage)).toBe(false);
    expect((await stat(mainCache)).size).toBeGreaterThan(1_000);
  });

  it('a no-change check loads only its own chunks: not commander, no provider code or metadata, not the TOML parser, zod, the notifiers or p-retry, not the other commands', async () => {
    expect((await program.run(['check', '--config', scenario.configPath])).exitCode).toBe(0);
    // The run above created the record; from here on nothing changes. Start from no caches, so
    // the caches the next run writes name exactly the chunks it loaded.
    for (const name of await caches()) await rm(join(program.chunks, name));
    const result = await program.run(['check', '--config', scenario.configPath]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.com A \(cf\)/);
    expect(scenario.cloudflare.server.requests).toHaveLength(3); // the first run's only

    const loaded = (await caches()).map((name) => name.slice(0, -CACHE_SUFFIX.length));
    expect(loaded).toContain('main.cjs');
    const all = (await readdir(program.chunks)).filter((name) => name.endsWith('.cjs'));
    const text = async (name: string) => readFile(join(program.chunks, name), 'utf8');
    const holding = async (marker: string) => {
      const found: string[] = [];
      for (const name of all) if ((await text(name)).includes(marker)) found.push(name);
      return found;
    };
    // Each marker is a string only that code contains; each must exist somewhere in the build.
    const markers = {
      commander: 'commander.helpDisplayed',
      'the Cloudflare client': 'api.cloudflare.com/client/v4',
      'the task commands': 'schtasks /Create /XML',
      'the doctor': 'credentials accepted (read-only lookups of',
      'the provider registry (every type\'s metadata)': 'src/providers/all.ts exports',
      'the TOML parser': 'Unterminated string',
      'zod (the schemas: only for a state the quick checks refuse)': '_zod',
      'the notifiers': 'hc-ping',
      'p-retry (provider calls only)': 'You should only throw errors',
    };
    for (const [what, marker] of Object.entries(markers)) {
      const chunks = await holding(marker);
      expect({ what, chunks: chunks.length > 0 }).toEqual({ what, chunks: true });
      expect({ what, loaded: chunks.filter((name) => loaded.includes(name)) }).toEqual({ what, loaded: [] });
    }
    let loadedBytes = 0;
    let allBytes = 0;
    for (const name of all) {
      const size = (await stat(join(program.chunks, name))).size;
      allBytes += size;
      if (loaded.includes(name)) loadedBytes += size;
    }
    expect(loadedBytes / allBytes).toBeLessThan(0.2);
  });

  it('a no-change check loads neither node:http, node:tls, node:assert, node:fs/promises nor promise hooks (AsyncLocalStorage), and on Linux starts no thread beyond Node\'s own (no thread pool)', async () => {
    expect((await program.run(['check', '--config', scenario.configPath])).exitCode).toBe(0);
    const probe = join(program.root, 'probe.cjs');
    await writeFile(
      probe,
      `process.on('exit', () => { const fs = require('node:fs'); fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ modules: process.moduleLoadList, threads: process.platform === 'linux' ? fs.readdirSync('/proc/self/task').length : null })); });\n`,
    );
    const probed = async (out: string, args: string[]) => {
      const result = await execa(process.execPath, ['--require', probe, ...args], { env: { DDNS_CONFIG: '', PROBE_OUT: join(program.root, out) }, reject: false, timeout: 60_000 });
      expect(result.exitCode).toBe(0);
      return JSON.parse(await readFile(join(program.root, out), 'utf8')) as { modules: string[]; threads: number | null };
    };
    const bare = await probed('bare.json', ['-e', '0']);
    const run = await probed('run.json', [join(program.root, 'bin', 'ddns.js'), 'check', '--config', scenario.configPath]);
    expect(scenario.cloudflare.server.requests).toHaveLength(3); // the first run's only: this one changed nothing
    expect(run.modules).toContain('NativeModule net');
    const unwanted = ['http', 'https', 'tls', 'assert', 'fs/promises', 'internal/fs/promises', 'readline', 'child_process', 'worker_threads', 'zlib', 'internal/promise_hooks'].map((name) => `NativeModule ${name}`);
    expect(run.modules.filter((name) => unwanted.includes(name))).toEqual([]);
    if (process.platform === 'linux') expect(run.threads).toBeLessThanOrEqual(bare.threads ?? 0);
  });

  it('without the cache (DDNS_NO_CODE_CACHE=1) a check does the same work and writes no cache', async () => {
    const result = await program.run(['check', '--config', scenario.configPath], { DDNS_NO_CODE_CACHE: '1' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+home\.example\.com A \(cf\)/);
    expect(await caches()).toEqual([]);
  });
});
