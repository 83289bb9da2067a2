import { forEachBounded, OrderedLog } from '../../src/core/concurrency.js';

/** A promise the test settles by hand, to finish work items in a chosen order. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('forEachBounded', () => {
  it('starts items in order, never more than the limit at once, and finishes them all', async () => {
    const gates = Array.from({ length: 7 }, deferred);
    const started: number[] = [];
    let running = 0;
    let mostRunning = 0;
    const done = forEachBounded(gates, 3, async (gate, index) => {
      started.push(index);
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await gate.promise;
      running -= 1;
    });
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates) gate.resolve();
    await done;
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(mostRunning).toBe(3);
  });

  it('handles no items and a limit above the number of items', async () => {
    await expect(forEachBounded([], 4, async () => undefined)).resolves.toBeUndefined();
    const seen: string[] = [];
    await forEachBounded(['a', 'b'], 10, async (item) => {
      seen.push(item);
    });
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('OrderedLog', () => {
  it('writes each item\'s lines in item order, whatever order the items finish in', async () => {
    const written: string[] = [];
    const target = { error: (m: string) => written.push(`E ${m}`), warn: (m: string) => written.push(`W ${m}`), info: (m: string) => written.push(`I ${m}`), debug() {} };
    const log = new OrderedLog(target, 3);
    const gates = [deferred(), deferred(), deferred()];
    const items = [0, 1, 2].map((index) =>
      log
        .run(index, async (logger) => {
          logger.info(`${index} starts`);
          await gates[index]?.promise;
          expect(OrderedLog.current()).toBeUndefined();
          // Shared code called within `attribute` reaches the item's logger without being handed it.
          await OrderedLog.attribute(logger, async () => {
            await Promise.resolve();
            OrderedLog.current()?.warn(`${index} shared`);
          });
          logger.error(`${index} ends`);
        })
        .finally(() => log.finish(index)),
    );
    gates[2]?.resolve();
    await items[2];
    gates[1]?.resolve();
    await items[1];
    expect(written).toEqual([]);
    gates[0]?.resolve();
    await Promise.all(items);
    expect(written).toEqual(['I 0 starts', 'W 0 shared', 'E 0 ends', 'I 1 starts', 'W 1 shared', 'E 1 ends', 'I 2 starts', 'W 2 shared', 'E 2 ends']);
    expect(OrderedLog.current()).toBeUndefined();
  });
});
