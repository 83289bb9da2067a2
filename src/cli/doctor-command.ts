import { Command, Option } from 'commander';
import { resolveConfigPath } from '../config/paths.js';
import type { DoctorCheck } from '../doctor/types.js';
import { redact, redactValue } from '../log/redact.js';
import type { SchedulerContext } from '../scheduler/types.js';
import { loadConfigWithSecretsRegistered } from './load-config.js';
import type { Io } from './io.js';

/**
 * `ddns doctor`: every check with ok / warn / fail / skip and a fix hint. `overrides` replaces
 * parts of the scheduler context, as for the task commands, so tests can drive it in-process.
 */
export function registerDoctorCommand(program: Command, io: Io, setCode: (code: number) => void, overrides: Partial<SchedulerContext> = {}): void {
  program
    .command('doctor')
    .description('check the config, its permissions, the IP sources, each provider (read-only), the clock, the scheduled task, the state, the notifiers (from the state, nothing is sent) and the lock')
    .addOption(new Option('-c, --config <path>', 'config file (default: $DDNS_CONFIG, then the platform default)'))
    .addOption(new Option('--name <name>', 'name of the scheduled task to check').default('ddns'))
    .option('--json', 'print JSON: {version, exitCode, checks: [{id, area, status, detail, hint}]}')
    .action(async (options: { config?: string; name: string; json?: boolean }) => {
      // Loaded only for doctor: `ddns check` starts every few minutes and must not pay for it.
      const [{ runDoctor }, { formatDoctorReport }, { defaultSchedulerContext }] = await Promise.all([
        import('../doctor/runner.js'),
        import('../doctor/messages.js'),
        import('../scheduler/setup.js'),
      ]);
      const report = await runDoctor(resolveConfigPath(options.config, io.env), {
        loadConfig: (path) => loadConfigWithSecretsRegistered(path, io.env),
        scheduler: async () => ({ ...(await defaultSchedulerContext(io)), ...overrides }),
        taskName: options.name,
      });
      if (options.json) {
        const checks = report.checks.map((check: DoctorCheck) => ({ ...check, hint: check.hint ?? null }));
        io.stdout(JSON.stringify(redactValue({ ...report, checks }), null, 2));
      } else {
        io.stdout(redact(formatDoctorReport(report)));
      }
      setCode(report.exitCode);
    });
}
