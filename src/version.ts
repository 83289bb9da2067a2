import { PACKAGE_VERSION } from './package-root.js';

/** Set by the bundler (scripts/bundle.mjs) so a single executable knows its version without package.json. */
declare const __DDNS_VERSION__: string | undefined;

export const VERSION: string = typeof __DDNS_VERSION__ === 'string' ? __DDNS_VERSION__ : (PACKAGE_VERSION ?? '0.0.0');
export const USER_AGENT = `ddns/${VERSION}`;

/**
 * Which build this is: set by the bundler from the sources it bundled, so that what one build
 * cached (config/cache.ts) is never read by another. Unbundled (tsc output, tests) it is the version.
 */
declare const __DDNS_BUILD__: string | undefined;

export const BUILD_ID: string = typeof __DDNS_BUILD__ === 'string' ? __DDNS_BUILD__ : `unbundled-${VERSION}`;
