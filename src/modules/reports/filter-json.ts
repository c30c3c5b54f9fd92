import { z } from 'zod';
import type { EngagementFilter } from './engagement-filters.ts';

/** The filter a report was computed for, as the API gives it back: null for a filter not set. */
export const filterJson = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  prisonId: z.string().nullable(),
  teamId: z.string().nullable(),
  areaId: z.string().nullable(),
  workerId: z.string().nullable(),
  gender: z.string().nullable(),
  ageBand: z.string().nullable(),
});

export function filterToJson(filter: EngagementFilter): z.infer<typeof filterJson> {
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    prisonId: filter.prisonId ?? null,
    teamId: filter.teamId ?? null,
    areaId: filter.areaId ?? null,
    workerId: filter.workerId ?? null,
    gender: filter.gender ?? null,
    ageBand: filter.ageBand ?? null,
  };
}
