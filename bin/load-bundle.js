// Loads dist/ddns.cjs with a V8 code cache for `ddns check`, the command a scheduler starts every
// few minutes for years: compiling the bundle's 1 MB again on each run would cost more than the
// run itself. The cache sits beside the bundle (same trust as the code), one file per Node
// version; V8 rejects a cache that does not match the source or the engine, and then it is
// rewritten. Any problem with the cache only costs speed, never the run.
// CommonJS, like bin/ddns.js (bin/package.json).
'use strict';
const { existsSync, readFileSync, renameSync, writeFileSync, unlinkSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const { createRequire } = Module;
const bundlePath = path.join(__dirname, '..', 'dist', 'ddns.cjs');

function commandOf(argv) {
  return argv.slice(2).find((arg) => !arg.startsWith('-'));
}

function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
  }
}

function loadBundle(argv) {
  if (!existsSync(bundlePath)) {
    process.stderr.write(`ddns: ${bundlePath} is missing; build it with \`npm run build\` (npm install does it too)\n`);
    process.exit(1);
  }
  const require = createRequire(bundlePath);
  if (commandOf(argv) !== 'check' || process.env.DDNS_NO_CODE_CACHE === '1') return require(bundlePath);

  const cachePath = `${bundlePath}.${process.version}-${process.arch}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // first run with this Node version
  }
  const source = readFileSync(bundlePath, 'utf8');
  const script = new vm.Script(Module.wrap(source), {
    filename: bundlePath,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundleModule = { exports: {}, filename: bundlePath, id: bundlePath };
  script.runInThisContext()(bundleModule.exports, require, bundleModule, bundlePath, path.dirname(bundlePath));

  if (cachedData === undefined || script.cachedDataRejected) {
    // Written after the run, so the cache also holds the functions a check compiled lazily.
    process.once('beforeExit', () => writeAtomically(cachePath, script.createCachedData()));
  }
  return bundleModule.exports;
}

module.exports = { loadBundle };
