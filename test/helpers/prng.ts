/**
 * A small seeded pseudo-random generator for fuzz tests. Every case derives its own generator
 * from (seed, case index), so one failing case can be regenerated from those two numbers alone,
 * without replaying the cases before it.
 */

/** mulberry32: 32-bit state, good enough spread for test inputs, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a case index (and an optional stream label) into an independent seed. */
export function deriveSeed(seed: number, index: number, label = ''): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  const mix = (value: number) => {
    hash = Math.imul(hash ^ value, 0x85ebca6b) >>> 0;
    hash = (hash ^ (hash >>> 13)) >>> 0;
    hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
    hash = (hash ^ (hash >>> 16)) >>> 0;
  };
  mix(index >>> 0);
  for (let i = 0; i < label.length; i++) mix(label.charCodeAt(i));
  return hash;
}

export class Prng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** Generator for case `index` of the stream `label` under `seed`. */
  static forCase(seed: number, index: number, label = ''): Prng {
    return new Prng(deriveSeed(seed, index, label));
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [weight, value] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[1];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string {
    const chars = [...alphabet];
    let text = '';
    for (let i = 0; i < length; i++) text += this.pick(chars);
    return text;
  }

  /** `length` random bytes. */
  bytes(length: number): Buffer {
    const buffer = Buffer.alloc(length);
    for (let i = 0; i < length; i++) buffer[i] = this.int(0, 255);
    return buffer;
  }
}

/** The seed from `DDNS_FUZZ_SEED` (decimal or 0x-hex), or `fallback`. */
export function fuzzSeed(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DDNS_FUZZ_SEED?.trim();
  if (raw === undefined || raw === '') return fallback >>> 0;
  const value = /^0x[0-9a-f]+$/i.test(raw) ? Number.parseInt(raw.slice(2), 16) : Number(raw);
  if (!Number.isInteger(value)) throw new Error(`DDNS_FUZZ_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return value >>> 0;
}
