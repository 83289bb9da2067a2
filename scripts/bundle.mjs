#!/usr/bin/env node
// Bundles the CLI and every dependency into dist/ddns.cjs, one CommonJS file: a run then loads
// one module instead of several hundred, and the same file is what a single executable embeds.
// Provider implementations and rarely used libraries stay behind dynamic import(), which esbuild
// turns into lazily evaluated sections of the same file.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

const result = await build({
  entryPoints: [new URL('src/cli/main.ts', root).pathname],
  outfile: new URL('dist/ddns.cjs', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  keepNames: false,
  legalComments: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  // import.meta does not exist in CommonJS; the modules that use it only need this file's URL.
  define: { 'import.meta.url': '__ddnsModuleUrl', __DDNS_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: 'var __ddnsModuleUrl=require("node:url").pathToFileURL(__filename).href;' },
  // The bundle is also the main script of the single executable (scripts/package.mjs), where no
  // bin/ddns.js is there to start it: run the CLI when this file is the program, not when required.
  // Exit handling as in bin/ddns.js.
  footer: { js: 'if(require.main===module)module.exports.main(process.argv).then(c=>{process.exitCode=c;setTimeout(()=>process.exit(c),2000).unref()});' },
  metafile: true,
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
