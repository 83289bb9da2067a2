#!/usr/bin/env node
// Part of `npm run build`: tsc never deletes what it compiled earlier, so a test file moved or
// removed in src/ or test/ would keep running from its old place in dist/. Everything in dist/ is
// rebuilt except dist/package/, the single executables, which scripts/package.mjs rebuilds only
// when their inputs changed.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const KEEP = new Set(['package']);

let entries = [];
try {
  entries = readdirSync(DIST);
} catch {
  // No dist/ yet: nothing to clean.
}
for (const entry of entries) if (!KEEP.has(entry)) rmSync(join(DIST, entry), { recursive: true, force: true });
