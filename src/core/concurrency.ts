import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../log/logger.js';

/**
 * Calls `work` for every item, at most `limit` at a time, starting them in order; resolves when
 * all are done. `work` must not throw (a record's failure is part of its report): if it does,
 * the first error is rethrown once every started item has finished.
 */
export async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
}

type Line = { level: keyof Logger; message: string };

const currentLog = new AsyncLocalStorage<Logger>();

/**
 * Log lines of work items that run concurrently, written in item order: each item's lines are
 * held until every earlier item has finished, then written together. Lines logged inside
 * `attribute` by shared code (a provider instance) go to the item on whose behalf it runs.
 */
export class OrderedLog {
  private readonly held: Line[][];
  private readonly finished: boolean[];
  private written = 0;

  constructor(
    private readonly target: Logger,
    count: number,
  ) {
    this.held = Array.from({ length: count }, () => []);
    this.finished = Array.from({ length: count }, () => false);
  }

  /** The logger of the item whose `attribute` the caller is inside, if any. */
  static current(): Logger | undefined {
    return currentLog.getStore();
  }

  /**
   * Runs `work` with `logger` reachable as `OrderedLog.current()` within it, for the shared code
   * it calls. Entered only around work that reaches shared code, not for every item: Node 20's
   * AsyncLocalStorage installs promise hooks at its first use, which slow every later promise,
   * and a record settled from the state never reaches a provider (docs/design/startup.md).
   */
  static attribute<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
    return currentLog.run(logger, work);
  }

  /** Runs `work` with the item's logger. */
  run<T>(index: number, work: (logger: Logger) => Promise<T>): Promise<T> {
    return work(this.loggerFor(index));
  }

  /** Marks the item done and writes every line that no unfinished earlier item holds back. */
  finish(index: number): void {
    this.finished[index] = true;
    while (this.written < this.finished.length && this.finished[this.written]) {
      for (const line of this.held[this.written] ?? []) this.target[line.level](line.message);
      this.held[this.written] = [];
      this.written += 1;
    }
  }

  private loggerFor(index: number): Logger {
    const write = (level: keyof Logger) => (message: string) => {
      // Once the item's turn has come (it finished, and so did all before it), lines go straight out.
      if (index < this.written) this.target[level](message);
      else this.held[index]?.push({ level, message });
    };
    return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
  }
}
