/**
 * A small seeded random number generator (sfc32, seeded through cyrb128), so that synthetic data is
 * the same every time for the same seed. Not for anything secret.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` names an independent sequence for the same seed (the staff names, say). */
  constructor(seed: number, stream = '') {
    [this.a, this.b, this.c, this.d] = cyrb128(`${seed}:${stream}`);
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** A number in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list');
    return item;
  }
}

/** Picks items in proportion to their weights (binary search over the running totals). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly totals: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, weight]) => weight > 0);
    if (kept.length === 0) throw new Error('A weighted choice needs at least one item with a weight');
    this.items = kept.map(([item]) => item);
    let total = 0;
    this.totals = kept.map(([, weight]) => (total += weight));
  }

  pick(random: Random): T {
    const target = random.next() * (this.totals[this.totals.length - 1] ?? 0);
    let low = 0;
    let high = this.totals.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.totals[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    const item = this.items[low];
    if (item === undefined) throw new Error('Weighted pick out of range');
    return item;
  }
}

/** Common things are much commoner than rare ones: the item of rank r weighs 1 / (r + 3). */
export function byRank<T>(items: readonly T[]): Weighted<T> {
  return new Weighted(items.map((item, rank) => [item, 1 / (rank + 3)] as const));
}

/** A whole number in one of several [min, max] ranges, the range chosen by weight. */
export class Banded {
  private readonly bands: Weighted<readonly [number, number]>;

  constructor(bands: readonly (readonly [min: number, max: number, weight: number])[]) {
    this.bands = new Weighted(bands.map(([min, max, weight]) => [[min, max] as const, weight] as const));
  }

  pick(random: Random): number {
    const [min, max] = this.bands.pick(random);
    return random.int(min, max);
  }
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
