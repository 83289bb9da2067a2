#!/usr/bin/env node
// Part of `npm run build`: tsc never deletes what it compiled earlier, so a test file moved or
// removed in src/ or test/ would keep running from its old place in dist/. This removes every
// compiled file whose TypeScript source is gone, and anything else tsc and the bundler do not
// write; the rest stays, so that tsc's incremental build (dist/.tsbuildinfo) only compiles what
// changed. dist/package/, the single executables, is left to scripts/package.mjs, which rebuilds
// them only when their inputs changed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Top-level entries of dist/ that tsc does not compile from a source file. */
const KEEP = new Set(['package', 'ddns', '.tsbuildinfo']);
const BUNDLE = /^ddns\.cjs(\.|$)/;

function sourceOf(compiled) {
  const match = /^(.*)\.js(\.map)?$/.exec(compiled);
  return match === null ? undefined : `${match[1]}.ts`;
}

function clean(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // no dist/ yet: nothing to clean
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const rel = relative(DIST, path);
    if (!rel.includes(sep) && (KEEP.has(entry.name) || BUNDLE.test(entry.name))) continue;
    if (entry.isDirectory()) {
      clean(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true, force: true });
      continue;
    }
    const source = sourceOf(rel);
    if (source === undefined || !existsSync(join(ROOT, source))) rmSync(path, { force: true });
  }
}

clean(DIST);
