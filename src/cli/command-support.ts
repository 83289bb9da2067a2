import { ConfigError, formatProblem } from '../config/load.js';
import { resolveConfigPath } from '../config/paths.js';
import { configPermissionWarning } from '../config/permissions.js';
import type { Config } from '../config/types.js';
import { EXIT } from '../core/exit-codes.js';
import { redact, redactValue } from '../log/redact.js';
import { VERSION } from '../version.js';
import type { Io } from './io.js';
import { loadConfigWithSecretsRegistered } from './load-config.js';

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

/** Loads the config or prints every problem and ends with exit 2: nothing has been sent yet. */
export async function loadOrExit(path: string, io: Io, json: boolean, onConfigError?: (error: ConfigError) => Promise<void>): Promise<Config> {
  try {
    const config = await loadConfigWithSecretsRegistered(path, io.env);
    const warning = await configPermissionWarning(config.path, config.secretsInFile);
    if (warning) io.stderr(`warning: ${warning}`);
    for (const ignored of config.warnings ?? []) io.stderr(redact(`warning: ${formatProblem(ignored)}`));
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      if (json) {
        io.stdout(JSON.stringify({ version: VERSION, exitCode: EXIT.USAGE, error: 'config', problems: redactValue(error.problems) }, null, 2));
      }
      io.stderr(redact(`ddns: ${error.problems.length === 1 ? 'config error' : `${error.problems.length} config errors`}:\n${error.message}`));
      await onConfigError?.(error);
      throw new ExitWith(EXIT.USAGE);
    }
    throw error;
  }
}

/** The exit code for an error that reached the top of a command: ExitWith's own, or a bug report. */
export function exitCodeFor(error: unknown, io: Io): number {
  if (error instanceof ExitWith) return error.code;
  const message = redact(error instanceof Error ? error.message : String(error));
  io.stderr(`ddns: internal error: ${message}\n(this is a bug: please report it with the output of the same command run with -v)`);
  if (io.env.DDNS_DEBUG_STACK === '1' && error instanceof Error && error.stack) io.stderr(redact(error.stack));
  return EXIT.INTERNAL;
}
