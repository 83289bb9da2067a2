import os from 'node:os';
import path from 'node:path';

/** Where ddns keeps its files when neither the command line nor the config says otherwise. */
export interface DefaultPaths {
  config: string;
  state: string;
  log: string;
}

export interface PathContext {
  platform: NodeJS.Platform;
  /** Root on POSIX picks the system-wide locations; ignored on Windows (always %ProgramData%). */
  isRoot: boolean;
  env: NodeJS.ProcessEnv;
}

const APP_DIR = 'ddns';

/** The path flavour of the target platform, so Windows paths can be computed (and tested) anywhere. */
export function pathModuleFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** True when this process runs as root (POSIX); on Windows there is no such distinction here. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * An XDG base directory from the environment, or its fallback under the home directory.
 * The XDG spec says relative values are invalid and must be ignored.
 */
function xdgDirectory(value: string | undefined, home: string, fallback: string[]): string {
  const configured = nonEmpty(value);
  if (configured !== undefined && path.posix.isAbsolute(configured)) return configured;
  return path.posix.join(home, ...fallback);
}

export function defaultPaths({ platform, isRoot, env }: PathContext): DefaultPaths {
  if (platform === 'win32') {
    const programData = nonEmpty(env.ProgramData) ?? nonEmpty(env.PROGRAMDATA) ?? 'C:\\ProgramData';
    const base = path.win32.join(programData, APP_DIR);
    return {
      config: path.win32.join(base, 'config.toml'),
      state: path.win32.join(base, 'state.json'),
      log: path.win32.join(base, 'logs', 'ddns.log'),
    };
  }
  if (isRoot) {
    return {
      config: '/etc/ddns/config.toml',
      state: '/var/lib/ddns/state.json',
      log: '/var/log/ddns/ddns.log',
    };
  }
  const home = nonEmpty(env.HOME) ?? os.homedir();
  const configHome = xdgDirectory(env.XDG_CONFIG_HOME, home, ['.config']);
  const stateHome = xdgDirectory(env.XDG_STATE_HOME, home, ['.local', 'state']);
  return {
    config: path.posix.join(configHome, APP_DIR, 'config.toml'),
    state: path.posix.join(stateHome, APP_DIR, 'state.json'),
    log: path.posix.join(stateHome, APP_DIR, 'ddns.log'),
  };
}

/**
 * The config file to use: `--config` wins, then `DDNS_CONFIG`, then the platform default.
 * Always absolute; a relative choice is taken against `cwd`.
 */
export function resolveConfigPath(
  cliPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  isRoot: boolean = runningAsRoot(),
  cwd: string = process.cwd(),
): string {
  const pathModule = pathModuleFor(platform);
  const chosen = nonEmpty(cliPath) ?? nonEmpty(env.DDNS_CONFIG);
  if (chosen === undefined) return defaultPaths({ platform, isRoot, env }).config;
  if (pathModule.isAbsolute(chosen)) return pathModule.normalize(chosen);
  return pathModule.resolve(cwd, chosen);
}

/** The lock file guarding one state file, so two runs never write it at once. */
export function lockPathFor(statePath: string): string {
  return `${statePath}.lock`;
}
