import { ConfigError, formatProblem } from '../config/load.js';
import { configPermissionWarning } from '../config/permissions.js';
import type { Config } from '../config/types.js';
import { TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

export type ConfigLoader = (path: string) => Promise<Config>;

export interface ConfigCheckResult {
  config?: Config;
  check: DoctorCheck;
}

/** Loads the config the way every command does; its problems become one failed check. */
export async function checkConfig(configPath: string, load: ConfigLoader): Promise<ConfigCheckResult> {
  try {
    const config = await load(configPath);
    const ignored = config.warnings ?? [];
    const detail = TEXT.configOk(config.path, config.providers.length, config.records.length);
    if (ignored.length > 0) {
      return {
        config,
        check: {
          id: 'config',
          area: 'config',
          title: TEXT.configTitle,
          status: 'warn',
          detail: `${detail}; ${TEXT.configIgnoredKeys(ignored.length)}`,
          lines: ignored.map(formatProblem),
          hint: TEXT.configIgnoredHint,
        },
      };
    }
    return {
      config,
      check: { id: 'config', area: 'config', title: TEXT.configTitle, status: 'ok', detail },
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const missing = error.problems.length === 1 && /config file not found/.test(error.problems[0]?.message ?? '');
    return {
      check: {
        id: 'config',
        area: 'config',
        title: TEXT.configTitle,
        status: 'fail',
        detail: TEXT.configProblems(configPath, error.problems.length),
        lines: error.problems.map(formatProblem),
        hint: missing ? TEXT.configMissingHint(configPath) : TEXT.configHint,
      },
    };
  }
}

/** Secrets readable by other local users leak the provider credentials. */
export async function checkConfigPermissions(config: Config, platform: NodeJS.Platform): Promise<DoctorCheck> {
  const base = { id: 'config.permissions', area: 'config', title: TEXT.permissionsTitle } as const;
  if (platform === 'win32') return { ...base, status: 'skip', detail: TEXT.permissionsWindows };
  if (!config.secretsInFile) return { ...base, status: 'ok', detail: config.secrets.length === 0 ? TEXT.permissionsNoSecrets : TEXT.permissionsSecretsElsewhere };
  const warning = await configPermissionWarning(config.path, true, platform);
  if (warning === undefined) return { ...base, status: 'ok', detail: TEXT.permissionsOk };
  return { ...base, status: 'warn', detail: warning, hint: TEXT.permissionsHint(config.path) };
}
