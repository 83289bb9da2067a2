import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PACKAGE_ROOT, runSingleExecutable, type CliResult } from '../helpers/cli.js';
import { IMAGE_DIRECTORY_ENTRY_SECURITY, parsePe, peResource, RT_RCDATA } from '../helpers/pe.js';
import { startScenario, FIRST_IP, type Scenario } from '../helpers/scenario.js';
import { systemdQuote } from '../../src/scheduler/systemd.js';
import { execa } from 'execa';

const OUTPUT_DIR = join(PACKAGE_ROOT, 'dist', 'package');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** The single executable this machine can run; the package script builds on these two only. */
const HOST_EXECUTABLE = process.arch !== 'x64' ? undefined : process.platform === 'linux' ? 'ddns-linux-x64' : process.platform === 'win32' ? 'ddns.exe' : undefined;

/**
 * `npm run package` (scripts/package.mjs) once for the file: it rebuilds only when the bundle, the
 * templates or the Node version changed, and fetches the Node binaries from the npm registry the
 * first time (kept in .cache/node/), hence the long timeout.
 */
async function buildSingleExecutables(): Promise<CliResult> {
  const result = await execa(process.execPath, [join(PACKAGE_ROOT, 'scripts', 'package.mjs')], { cwd: PACKAGE_ROOT, reject: false, timeout: 590_000 });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('single executables (npm run package)', () => {
  let build: CliResult;
  beforeAll(async () => {
    build = await buildSingleExecutables();
  }, 600_000);

  if (HOST_EXECUTABLE === undefined) {
    it('says clearly that it builds only on Linux x64 and Windows x64', () => {
      expect(build.exitCode).toBe(1);
      expect(build.stderr).toMatch(/^package: building the single executables needs a Linux x64 or Windows x64 machine/);
    });
    return;
  }
  const hostExecutable = HOST_EXECUTABLE;

  it('builds ddns.exe and ddns-linux-x64 and names them with their sizes', () => {
    // The first build on a machine says which Node packages it fetches; nothing else may be on stderr.
    expect(build.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('fetching '))).toEqual([]);
    expect(build.exitCode).toBe(0);
    for (const name of ['ddns.exe', 'ddns-linux-x64']) expect(build.stdout).toContain(`${join(OUTPUT_DIR, name)}  `);
    expect(build.stdout).toMatch(/\d+\.\d MiB$/m);
  });

  describe(`${hostExecutable}, run from a folder with nothing of ddns around it`, () => {
    let dir: string;
    let executable: string;
    let configPath: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ddns-single-executable-'));
      executable = join(dir, process.platform === 'win32' ? 'ddns.exe' : 'ddns');
      await copyFile(join(OUTPUT_DIR, hostExecutable), executable);
      configPath = join(dir, 'config.toml');
      await writeFile(configPath, '[[provider]]\nname = "cf"\ntype = "cloudflare"\napi_token = "single-executable-test-token"\n\n[[record]]\nprovider = "cf"\nname = "home.example.com"\n', { mode: 0o600 });
      // Decoys where a build that reads templates from disk would look (tasks/ of the working
      // directory): setup-task must print the templates embedded in the executable instead.
      await mkdir(join(dir, 'tasks'));
      for (const name of await readdir(join(PACKAGE_ROOT, 'tasks'))) await writeFile(join(dir, 'tasks', name), 'DECOY {{executable}}\n');
    }, 60_000);
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const run = (args: string[]) => runSingleExecutable(executable, args, {}, dir);

    it('--version prints the version of package.json', async () => {
      const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(await run(['--version'])).toEqual({ exitCode: 0, stdout: pkg.version, stderr: '' });
    });

    it('without a command prints the help and exits 2, as `ddns` does', async () => {
      const result = await run([]);
      expect(result.exitCode).toBe(2);
      expect(result.stdout + result.stderr).toMatch(/Usage: ddns \[options\] \[command\][\s\S]*setup-task/);
    });

    it('setup-task --print --platform systemd runs the executable itself, with no script, from the embedded templates', async () => {
      const result = await run(['setup-task', '--print', '--platform', 'systemd', '--config', configPath]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('DECOY');
      expect(result.stdout.split('\n')).toContain(`ExecStart=${systemdQuote(executable)} check --config ${systemdQuote(configPath)}`);
      for (const name of ['ddns.service', 'ddns.timer']) {
        const fixedLines = (await readFile(join(PACKAGE_ROOT, 'tasks', name), 'utf8')).split('\n').filter((line) => line !== '' && !line.includes('{{'));
        for (const line of fixedLines) expect(result.stdout).toContain(line);
      }
    });

    it('setup-task --print --platform windows puts the executable in <Command> and only the ddns arguments in <Arguments>', async () => {
      const result = await run(['setup-task', '--print', '--platform', 'windows', '--config', configPath, '--name', 'ddns-sea']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('DECOY');
      const parsed = new XMLParser({ parseTagValue: false, ignoreDeclaration: true }).parse(result.stdout) as { Task: { Actions: { Exec: { Command: string; Arguments: string } } } };
      expect(parsed.Task.Actions.Exec).toEqual({ Command: `"${executable}"`, Arguments: `check --config "${configPath}"` });
    });

    describe('ddns check against the fake Cloudflare API and IP echo', () => {
      let scenario: Scenario;
      beforeAll(async () => {
        scenario = await startScenario({ executable });
      });
      afterAll(async () => {
        await scenario.close();
      });

      it('creates the record, then a run with the IP unchanged sends no provider request', async () => {
        const created = await scenario.check();
        expect(created.stderr).toBe('');
        expect(created.exitCode).toBe(0);
        expect(created.stdout).toMatch(/created\s+home\.example\.com A \(cf\)\s+→ 81\.2\.69\.160/);
        expect(scenario.cloudflare.records()).toEqual([expect.objectContaining({ name: 'home.example.com', type: 'A', content: FIRST_IP })]);

        const before = scenario.cloudflare.server.requests.length;
        const unchanged = await scenario.check();
        expect(unchanged.exitCode).toBe(0);
        expect(scenario.cloudflare.server.requests.length - before).toBe(0);
        expect(unchanged.stdout).toContain('0 provider requests');
      });
    });
  });

  describe('ddns.exe (checked as a file: no Windows here to run it)', () => {
    let exe: Buffer;
    beforeAll(async () => {
      exe = await readFile(join(OUTPUT_DIR, 'ddns.exe'));
    });

    it('is an x64 console program in PE format, without the node.exe signature the injection invalidated', () => {
      const image = parsePe(exe);
      expect(image.machine).toBe(0x8664);
      expect(image.subsystem).toBe(3);
      expect(image.directories[IMAGE_DIRECTORY_ENTRY_SECURITY]).toEqual([0, 0]);
    });

    it('carries the blob as the NODE_SEA_BLOB resource: the current bundle and every task template', async () => {
      const blob = peResource(exe, parsePe(exe), RT_RCDATA, 'NODE_SEA_BLOB');
      expect(blob).toBeDefined();
      const bundle = await readFile(join(PACKAGE_ROOT, 'dist', 'ddns.cjs'));
      expect(blob?.includes(bundle)).toBe(true);
      for (const name of await readdir(join(PACKAGE_ROOT, 'tasks'))) {
        expect(blob?.includes(Buffer.from(`tasks/${name}`))).toBe(true);
        expect(blob?.includes(await readFile(join(PACKAGE_ROOT, 'tasks', name)))).toBe(true);
      }
    });

    it('has the fuse flipped, so Node runs the blob instead of acting as plain node', () => {
      expect(occurrences(exe, `${FUSE}:1`)).toBe(1);
      expect(occurrences(exe, `${FUSE}:0`)).toBe(0);
    });
  });
});

function occurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}
