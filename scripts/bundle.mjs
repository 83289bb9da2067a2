#!/usr/bin/env node
// Bundles the CLI and every dependency twice:
// - dist/ddns/: what bin/ddns.js runs. Split at every dynamic import() into CommonJS chunks, so a
//   run reads and compiles only the code it reaches: a no-change `ddns check` loads neither the
//   providers nor commander nor the task and doctor commands (docs/design/startup.md).
// - dist/ddns.cjs: the same program as one CommonJS file, for the single executables, which can
//   embed one script only (scripts/package.mjs). Dynamic import() becomes a lazily evaluated
//   section of the file there.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

/** A hash of everything bundled from this checkout (src/ and the locked dependencies): the build id. */
async function buildId() {
  const hash = createHash('sha256');
  const walk = async (dir) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
      if (entry.isDirectory()) await walk(url);
      else if (entry.name.endsWith('.ts')) hash.update(entry.name).update(await readFile(url));
    }
  };
  await walk(new URL('src/', root));
  hash.update(await readFile(new URL('package-lock.json', root)));
  return hash.digest('hex').slice(0, 16);
}

// commander requires node:child_process at load, for executable subcommands ddns never has; with it
// come dgram and the socket list, a few ms of every run. It gets a stand-in that loads the module
// on first use.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(context) {
    context.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:${args.path}'))[key] });\n`,
      loader: 'js',
    }));
  },
};

// proper-lockfile loads graceful-fs, which patches the whole fs module at load (a few ms of every
// run) to queue opens past EMFILE; src/state/lock.ts hands proper-lockfile its own node:fs-based
// file system anyway, so graceful-fs is never called. It gets plain node:fs instead.
const plainFsForLockfile = {
  name: 'plain-fs-for-proper-lockfile',
  setup(context) {
    context.onResolve({ filter: /^graceful-fs$/ }, (args) =>
      /node_modules[\\/]proper-lockfile[\\/]/.test(args.importer) ? { path: 'graceful-fs', namespace: 'plain-fs' } : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'plain-fs' }, () => ({ contents: `module.exports = require('node:fs');\n`, loader: 'js' }));
  },
};

// signal-exit 3 (proper-lockfile's) loads node:assert, and the assertion helpers with it, for one
// assert.equal on its callback's type. It gets that one function.
const assertEqualForSignalExit = {
  name: 'assert-equal-for-signal-exit',
  setup(context) {
    context.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      /node_modules[\\/]signal-exit[\\/]/.test(args.importer) ? { path: 'assert', namespace: 'assert-equal' } : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'assert-equal' }, () => ({
      contents: `module.exports = { equal(actual, expected, message) { if (actual != expected) throw new TypeError(message); } };\n`,
      loader: 'js',
    }));
  },
};

// import.meta does not exist in CommonJS; the modules that use it only need their file's URL.
const MODULE_URL = 'var __ddnsModuleUrl=require("node:url").pathToFileURL(__filename).href;';
const common = {
  entryPoints: [new URL('src/cli/main.ts', root).pathname],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
  logLevel: 'warning',
  define: { 'import.meta.url': '__ddnsModuleUrl', __DDNS_VERSION__: JSON.stringify(pkg.version), __DDNS_BUILD__: JSON.stringify(await buildId()) },
  metafile: true,
  plugins: [lazyBuiltins, plainFsForLockfile, assertEqualForSignalExit],
};

const result = await build({
  ...common,
  outfile: new URL('dist/ddns.cjs', root).pathname,
  format: 'cjs',
  legalComments: 'external',
  sourcemap: 'linked',
  banner: { js: MODULE_URL },
  // The bundle is also the main script of the single executable (scripts/package.mjs), where no
  // bin/ddns.js is there to start it: run the CLI when this file is the program, not when required.
  // Exit handling as in bin/ddns.js.
  footer: { js: 'if(require.main===module)module.exports.main(process.argv).then(c=>{process.exitCode=c;setTimeout(()=>process.exit(c),2000).unref()});' },
});

// zod/mini keeps zod to ~34 KB of the bundle. One classic `import { z } from 'zod'`, or a `z.core.…` /
// `z.locales.…` value, brings back ~450 KB (every locale) and ~40 ms to the start of every run.
const bundled = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs));
const heavyZod = bundled.find(([file, info]) => info.bytesInOutput > 0 && /node_modules\/zod\/v4\/(classic\/|locales\/(?!en\.js|index\.js))/.test(file));
if (heavyZod) {
  console.error(`bundle: ${heavyZod[0]} got into dist/ddns.cjs; use \`import * as z from 'zod/mini'\` and import core names directly (see src/config/load.ts)`);
  process.exit(1);
}

// A provider folder also holds its fake, test kit and docs text (src/providers/<type>/fake.ts,
// testkit.ts, docs.ts, *.test.ts), which import test helpers: none of it may reach the program users run.
const testCode = bundled.find(([file, info]) => info.bytesInOutput > 0 && (/(^|\/)test\//.test(file) || /\/providers\/[^/]+\/(fake|testkit|docs)\.ts$|\.test\.ts$/.test(file)));
if (testCode) {
  console.error(`bundle: ${testCode[0]} (test code or docs text) got into dist/ddns.cjs; only metadata.ts, index.ts and their wire clients may be imported by the CLI`);
  process.exit(1);
}

// esbuild escapes non-ASCII characters in strings and untagged templates (charset ascii), but not in
// regular expression literals: the Chinese and accented error texts some providers match kept the
// whole 0.95 MB bundle a two-byte string in V8 (twice the memory; slower to read and scan). A BMP
// character is the same as its \uXXXX escape in a regex, with or without the u flag; refused where
// that would not hold: after a backslash, outside the BMP, or in a String.raw template.
const bundlePath = new URL('dist/ddns.cjs', root);
const bundleText = await readFile(bundlePath, 'utf8');
if (/[^\x00-\x7f]/.test(bundleText)) {
  const lines = bundleText.split('\n');
  await writeFile(bundlePath, asciiOnly(bundleText, 'dist/ddns.cjs'));
  // Each escape is 5 characters longer: move the generated columns of the source map behind it.
  const mapPath = new URL('dist/ddns.cjs.map', root);
  const map = JSON.parse(await readFile(mapPath, 'utf8'));
  map.mappings = map.mappings
    .split(';')
    .map((line, index) => {
      const text = lines[index] ?? '';
      if (!/[^\x00-\x7f]/.test(text)) return line;
      const wide = [];
      for (let column = 0; column < text.length; column++) if (text.charCodeAt(column) > 0x7f) wide.push(column);
      const shift = (column) => 5 * wide.filter((at) => at < column).length;
      let column = 0;
      let written = 0;
      return line
        .split(',')
        .map((segment) => {
          if (segment === '') return segment;
          const [delta, rest] = readVlq(segment);
          column += delta;
          const moved = column + shift(column);
          const encoded = writeVlq(moved - written) + segment.slice(rest);
          written = moved;
          return encoded;
        })
        .join(',');
    })
    .join(';');
  await writeFile(mapPath, JSON.stringify(map));
}

function readVlq(text) {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let value = 0;
  let shift = 0;
  let index = 0;
  for (;;) {
    const digit = digits.indexOf(text[index++]);
    value += (digit & 31) << shift;
    shift += 5;
    if ((digit & 32) === 0) break;
  }
  return [value & 1 ? -(value >>> 1) : value >>> 1, index];
}

function writeVlq(number) {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let value = number < 0 ? (-number << 1) | 1 : number << 1;
  let out = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    out += digits[digit];
  } while (value > 0);
  return out;
}

// The split build. esbuild splits only ES modules, so the chunks are built as ESM in memory and
// each one is then turned into CommonJS on its own (imports of sibling chunks become require()s of
// their .cjs files): CommonJS because an ES module entry starts Node's ESM loader (~10 ms a run),
// and because bin/load-bundle.js can give each chunk a V8 code cache. No source maps here: the
// chunks come from the same sources as dist/ddns.cjs, whose map serves for reading a stack trace.
const SPLIT_DIR = new URL('dist/ddns/', root);
const split = await build({ ...common, outdir: SPLIT_DIR.pathname, format: 'esm', splitting: true, write: false, legalComments: 'none', entryNames: '[name]-[hash]', chunkNames: 'chunk-[hash]' });
const entryOutput = Object.entries(split.metafile.outputs).find(([, output]) => output.entryPoint === 'src/cli/main.ts')?.[0];
if (entryOutput === undefined) {
  console.error('bundle: the split build has no output for src/cli/main.ts');
  process.exit(1);
}
const entryName = entryOutput.slice(entryOutput.lastIndexOf('/') + 1);
const cjsName = (name) => (name === entryName ? 'main.cjs' : name.replace(/\.js$/, '.cjs'));
await rm(SPLIT_DIR, { recursive: true, force: true });
await mkdir(SPLIT_DIR, { recursive: true });
for (const file of split.outputFiles) {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const converted = await transform(file.text, { format: 'cjs', platform: 'node', target: 'node20', minify: true, supported: { 'dynamic-import': false }, logLevel: 'warning' });
  let code = converted.code.replace(/require\("\.\/([\w-]+\.js)"\)/g, (_, sibling) => `require("./${cjsName(sibling)}")`);
  if (/(?:require|import)\(\s*["']\.\/[\w-]+\.js["']/.test(code)) {
    console.error(`bundle: ${name} still refers to a sibling chunk by its .js name`);
    process.exit(1);
  }
  if (code.includes('__ddnsModuleUrl')) code = MODULE_URL + code;
  await writeFile(new URL(cjsName(name), SPLIT_DIR), asciiOnly(code, `dist/ddns/${cjsName(name)}`));
}

/** Every non-ASCII character as its \\uXXXX escape; exits where that would change the program. */
function asciiOnly(text, label) {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const refuse = (why) => {
    console.error(`bundle: ${why}; cannot make ${label} ASCII (scripts/bundle.mjs)`);
    process.exit(1);
  };
  if (/[\ud800-\udfff]/.test(text)) refuse('a character outside the BMP');
  if (/\\[^\x00-\x7f]/.test(text)) refuse('a backslash before a non-ASCII character');
  if (/String\.raw`[^`]*[^\x00-\x7f]/.test(text)) refuse('a non-ASCII character in a String.raw template');
  return text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
