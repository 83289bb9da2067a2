/**
 * A property computed on first read, then kept as a plain value. Every provider's metadata is
 * loaded at start (the config needs the registry), but a run validates only the types its config
 * uses: building the zod schemas of the other ~40 types cost every run (docs/benchmarks.md).
 * Use from a getter: `get configSchema() { return lazyProperty(this, 'configSchema', () => …); }`.
 */
export function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): T[K] {
  const value = build();
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: false });
  return value;
}
