import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** What a scheduler must start to run ddns: node and the CLI script, or a packaged single executable. */
export interface Invocation {
  /** Absolute path of node, or of the packaged ddns executable. */
  executable: string;
  /** Absolute path of bin/ddns.js; absent for a packaged executable, which has the CLI built in. */
  script?: string;
}

/** bin/ddns.js of this package. */
export const CLI_SCRIPT = path.join(PACKAGE_ROOT ?? '.', 'bin', 'ddns.js');

async function runningAsSingleExecutable(execPath: string): Promise<boolean> {
  try {
    const sea = await import('node:sea');
    if (sea.isSea()) return true;
  } catch {
    // node:sea exists from Node 20.12 on; before that only the file name can tell.
  }
  return /^ddns(\.exe)?$/i.test(path.basename(execPath));
}

/** How this very process was started, made absolute, so the scheduler runs the same ddns. */
export async function currentInvocation(execPath: string = process.execPath): Promise<Invocation> {
  if (await runningAsSingleExecutable(execPath)) return { executable: execPath };
  return { executable: execPath, script: CLI_SCRIPT };
}

/** The argument list after the executable: `[script] check --config <config> [...extra]`. */
export function checkArguments(invocation: Invocation, configPath: string, extra: string[] = []): string[] {
  return [...(invocation.script ? [invocation.script] : []), 'check', '--config', configPath, ...extra];
}
