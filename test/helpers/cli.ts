import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package root, from dist/test/helpers/cli.js or test/helpers/cli.ts. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
export const DDNS_BIN = join(PACKAGE_ROOT, 'bin', 'ddns.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as a user or Task Scheduler would. */
export async function runDdns(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return runProgram(process.execPath, [DDNS_BIN, ...args], env, cwd);
}

/** Runs a single ddns executable (`npm run package`), which has the CLI built in: no script argument. */
export async function runSingleExecutable(executable: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return runProgram(executable, args, env, cwd);
}

async function runProgram(file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string | undefined): Promise<CliResult> {
  const result = await execa(file, args, {
    env: { ...env, DDNS_CONFIG: env.DDNS_CONFIG ?? '' },
    extendEnv: true,
    reject: false,
    timeout: 60_000,
    ...(cwd ? { cwd } : {}),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
