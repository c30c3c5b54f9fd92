/**
 * What counts as improvement in distance travelled, in one place: an area has improved when the
 * client's latest score is at least their first plus the programme's threshold
 * (programme.distance_improvement, 2 unless an administrator changes it). The person page and the
 * outcomes report both use it.
 */
export function hasImproved(first: number, latest: number, threshold: number): boolean {
  return latest >= first + threshold;
}

export interface AreaProgress {
  first: number | null;
  latest: number | null;
  /** How many readings scored the area. */
  readings: number;
  /** Null until there are two readings to compare. */
  improved: boolean | null;
}

/** An area's first and latest client scores (readings in date order, null where the area was not scored), and whether it improved. */
export function areaProgress(scores: readonly (number | null)[], threshold: number): AreaProgress {
  const given = scores.filter((score): score is number => score !== null);
  const first = given[0] ?? null;
  const latest = given.at(-1) ?? null;
  const improved = given.length >= 2 && first !== null && latest !== null ? hasImproved(first, latest, threshold) : null;
  return { first, latest, readings: given.length, improved };
}
