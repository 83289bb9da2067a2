import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { registerSecrets } from '../log/redact.js';

/**
 * The one way a command reads the config: every secret it holds is registered for redaction
 * before anything can print it. Throws ConfigError with every problem.
 */
export async function loadConfigWithSecretsRegistered(path: string, env: NodeJS.ProcessEnv): Promise<Config> {
  const config = await loadConfig(path, { env });
  registerSecrets(config.secrets);
  return config;
}
