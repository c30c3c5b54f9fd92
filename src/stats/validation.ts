/** Throws a RangeError unless `value` is a whole number ≥ 0. */
export function assertCount(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${label} must be a whole number of 0 or more (got ${value})`);
  }
}

/** Throws a RangeError unless 0 ≤ r ≤ n and n > 0, all whole numbers. */
export function assertProportion(r: number, n: number, label = 'r/n'): void {
  assertCount(r, `${label}: r`);
  assertCount(n, `${label}: n`);
  if (n === 0) throw new RangeError(`${label}: n must be more than 0`);
  if (r > n) throw new RangeError(`${label}: r (${r}) cannot exceed n (${n})`);
}

/** Throws a RangeError unless `value` is a finite number. */
export function assertFinite(value: number, label: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${label} must be a finite number (got ${value})`);
}
