import { checkCommand, plainCheckOptions } from './check-command.js';
import { exitCodeFor } from './command-support.js';
import { processIo, type Io } from './io.js';

/**
 * Runs the CLI with `argv` (as process.argv) and resolves to the exit code; never throws. The
 * plain `ddns check` of a scheduled run goes straight to the check; every other command line
 * loads the full command set (src/cli/program.ts), which a no-change run never needs.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const check = plainCheckOptions(argv);
  if (check === undefined) return (await import('./program.js')).runProgram(argv, io);
  try {
    return await checkCommand(check, io);
  } catch (error) {
    return exitCodeFor(error, io);
  }
}
