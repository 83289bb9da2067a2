// Loads the CLI from dist/ddns/ (built by `npm run build`: main.cjs and the chunks it requires),
// with a V8 code cache per chunk for `ddns check`, the command a scheduler starts every few
// minutes for years: compiling the same code again on each run would cost more than the run
// itself. Each cache sits beside its chunk (same trust as the code), one file per Node version;
// V8 rejects a cache that does not match the source or the engine, and then it is rewritten. Any
// problem with a cache only costs speed, never the run.
// CommonJS, like bin/ddns.js (bin/package.json).
'use strict';
const { existsSync, readFileSync, renameSync, writeFileSync, unlinkSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const chunkDir = path.join(__dirname, '..', 'dist', 'ddns');
const mainChunk = path.join(chunkDir, 'main.cjs');

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

/**
 * A loader for the chunks alone (they require each other as "./<name>.cjs" and Node's built-ins,
 * nothing else): each one compiled through vm.Script with its cache. Caches that were missing or
 * rejected are written after the run, so they also hold the functions the run compiled lazily.
 */
function cachedChunkLoader() {
  const loaded = new Map();
  const stale = [];
  process.once('beforeExit', () => {
    for (const [cachePath, script] of stale) writeAtomically(cachePath, script.createCachedData());
  });
  const nodeRequire = Module.createRequire(mainChunk);
  const chunkRequire = (id) => (id.startsWith('./') && id.endsWith('.cjs') ? load(path.join(chunkDir, id.slice(2))) : nodeRequire(id));
  function load(file) {
    const known = loaded.get(file);
    if (known !== undefined) return known.exports;
    const chunkModule = { exports: {}, filename: file, id: file };
    loaded.set(file, chunkModule);
    const cachePath = `${file}.${process.version}-${process.arch}.v8cache`;
    let cachedData;
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      // first run of this chunk with this Node version
    }
    const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) stale.push([cachePath, script]);
    script.runInThisContext()(chunkModule.exports, chunkRequire, chunkModule, file, chunkDir);
    return chunkModule.exports;
  }
  return load;
}

function loadBundle(argv) {
  if (!existsSync(mainChunk)) {
    process.stderr.write(`ddns: ${mainChunk} is missing; build it with \`npm run build\` (npm install does it too)\n`);
    process.exit(1);
  }
  if (commandOf(argv) !== 'check' || process.env.DDNS_NO_CODE_CACHE === '1') return require(mainChunk);
  return cachedChunkLoader()(mainChunk);
}

module.exports = { loadBundle };
