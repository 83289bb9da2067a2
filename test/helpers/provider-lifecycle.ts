import type { RunReport } from '../../src/core/check.js';
import type { CliResult } from './cli.js';
import { FIRST_IP, SECOND_IP, startWorkspace, type StateFile, type Workspace } from './workspace.js';

/** How to run the real CLI against one provider's fake: what every provider's end-to-end file starts from. */
export interface ProviderSetup<Fake> {
  /** Names the fake in test titles: "fake Route 53". */
  title: string;
  /** The [[provider]] name, as the report prints it: "(aws)". */
  provider: string;
  /** The A record the default config updates. */
  record: string;
  /** Environment for every run (secrets given through `*_env` keys). */
  env?: NodeJS.ProcessEnv;
  start(): Promise<Fake>;
  close(fake: Fake): Promise<void>;
  /** Writes the default config: the provider and the one A record. */
  writeConfig(workspace: Workspace, fake: Fake): Promise<void>;
  /** Requests the fake has seen, and those that changed something. */
  requestCount(fake: Fake): number;
  writeCount(fake: Fake): number;
  /** Values that must never be printed, logged or stored. */
  secrets: string[];
}

export interface ProviderWorld<Fake> {
  readonly workspace: Workspace;
  readonly fake: Fake;
}

/**
 * A fresh workspace and fake for each test of the enclosing describe block, with the default config
 * written. The CLI entry runs in-process: the built CLI in a child process is what the registry-wide
 * lifecycle suite (test/conformance/) runs for every provider; these files add each provider's own
 * cases on top, which are about the check pass, not the process.
 */
export function useProviderWorld<Fake>(setup: ProviderSetup<Fake>): ProviderWorld<Fake> {
  let current: { workspace: Workspace; fake: Fake } | undefined;
  beforeEach(async () => {
    const workspace = await startWorkspace({ prefix: `ddns-${setup.provider}-`, env: setup.env, inProcess: true });
    const fake = await setup.start();
    current = { workspace, fake };
    await setup.writeConfig(workspace, fake);
  });
  afterEach(async () => {
    if (current === undefined) return;
    const { workspace, fake } = current;
    current = undefined;
    await Promise.all([setup.close(fake), workspace.close()]);
  });
  const now = () => {
    if (current === undefined) throw new Error('the provider world exists only inside a test');
    return current;
  };
  return {
    get workspace() {
      return now().workspace;
    },
    get fake() {
      return now().fake;
    },
  };
}

/** What one provider adds to the shared lifecycle: its own checks of what the fake holds. */
export interface LifecycleChecks<Fake> {
  /** Extra arguments for every `ddns check` of the lifecycle ('-v'). */
  args?: string[];
  /** How many unchanged runs in a row must each send nothing (default 1). */
  unchangedRuns?: number;
  /** Read the update from `--json` instead of the text report. */
  jsonUpdate?: boolean;
  /** A line the log file must hold after the runs (proves the scan read a real log). */
  logPattern?: RegExp;
  afterCreate?(fake: Fake, workspace: Workspace): void | Promise<void>;
  /** Runs after each unchanged run's own checks. */
  afterUnchanged?(result: CliResult): void;
  /** `requestsBefore`: the fake's request count before the update run. */
  afterUpdate?(fake: Fake, requestsBefore: number): void | Promise<void>;
  /** Fields the record's state must hold besides the new IP. */
  stateRecord?(fake: Fake): Partial<StateFile['records'][string]>;
  /** More runs whose output the secret scan must cover (`ddns status --json`). */
  beforeSecretScan?(workspace: Workspace): Promise<unknown>;
}

/**
 * The lifecycle every provider must get right, written once (dnscontrol's shared integration
 * suite): create, then send nothing while the IP is unchanged, then update with exactly one write
 * when it changes, keep it in the state, and never print, log or store a secret.
 */
export function describeProviderLifecycle<Fake>(setup: ProviderSetup<Fake>, checks: LifecycleChecks<Fake> = {}): void {
  describe(`ddns check lifecycle (${setup.title})`, () => {
    const world = useProviderWorld(setup);
    const label = `${escapeRegExp(setup.record)} A \\(${escapeRegExp(setup.provider)}\\)`;

    it('creates, then sends nothing while the IP is unchanged, then updates with exactly one write; never shows a secret', async () => {
      const { workspace, fake } = world;
      const check = (...extra: string[]): Promise<CliResult> => workspace.check(...(checks.args ?? []), ...extra);

      let result = await check();
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`created\\s+${label}\\s+→ ${escapeRegExp(FIRST_IP)}`));
      expect(setup.writeCount(fake)).toBe(1);
      await checks.afterCreate?.(fake, workspace);

      const unchangedRuns = checks.unchangedRuns ?? 1;
      const before = setup.requestCount(fake);
      for (let run = 0; run < unchangedRuns; run++) {
        result = await check();
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toMatch(new RegExp(`unchanged\\s+${label}`));
        expect(result.stdout).toContain('0 provider requests');
        checks.afterUnchanged?.(result);
      }
      expect(setup.requestCount(fake) - before).toBe(0);

      workspace.ipv4.current = SECOND_IP;
      const writesBefore = setup.writeCount(fake);
      const requestsBefore = setup.requestCount(fake);
      result = await check(...(checks.jsonUpdate ? ['--json'] : []));
      expect(result.exitCode).toBe(0);
      expect(setup.writeCount(fake) - writesBefore).toBe(1);
      if (checks.jsonUpdate) {
        const report = JSON.parse(result.stdout) as RunReport;
        expect(report.records).toEqual([expect.objectContaining({ action: 'updated', old: FIRST_IP, new: SECOND_IP })]);
      } else {
        expect(result.stdout).toMatch(new RegExp(`updated\\s+${label}\\s+${escapeRegExp(FIRST_IP)} → ${escapeRegExp(SECOND_IP)}`));
      }
      await checks.afterUpdate?.(fake, requestsBefore);

      const state = await workspace.readState();
      expect(state.records[`${setup.provider}/${setup.record}/A`]).toMatchObject({ ip: SECOND_IP, ...checks.stateRecord?.(fake) });
      expect(state.runs.map((run) => run.exitCode)).toEqual(Array.from({ length: unchangedRuns + 2 }, () => 0));

      await checks.beforeSecretScan?.(workspace);
      await workspace.expectNoSecretAnywhere(setup.secrets);
      if (checks.logPattern) expect(await workspace.readLog()).toMatch(checks.logPattern);
      // Four or more CLI runs in child processes: give a loaded CI machine time.
    }, 120_000);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
