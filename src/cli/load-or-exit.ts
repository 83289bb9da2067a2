import { ConfigError } from '../config/load.js';
import type { Config } from '../config/types.js';
import { EXIT } from '../core/exit-codes.js';
import { redact, redactValue } from '../log/redact.js';
import { VERSION } from '../version.js';
import { ExitWith, reportConfigWarnings } from './command-support.js';
import type { Io } from './io.js';
import { loadConfigWithSecretsRegistered } from './load-config.js';

/** Loads the config or prints every problem and ends with exit 2: nothing has been sent yet. */
export async function loadOrExit(path: string, io: Io, json: boolean, onConfigError?: (error: ConfigError) => Promise<void>): Promise<Config> {
  try {
    const config = await loadConfigWithSecretsRegistered(path, io.env);
    await reportConfigWarnings(config, io);
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
