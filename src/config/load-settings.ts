import path from 'node:path';
import { settingsSchema } from './schema.js';
import { isTable, validate, type LoadContext, type Table } from './tables.js';
import type { Settings } from './types.js';

/** `[settings]`; paths in it are relative to the config file, not to wherever the scheduler starts us. */
export function loadSettings(document: Table, context: LoadContext, defaults: { state: string; log: string }): Settings | undefined {
  const raw = document.settings ?? {};
  if (!isTable(raw)) {
    context.problems.add(['settings'], 'must be a table ([settings])');
    return undefined;
  }
  const parsed = validate(settingsSchema, raw, context.problems, ['settings']);
  if (parsed === undefined) return undefined;
  return {
    timeoutMs: parsed.timeout,
    retries: parsed.retries,
    retryDelayMs: parsed.retry_delay,
    recheckMs: parsed.recheck,
    detectWaitMs: parsed.detect_wait,
    concurrency: parsed.concurrency,
    logLevel: parsed.log_level,
    logFile: parsed.log_file === undefined ? defaults.log : path.resolve(context.configDir, parsed.log_file),
    stateFile: parsed.state_file === undefined ? defaults.state : path.resolve(context.configDir, parsed.state_file),
    proxy: parsed.proxy,
  };
}
