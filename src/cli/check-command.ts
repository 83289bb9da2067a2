import path from 'node:path';
import { readCachedConfig, writeConfigCache } from '../config/cache.js';
import type { Config, LogLevel } from '../config/types.js';
import { lockPathFor, runningAsRoot } from '../config/paths.js';
import { ProviderError } from '../http/errors.js';
import { runCheck } from '../core/check.js';
import { EXIT } from '../core/exit-codes.js';
import { paceFactor } from '../core/pacer.js';
import { createLogger, type Logger } from '../log/logger.js';
import { redact, redactValue } from '../log/redact.js';
import { configPathFrom, reportConfigWarnings, type CommonOptions } from './command-support.js';
import type { Io } from './io.js';
import { formatRunReport } from './output.js';

export interface CheckOptions extends CommonOptions {
  dryRun?: boolean;
  force?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

function consoleLevel(options: { verbose?: boolean; quiet?: boolean }): LogLevel {
  if (options.verbose) return 'debug';
  if (options.quiet) return 'error';
  return 'warn';
}

function logRunSummary(logger: Logger, exitCode: number, summary: Record<string, number>, durationMs: number, dryRun: boolean): void {
  const counts = Object.entries(summary).map(([action, count]) => `${count} ${action}`).join(', ');
  const line = `${dryRun ? 'dry run' : 'run'} finished: ${counts}; exit ${exitCode} in ${durationMs}ms`;
  if (exitCode === EXIT.OK) logger.debug(line);
  else logger.warn(line);
}

/**
 * `ddns check`: one pass, its report on stdout, and on Windows a line in the event log. Resolves
 * to the exit code; throws ExitWith for a config error (exit 2, already reported).
 */
export async function checkCommand(options: CheckOptions, io: Io): Promise<number> {
  const json = options.json === true;
  const configPath = configPathFrom(options, io);
  // The Windows event log code loads only where it is used.
  const windowsEvents = async () => import('../scheduler/windows-events.js');
  // The TOML parser and the config schemas load only when the cache cannot answer.
  const loadInFull = async () =>
    (await import('./load-or-exit.js')).loadOrExit(configPath, io, json, async (error) => {
      if (process.platform === 'win32') {
        const events = await windowsEvents();
        await events.recordEventQuietly(events.eventForConfigError(configPath, error.message.split('\n')));
      }
    });
  // A plain run first tries the config cache (config/cache.ts): unchanged inputs, no TOML parse.
  // --dry-run and --force read every provider, so they take the full config from the start.
  const useCache = options.dryRun !== true && options.force !== true;
  const cached = useCache ? await readCachedConfig(path.resolve(configPath), io.env, runningAsRoot()) : undefined;
  let config: Config;
  if (cached) {
    config = cached;
    await reportConfigWarnings(config, io);
  } else {
    config = await loadInFull();
    if (useCache) await writeConfigCache(config, io.env);
  }
  let full: Promise<Config> | undefined;
  const fullConfig = () =>
    (full ??= import('./load-config.js')
      .then((loader) => loader.loadConfigWithSecretsRegistered(configPath, io.env))
      .catch(async (error: unknown) => {
        const { ConfigError, formatProblem } = await import('../config/problems.js');
        throw error instanceof ConfigError ? new ProviderError('config', `the config no longer loads: ${error.problems[0] === undefined ? error.message : formatProblem(error.problems[0])}`) : error;
      }));
  const logger = createLogger(
    { level: consoleLevel(options), write: (line) => io.stderr(line) },
    { path: config.settings.logFile, level: options.verbose ? 'debug' : config.settings.logLevel },
  );
  const report = await runCheck(
    config,
    { dryRun: options.dryRun === true, force: options.force === true },
    { logger, lockPath: lockPathFor(config.settings.stateFile), paceFactor: paceFactor(io.env), fullConfig },
  );
  logRunSummary(logger, report.exitCode, report.summary, report.durationMs, report.dryRun);
  if (json) io.stdout(JSON.stringify(redactValue(report), null, 2));
  else if (!options.quiet || report.exitCode !== EXIT.OK) io.stdout(redact(formatRunReport(report)));
  if (process.platform === 'win32') {
    await (await windowsEvents()).recordRunInEventLog(report, { onError: options.verbose ? (message) => io.stderr(`ddns: ${message}`) : undefined });
  }
  return report.exitCode;
}

/**
 * The options of `ddns check` when argv is exactly that command with options it knows, written
 * the plain way (`--config P`, `--config=P`, `-c P`, one flag per word); undefined for anything
 * else, which goes to the full command-line parser with its help and error messages. A scheduled
 * run is always the plain form, and it then skips building the whole command set.
 */
export function plainCheckOptions(argv: readonly string[]): CheckOptions | undefined {
  const [command, ...rest] = argv.slice(2);
  if (command !== 'check') return undefined;
  const options: CheckOptions = {};
  const flags: Record<string, keyof CheckOptions> = { '--dry-run': 'dryRun', '--force': 'force', '--json': 'json', '--verbose': 'verbose', '-v': 'verbose', '--quiet': 'quiet', '-q': 'quiet' };
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index] ?? '';
    const flag = flags[arg];
    if (flag !== undefined && flag !== 'config') {
      if (options[flag] !== undefined) return undefined;
      options[flag] = true;
      continue;
    }
    let value: string | undefined;
    if (arg === '--config' || arg === '-c') value = rest[++index];
    else if (arg.startsWith('--config=')) value = arg.slice('--config='.length);
    else return undefined;
    if (value === undefined || value === '' || value.startsWith('-') || options.config !== undefined) return undefined;
    options.config = value;
  }
  return options;
}
