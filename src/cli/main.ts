import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { ConfigError, formatProblem, loadConfig } from '../config/load.js';
import { defaultPaths, lockPathFor, resolveConfigPath, runningAsRoot } from '../config/paths.js';
import { writeExampleConfig } from '../config/example.js';
import { configPermissionWarning } from '../config/permissions.js';
import type { Config, LogLevel } from '../config/types.js';
import { runCheck } from '../core/check.js';
import { EXIT } from '../core/exit-codes.js';
import { createLogger, type Logger } from '../log/logger.js';
import { redact, redactValue } from '../log/redact.js';
import { StateStore } from '../state/store.js';
import { VERSION } from '../version.js';
import { formatRunReport, formatStatus, statusRecords } from './output.js';
import { notifierStatuses } from '../notify/status.js';
import { registerTaskCommands } from './task-commands.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerProvidersCommand } from './providers-command.js';
import { loadConfigWithSecretsRegistered } from './load-config.js';
import { processIo, type Io } from './io.js';
import { paceFactor } from '../core/pacer.js';
import { eventForConfigError, recordEventQuietly, recordRunInEventLog } from '../scheduler/windows-events.js';

/** Thrown by a command to end with a code after printing its own message. */
class ExitWith extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

interface CommonOptions {
  config?: string;
  json?: boolean;
}

function configPathFrom(options: CommonOptions, io: Io): string {
  return resolveConfigPath(options.config, io.env);
}

/** Loads the config or prints every problem and ends with exit 2: nothing has been sent yet. */
async function loadOrExit(path: string, io: Io, json: boolean, onConfigError?: (error: ConfigError) => Promise<void>): Promise<Config> {
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

function consoleLevel(options: { verbose?: boolean; quiet?: boolean; json?: boolean }): LogLevel {
  if (options.verbose) return 'debug';
  if (options.quiet) return 'error';
  return 'warn';
}

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command('ddns');
  program
    .description('Dynamic DNS updater: detect the public IP, update the records that differ, exit.')
    .version(VERSION, '--version', 'print the version')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError(true)
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .exitOverride();

  const configOption = () => new Option('-c, --config <path>', 'config file (default: $DDNS_CONFIG, then the platform default)');

  program
    .command('check')
    .description('one pass: detect the public IP, update every record that differs, save the state')
    .addOption(configOption())
    .option('--dry-run', 'read the providers and print the planned changes; write nothing')
    .option('--force', 'read and update every record even if the state says it is current')
    .option('--json', 'print one JSON run report on stdout')
    .option('-v, --verbose', 'print debug lines (HTTP requests, each source)')
    .option('-q, --quiet', 'print errors only')
    .action(async (options: CommonOptions & { dryRun?: boolean; force?: boolean; verbose?: boolean; quiet?: boolean }) => {
      const json = options.json === true;
      const configPath = configPathFrom(options, io);
      const config = await loadOrExit(configPath, io, json, async (error) => {
        if (process.platform === 'win32') await recordEventQuietly(eventForConfigError(configPath, error.message.split('\n')));
      });
      const logger = createLogger(
        { level: consoleLevel(options), write: (line) => io.stderr(line) },
        { path: config.settings.logFile, level: options.verbose ? 'debug' : config.settings.logLevel },
      );
      const report = await runCheck(
        config,
        { dryRun: options.dryRun === true, force: options.force === true },
        { logger, lockPath: lockPathFor(config.settings.stateFile), paceFactor: paceFactor(io.env) },
      );
      logRunSummary(logger, report.exitCode, report.summary, report.durationMs, report.dryRun);
      if (json) io.stdout(JSON.stringify(redactValue(report), null, 2));
      else if (!options.quiet || report.exitCode !== EXIT.OK) io.stdout(redact(formatRunReport(report)));
      setCode(report.exitCode);
      if (process.platform === 'win32') await recordRunInEventLog(report, { onError: options.verbose ? (message) => io.stderr(`ddns: ${message}`) : undefined });
    });

  program
    .command('status')
    .description('per record: IP, last change, last check, last error; the last runs; each notifier\'s failure streak')
    .addOption(configOption())
    .option('--json', 'print JSON')
    .action(async (options: CommonOptions) => {
      const json = options.json === true;
      const config = await loadOrExit(configPathFrom(options, io), io, json);
      const state = await StateStore.peek(config.settings.stateFile).catch(() => undefined);
      const records = statusRecords(config, state);
      const notifications = notifierStatuses(config.notify, state);
      if (json) {
        io.stdout(JSON.stringify(redactValue({ version: VERSION, stateFile: config.settings.stateFile, records, detected: state?.detected ?? {}, runs: state?.runs.slice(-20) ?? [], ...(notifications.length > 0 ? { notifications } : {}) }), null, 2));
      } else {
        io.stdout(redact(formatStatus(records, state, config.settings.stateFile, new Date(), notifications)));
      }
    });

  const configCommand = program.command('config').description('create, check or locate the config file');
  configCommand
    .command('init')
    .description('write a commented example config (never overwrites)')
    .addOption(configOption())
    .action(async (options: CommonOptions) => {
      const path = configPathFrom(options, io);
      try {
        await writeExampleConfig(path, process.platform);
      } catch (error) {
        io.stderr(`ddns: ${(error as Error).message}`);
        throw new ExitWith(EXIT.USAGE);
      }
      io.stdout(`wrote ${path}\nnext: edit it, then run \`ddns config validate\` and \`ddns check --dry-run\``);
    });
  configCommand
    .command('validate')
    .description('parse and check the config; name every problem with file:line')
    .addOption(configOption())
    .option('--json', 'print JSON')
    .action(async (options: CommonOptions) => {
      const path = configPathFrom(options, io);
      const config = await loadOrExit(path, io, options.json === true);
      const summary = { valid: true, path, providers: config.providers.length, records: config.records.length, warnings: (config.warnings ?? []).map(formatProblem) };
      if (options.json) io.stdout(JSON.stringify(summary, null, 2));
      else io.stdout(`ok: ${path} (${config.providers.length} provider${config.providers.length === 1 ? '' : 's'}, ${config.records.length} record${config.records.length === 1 ? '' : 's'})`);
    });
  configCommand
    .command('path')
    .description('print the resolved paths of the config, state, lock and log files')
    .addOption(configOption())
    .option('--json', 'print JSON')
    .action(async (options: CommonOptions) => {
      const path = configPathFrom(options, io);
      const defaults = defaultPaths({ platform: process.platform, isRoot: runningAsRoot(), env: io.env });
      let state = defaults.state;
      let log = defaults.log;
      let note: string | undefined;
      if (existsSync(path)) {
        try {
          const config = await loadConfig(path, { env: io.env });
          state = config.settings.stateFile;
          log = config.settings.logFile;
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          note = 'the config has errors (see `ddns config validate`); state and log show the defaults';
        }
      } else {
        note = 'the config file does not exist yet (create it with `ddns config init`)';
      }
      const paths = { config: path, state, lock: lockPathFor(state), log };
      if (options.json) io.stdout(JSON.stringify({ ...paths, ...(note ? { note } : {}) }, null, 2));
      else {
        io.stdout(Object.entries(paths).map(([name, value]) => `${name.padEnd(6)} ${value}`).join('\n'));
        if (note) io.stderr(`note: ${note}`);
      }
    });
  configCommand.action(() => {
    io.stderr('ddns config: expected a subcommand: init, validate or path');
    configCommand.outputHelp({ error: true });
    throw new ExitWith(EXIT.USAGE);
  });

  registerTaskCommands(program, io, setCode);
  registerDoctorCommand(program, io, setCode);
  registerProvidersCommand(program, io);
  return program;
}

function logRunSummary(logger: Logger, exitCode: number, summary: Record<string, number>, durationMs: number, dryRun: boolean): void {
  const counts = Object.entries(summary).map(([action, count]) => `${count} ${action}`).join(', ');
  const line = `${dryRun ? 'dry run' : 'run'} finished: ${counts}; exit ${exitCode} in ${durationMs}ms`;
  if (exitCode === EXIT.OK) logger.debug(line);
  else logger.warn(line);
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code; never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (value) => (code = value));
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.USAGE;
    }
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof ExitWith) return error.code;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    const message = redact(error instanceof Error ? error.message : String(error));
    io.stderr(`ddns: internal error: ${message}\n(this is a bug: please report it with the output of the same command run with -v)`);
    if (io.env.DDNS_DEBUG_STACK === '1' && error instanceof Error && error.stack) io.stderr(redact(error.stack));
    return EXIT.INTERNAL;
  }
}
