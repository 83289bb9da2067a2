import { createRequire } from 'node:module';

/**
 * Loads a Node built-in on first use (node:http, node:https, node:tls: only some runs need them).
 * require, not import(): the bundle runs as a vm.Script (bin/load-bundle.js), where a dynamic
 * import() of a built-in fails once the script comes from the code cache.
 */
export const requireBuiltin = createRequire(import.meta.url);
