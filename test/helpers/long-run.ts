import { execa, type ResultPromise } from 'execa';
import { DDNS_BIN } from './cli.js';
import { readFile } from 'node:fs/promises';
import { FIRST_IP, type Scenario } from './scenario.js';

/** A `ddns check` started in the background, to be watched, killed or awaited. */
export interface BackgroundRun {
  child: ResultPromise<{ reject: false }>;
  /** Resolves with its exit code (undefined when killed) and output. */
  done: Promise<{ exitCode: number | undefined; signal: string | undefined; stdout: string; stderr: string }>;
}

export function startCheck(scenario: Scenario, env: NodeJS.ProcessEnv = {}, ...args: string[]): BackgroundRun {
  const child = execa(process.execPath, [DDNS_BIN, 'check', '--config', scenario.configPath, ...args], {
    env: { ...env, DDNS_CONFIG: '' },
    reject: false,
  });
  const done = child.then((result) => ({
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  }));
  return { child, done };
}

/** Polls `condition` every 20 ms until it holds; fails after `limitMs` (a hang, not a slow machine). */
export async function until(condition: () => boolean | Promise<boolean>, limitMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What a run must never say about its own lock while nothing else touched it. */
export const LOCK_LOSS = /run lock was (lost|taken over)|cannot use the lock/;

/** The long run ended normally, never reported its lock lost, and published the echo's first address. */
export async function expectFinishedWithItsLock(scenario: Scenario, run: BackgroundRun): Promise<void> {
  const result = await run.done;
  expect(result.exitCode).toBe(0);
  expect(result.stderr).not.toMatch(LOCK_LOSS);
  expect(await readFile(scenario.logPath, 'utf8')).not.toMatch(LOCK_LOSS);
  expect(scenario.cloudflare.records()).toEqual([expect.objectContaining({ content: FIRST_IP })]);
}
