import path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config/load.js';
import { resolveConfigPath } from '../config/paths.js';
import { EXIT } from '../core/exit-codes.js';
import { isSchedulerError } from '../scheduler/runner.js';
import { TASK_PLATFORMS, type SchedulerContext, type TaskPlatform } from '../scheduler/types.js';
import type { Io } from './io.js';

interface TaskOptions {
  name: string;
  platform?: TaskPlatform;
}

/**
 * `setup-task`, `remove-task` and `task-status`. `overrides` replaces parts of the scheduler
 * context (the process runner, the host OS, the directories) so tests can drive the commands in-process.
 */
export function registerTaskCommands(program: Command, io: Io, setCode: (code: number) => void, overrides: Partial<SchedulerContext> = {}): void {
  // The scheduler code (XML, CSV, process runner) loads only when a task command runs, so
  // `ddns check` does not pay for it at every start.
  const scheduler = () => import('../scheduler/setup.js');
  const context = async (): Promise<SchedulerContext> => ({ ...(await (await scheduler()).defaultSchedulerContext(io)), ...overrides });
  const platformOption = () =>
    new Option('--platform <platform>', 'windows (Task Scheduler), systemd, cron or launchd (default: this OS\'s)').choices(TASK_PLATFORMS);
  const nameOption = () => new Option('--name <name>', 'task name (also the unit, cron.d file and launchd label)').default('ddns');

  /** Scheduler failures are one line with what to do: print it and exit 2, never a stack trace. */
  const guarded =
    <T>(action: (options: T) => Promise<void>) =>
    async (options: T): Promise<void> => {
      try {
        await action(options);
      } catch (error) {
        if (!isSchedulerError(error)) throw error;
        io.stderr(`ddns: ${error.message}`);
        setCode(EXIT.USAGE);
      }
    };

  program
    .command('setup-task')
    .description('run `ddns check` at boot and every interval: Task Scheduler, systemd timer, cron or launchd')
    .addOption(new Option('-c, --config <path>', 'config file the task uses (default: $DDNS_CONFIG, then the platform default)'))
    .addOption(nameOption())
    .option('--interval <duration>', 'how often, e.g. 5m, 90s, 1h', '5m')
    .addOption(platformOption())
    .option('--print', 'print what would be installed (any OS; the task XML as UTF-8) and install nothing')
    .addOption(
      new Option(
        '--output <file>',
        'write what would be installed to <file> and install nothing (any OS): for windows the UTF-16 LE task XML byte for byte as setup-task imports it, otherwise the text --print shows',
      ).conflicts('print'),
    )
    .action(
      guarded(async (options: TaskOptions & { config?: string; interval: string; print?: boolean; output?: string }) => {
        const { outputTask, printTask, setupTask } = await scheduler();
        const schedulerContext = await context();
        const request = {
          platform: options.platform,
          name: options.name,
          interval: options.interval,
          configPath: resolveConfigPath(options.config, io.env),
        };
        if (options.print) {
          const printed = await printTask(request, schedulerContext);
          io.stdout(printed.stdout);
          for (const note of printed.notes) io.stderr(note);
          return;
        }
        if (options.output !== undefined) {
          const written = await outputTask(request, path.resolve(options.output), schedulerContext);
          io.stdout(written.said);
          for (const note of written.notes) io.stderr(note);
          return;
        }
        await setupTask(request, schedulerContext);
        await warnAboutConfigProblems(request.configPath, io);
      }),
    );

  program
    .command('remove-task')
    .description('remove what setup-task installed')
    .addOption(nameOption())
    .addOption(platformOption())
    .action(
      guarded(async (options: TaskOptions) => {
        const { removeTask } = await scheduler();
        await removeTask({ platform: options.platform, name: options.name }, await context());
      }),
    );

  program
    .command('task-status')
    .description('the scheduled task: last run, last result (decoded exit code), next run, and whether it is what setup-task writes')
    .addOption(nameOption())
    .addOption(platformOption())
    .option('--json', 'print JSON')
    .action(
      guarded(async (options: TaskOptions & { json?: boolean }) => {
        const { formatTaskStatus, taskStatus } = await scheduler();
        const status = await taskStatus({ platform: options.platform, name: options.name }, await context());
        io.stdout(options.json ? JSON.stringify(status, null, 2) : formatTaskStatus(status));
        if (!status.installed) setCode(EXIT.USAGE);
      }),
    );
}

/** A task with a broken config fails every run with exit 2: installed all the same, but say so. */
async function warnAboutConfigProblems(configPath: string, io: Io): Promise<void> {
  try {
    await loadConfig(configPath, { env: io.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`warning: ${configPath} has ${error.problems.length === 1 ? 'a problem' : `${error.problems.length} problems`} (see \`ddns config validate\`); each scheduled run will exit 2 until it is fixed`);
    }
    // Anything else (a missing file, no permission) is reported by setup itself.
  }
}
