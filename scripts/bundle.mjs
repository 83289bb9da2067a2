#!/usr/bin/env node
// Bundles the CLI and every dependency into dist/ddns.cjs, one CommonJS file: a run then loads
// one module instead of several hundred, and the same file is what a single executable embeds.
// Provider implementations and rarely used libraries stay behind dynamic import(), which esbuild
// turns into lazily evaluated sections of the same file.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

await build({
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
});
