/** One finding of `ddns doctor`. `skip`: nothing could be checked without writing (write-only APIs). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** What a check is about; a failed check ends doctor with its area's exit code (see exitCodeFor). */
/** `notify` checks only ever warn: a notifier never changes what `ddns check` exits with. */
export type CheckArea = 'config' | 'ip' | 'provider' | 'clock' | 'task' | 'state' | 'notify';

export interface DoctorCheck {
  /** Stable identifier for scripts, e.g. `ip.ipv4.source.1`, `record.cf/home.example.com/A`. */
  id: string;
  area: CheckArea;
  /** What was checked, for people: "IPv4 source api.ipify.org". */
  title: string;
  status: CheckStatus;
  /** One line: what was found. */
  detail: string;
  /** One line: what to do about it; absent when there is nothing to do. */
  hint?: string;
  /** Further lines when one is not enough (each config problem, each task difference). */
  lines?: string[];
}

export interface DoctorReport {
  version: string;
  exitCode: number;
  configPath: string;
  checks: DoctorCheck[];
  summary: Record<CheckStatus, number>;
}
