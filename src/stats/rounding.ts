/** Rounds half away from zero to `digits` decimals (2.5 → 3, −2.5 → −3), nudged for binary representation. */
export function roundHalfAwayFromZero(value: number, digits = 4): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(scaled * (1 + 4 * Number.EPSILON)) / factor;
  return value < 0 ? -rounded : rounded;
}
