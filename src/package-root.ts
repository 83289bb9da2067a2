import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  root: string;
  version: string;
}

/**
 * The ddns package's own folder and version, found by walking up from this module: the compiled
 * file sits at dist/src/package-root.js, the bundle at dist/ddns.cjs, so the depth varies.
 * A single executable has no package folder; its version is stamped in by the bundler.
 */
function findPackage(): PackageInfo | undefined {
  const thisFile = fileURLToPath(import.meta.url);
  // Inside a single executable this code's file name is the executable itself, which may well sit
  // in some folder below a ddns checkout (dist/package/); its tasks/ and bin/ are not its own.
  if (thisFile === process.execPath) return undefined;
  let dir = dirname(thisFile);
  for (let depth = 0; depth < 5; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ddns' && typeof pkg.version === 'string') return { root: dir, version: pkg.version };
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  return undefined;
}

const found = findPackage();

/** The package folder (holding bin/, tasks/, package.json); undefined inside a single executable. */
export const PACKAGE_ROOT: string | undefined = found?.root;
export const PACKAGE_VERSION: string | undefined = found?.version;
