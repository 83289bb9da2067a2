import type { RunResult, Runner } from '../../src/scheduler/runner.js';

export interface Call {
  file: string;
  args: string[];
}
export type Reply = Partial<RunResult> | ((call: Call) => Partial<RunResult> | Promise<Partial<RunResult>>);

/** A process runner for the scheduler code that records every call; replies are looked up by "file firstArg", then by file. */
export function recordingRunner(replies: Record<string, Reply> = {}): { runner: Runner; calls: Call[] } {
  const calls: Call[] = [];
  const runner: Runner = async (file, args) => {
    const call = { file, args: [...args] };
    calls.push(call);
    const reply = replies[`${file} ${args[0] ?? ''}`.trim()] ?? replies[file];
    const result = typeof reply === 'function' ? await reply(call) : reply;
    return { exitCode: 0, stdout: '', stderr: '', ...result };
  };
  return { runner, calls };
}
