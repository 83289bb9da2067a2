import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { ConfigError, formatProblem, loadConfig } from '../config/load.js';
import { defaultPaths, lockPathFor, runningAsRoot } from '../config/paths.js';
import { writeExampleConfig } from '../config/example.js';
import { EXIT } from '../core/exit-codes.js';
import { redact, redactValue } from '../log/redact.js';
import { StateStore } from '../state/store.js';
import { VERSION } from '../version.js';
import { formatStatus, statusRecords } from './output.js';
import { notifierStatuses } from '../notify/status.js';
import { registerTaskCommands } from './task-commands.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerProvidersCommand } from './providers-command.js';
import { checkCommand, type CheckOptions } from './check-command.js';
import { configPathFrom, exitCodeFor, ExitWith, type CommonOptions } from './command-support.js';
import { loadOrExit } from './load-or-exit.js';
import type { Io } from './io.js';

/**
 * The whole command set on commander, with its help and error messages: every command line but
 * the plain `ddns check` a scheduler runs (src/cli/main.ts).
 */
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
    .action(async (options: CheckOptions) => {
      setCode(await checkCommand(options, io));
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

/** Parses argv with commander and runs the command; resolves to the exit code, never throws. */
export async function runProgram(argv: string[], io: Io): Promise<number> {
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
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    return exitCodeFor(error, io);
  }
}
