import { existsSync } from 'node:fs';
/**
 * Every scheduler `ddns setup-task` can install into, registered like the providers and the
 * notifiers: what its task looks like printed, how it is installed, removed and read back, and
 * what doctor needs to judge it. Adding a scheduler is one entry here, not a case in every command.
 */
import { cronFilePath, cronStatus, installCron, removeCron, renderCronFile } from './cron.js';
import { intervalOf } from './interval.js';
import { installLaunchd, launchdStatus, plistPath, removeLaunchd, renderPlist } from './launchd.js';
import { installSystemd, removeSystemd, renderSystemdUnits, systemdStatus, unitPaths } from './systemd.js';
import type { SchedulerContext, TaskPlatform, TaskSpec, TaskStatus } from './types.js';
import { declareXmlEncoding, installWindowsTask, removeWindowsTask, renderWindowsTaskXml, windowsTaskFile, windowsTaskStatus } from './windows.js';

export interface SchedulerKind {
  /** The OSes whose scheduler this is: installing is refused anywhere else. */
  hosts: readonly NodeJS.Platform[];
  /** Those OSes as the refusal names them. */
  hostLabel: string;
  /** What `--print` shows (the Windows task XML still declared UTF-16); `notes` gets where it would go. */
  render(spec: TaskSpec, context: SchedulerContext, notes: string[]): Promise<string>;
  /** When stdout cannot show the very file that is installed (Windows imports UTF-16): the text it shows instead, and a note saying so. */
  asText?(text: string, spec: TaskSpec): { text: string; note: string };
  /** The bytes `--output` writes when they are not the printed text, and what to say about them. */
  asFile?(spec: TaskSpec, file: string): Promise<{ contents: Buffer; said: string }>;
  install(spec: TaskSpec, context: SchedulerContext): Promise<void>;
  remove(name: string, context: SchedulerContext): Promise<void>;
  status(name: string, context: SchedulerContext): Promise<TaskStatus>;
  /** Whether a task of this name has files here: on Linux, remove and status find the one installed. */
  hasFiles?(name: string, env: NodeJS.ProcessEnv): boolean;
  /** Whether the scheduler's word for the task's state says it will not run. */
  isDisabled(state: string): boolean;
  /** How to enable a disabled task again. */
  enableHint(name: string): string;
}

const REINSTALL_HINT = 'ddns setup-task installs and enables it again';

export const SCHEDULERS: Readonly<Record<TaskPlatform, SchedulerKind>> = {
  windows: {
    hosts: ['win32'],
    hostLabel: 'Windows',
    render: async (spec, context, notes) => {
      if (context.hostPlatform !== 'win32') notes.push('note: the paths are this machine\'s; run `ddns setup-task` on the Windows machine itself');
      return renderWindowsTaskXml(spec);
    },
    // stdout is text (UTF-8), so the task XML declares UTF-8 there.
    asText: (text, spec) => ({
      text: declareXmlEncoding(text, 'UTF-8'),
      note:
        `this is the task XML as UTF-8 text; setup-task writes it as UTF-16 LE with a BOM (schtasks accepts nothing else) and runs: schtasks /Create /XML <file> /TN ${spec.name} /F` +
        ' (`--output FILE` writes that file)',
    }),
    asFile: async (spec, file) => ({
      contents: await windowsTaskFile(spec),
      said: `wrote ${file}: the task XML as UTF-16 LE with a BOM, byte for byte what setup-task imports; to import it: schtasks /Create /XML "${file}" /TN ${spec.name} /F`,
    }),
    install: installWindowsTask,
    remove: removeWindowsTask,
    status: (name, context) =>
      windowsTaskStatus(name, context, async ({ intervalSeconds, configPath }) =>
        intervalSeconds === undefined || configPath === undefined
          ? undefined
          : renderWindowsTaskXml({ name, interval: intervalOf(intervalSeconds), configPath, invocation: context.invocation }),
      ),
    // Task Scheduler names the state in the display language ("Disabled", "Deaktiviert", "Desactive"...).
    isDisabled: (state) => /^(disabled|deaktiviert|d[ée]sactiv[ée]|deshabilitad[oa]|disabilitat[oa])/i.test(state.trim()),
    enableHint: (name) => `enable it: schtasks /Change /TN ${name} /ENABLE (or Task Scheduler > ${name} > Enable)`,
  },
  systemd: {
    hosts: ['linux'],
    hostLabel: 'Linux',
    render: async (spec, context, notes) => {
      const units = await renderSystemdUnits(spec);
      const paths = unitPaths(spec.name, context.env);
      notes.push(`then: systemctl daemon-reload && systemctl enable --now ${spec.name}.timer`);
      return `# ${paths.service}\n${units.service}\n# ${paths.timer}\n${units.timer}`;
    },
    install: installSystemd,
    remove: removeSystemd,
    status: systemdStatus,
    hasFiles: (name, env) => {
      const units = unitPaths(name, env);
      return existsSync(units.timer) || existsSync(units.service);
    },
    // "timer inactive (disabled)"; an empty state is a unit systemd does not know (reported apart).
    isDisabled: (state) => state !== '' && !state.startsWith('timer active'),
    enableHint: (name) => `sudo systemctl enable --now ${name}.timer`,
  },
  cron: {
    hosts: ['linux', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'darwin'],
    hostLabel: 'Linux or another Unix',
    render: async (spec, context, notes) => {
      notes.push(`would be written to ${cronFilePath(spec.name, context.env)}`);
      return renderCronFile(spec);
    },
    install: installCron,
    remove: removeCron,
    status: cronStatus,
    hasFiles: (name, env) => existsSync(cronFilePath(name, env)),
    isDisabled: () => false,
    enableHint: () => REINSTALL_HINT,
  },
  launchd: {
    hosts: ['darwin'],
    hostLabel: 'macOS',
    render: async (spec, context, notes) => {
      const file = plistPath(spec.name, context.env);
      notes.push(`would be written to ${file}, then: launchctl bootstrap system ${file}`);
      return renderPlist(spec);
    },
    install: installLaunchd,
    remove: removeLaunchd,
    status: launchdStatus,
    isDisabled: () => false,
    enableHint: () => REINSTALL_HINT,
  },
};

