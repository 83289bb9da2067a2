import { resolveConfigPath } from '../config/paths.js';
import { configPermissionWarning } from '../config/permissions.js';
import type { Config } from '../config/types.js';
import { EXIT } from '../core/exit-codes.js';
import { redact } from '../log/redact.js';
import type { Io } from './io.js';

/** Thrown by a command to end with a code after printing its own message. */
export class ExitWith extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface CommonOptions {
  config?: string;
  json?: boolean;
}

export function configPathFrom(options: CommonOptions, io: Io): string {
  return resolveConfigPath(options.config, io.env);
}

/** What every command says about a config that loads: its permissions, the keys it ignores. */
export async function reportConfigWarnings(config: Config, io: Io): Promise<void> {
  const warning = await configPermissionWarning(config.path, config.secretsInFile);
  if (warning) io.stderr(`warning: ${warning}`);
  if (config.warnings === undefined || config.warnings.length === 0) return;
  // The problem formatter (and the line locator with it) loads only for a config that has warnings.
  const { formatProblem } = await import('../config/problems.js');
  for (const ignored of config.warnings) io.stderr(redact(`warning: ${formatProblem(ignored)}`));
}

/** The exit code for an error that reached the top of a command: ExitWith's own, or a bug report. */
export function exitCodeFor(error: unknown, io: Io): number {
  if (error instanceof ExitWith) return error.code;
  const message = redact(error instanceof Error ? error.message : String(error));
  io.stderr(`ddns: internal error: ${message}\n(this is a bug: please report it with the output of the same command run with -v)`);
  if (io.env.DDNS_DEBUG_STACK === '1' && error instanceof Error && error.stack) io.stderr(redact(error.stack));
  return EXIT.INTERNAL;
}
