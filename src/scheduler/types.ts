import type { Invocation } from './invocation.js';
import type { TaskInterval } from './interval.js';
import type { Runner } from './runner.js';

/** The schedulers `ddns setup-task` can install into. */
export const TASK_PLATFORMS = ['windows', 'systemd', 'cron', 'launchd'] as const;
export type TaskPlatform = (typeof TASK_PLATFORMS)[number];

/** Everything that describes one scheduled task; each platform renders it in its own format. */
export interface TaskSpec {
  /** Task name, unit name (`<name>.service`/`.timer`), cron.d file name or launchd label. */
  name: string;
  interval: TaskInterval;
  /** Absolute path of the config the scheduled `ddns check` reads. */
  configPath: string;
  invocation: Invocation;
}

/** What the scheduler code may touch; tests replace the runner, the host and the directories. */
export interface SchedulerContext {
  runner: Runner;
  /** The OS this process runs on: installing is only possible into its own scheduler. */
  hostPlatform: NodeJS.Platform;
  /** DDNS_SYSTEMD_DIR, DDNS_CRON_DIR and DDNS_LAUNCHD_DIR move the install directories (tests, packagers). */
  env: NodeJS.ProcessEnv;
  invocation: Invocation;
  /** Where the Windows task XML is written before `schtasks /Create /XML` reads it. */
  tempDir: string;
  /** Progress for people, one line each: what was done. */
  say: (line: string) => void;
  warn: (line: string) => void;
  /** True when systemd is PID 1 (/run/systemd/system exists). */
  systemdRunning: () => boolean;
  /** Seconds since boot, to turn systemd's monotonic "next elapse" into a wall-clock time. */
  uptimeSeconds: () => Promise<number | undefined>;
  now: () => Date;
}

/** The last result of a scheduled run, decoded. */
export interface TaskResult {
  /** ddns exit code, or the scheduler's own status code (e.g. 0x41303 = has not run yet). */
  code?: number;
  text: string;
}

/** What `ddns task-status` reports; `--json` prints exactly this. */
export interface TaskStatus {
  platform: TaskPlatform;
  name: string;
  installed: boolean;
  /** The scheduler's own word for the task's state (Windows: in its display language). */
  state?: string;
  lastRun?: string;
  lastResult?: TaskResult;
  nextRun?: string;
  /** Whether what is installed is what `ddns setup-task` would write now (same interval and config). */
  matchesSetup?: boolean;
  /** The config path and interval the installed task runs with, when they can be read back from it. */
  configPath?: string;
  intervalSeconds?: number;
  differences: string[];
  /** Where the files are, how to read the history, what could not be known. */
  notes: string[];
}
