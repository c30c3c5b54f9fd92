import { z } from 'zod';
import type { employmentSection } from './section.ts';

/** The employment part of a sign-up as the API sends it: every field named. */
const inError = z.string().nullable().describe('Set when the record was entered in error: it counts nowhere');
const mayCorrect = z.boolean().describe('Whether you may correct it or mark it entered in error');

export const employmentJson = z.object({
  consultant: z.object({ name: z.string(), handedOverOn: z.string(), handedOverBy: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  activities: z.array(
    z.object({ id: z.uuid(), kind: z.string(), startedOn: z.string(), endedOn: z.string().nullable(), detail: z.string().nullable(), version: z.number().int(), enteredInErrorReason: inError, mayCorrect }),
  ),
  jobStarts: z.array(
    z.object({
      id: z.uuid(),
      employer: z.string(),
      jobTitle: z.string(),
      hoursPerWeek: z.number(),
      contractType: z.string(),
      startedOn: z.string(),
      outcomeId: z.uuid().nullable().describe('The "job start" outcome it recorded'),
      version: z.number().int(),
      enteredInErrorReason: inError,
      mayCorrect,
      checks: z.array(
        z.object({
          week: z.number().int(),
          dueOn: z.string(),
          status: z.enum(['recorded', 'overdue', 'due', 'upcoming', 'not-due']).describe('due: within 14 days; not-due: after they left, or the job start was entered in error'),
          check: z
            .object({ id: z.uuid(), checkedOn: z.string(), inWork: z.boolean(), leftOn: z.string().nullable(), leftReason: z.string().nullable(), mayCorrect })
            .nullable(),
        }),
      ),
    }),
  ),
  trainingPlaces: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      provider: z.string(),
      course: z.string(),
      startedOn: z.string(),
      status: z.string(),
      endedOn: z.string().nullable(),
      leftReason: z.string().nullable(),
      version: z.number().int(),
      enteredInErrorReason: inError,
      mayCorrect,
    }),
  ),
});

export function presentEmployment(section: Awaited<ReturnType<typeof employmentSection>>): z.infer<typeof employmentJson> {
  const { consultant } = section;
  return {
    consultant: consultant && { name: consultant.name, handedOverOn: consultant.fromOn, handedOverBy: consultant.handedOverBy, reason: consultant.reason },
    activities: section.activities.map(({ recordedBy: _recordedBy, ...activity }) => activity),
    jobStarts: section.jobStarts.map(({ schedule, ...job }) => ({
      ...job,
      checks: schedule.map(({ week, dueOn, status, check }) => ({
        week,
        dueOn,
        status,
        check: check && { id: check.id, checkedOn: check.checkedOn, inWork: check.inWork, leftOn: check.leftOn, leftReason: check.leftReason, mayCorrect: check.mayCorrect },
      })),
    })),
    trainingPlaces: section.places,
  };
}
