import type { FastifyInstance } from 'fastify';
import { formatCalendarDate } from '../../http/dates.ts';
import { ctxOf, familyFormPage, familyParams, familyRoute } from './form-route.ts';
import { recordParams } from './member-routes.ts';
import { FAMILY_RECORD_KINDS, FAMILY_RECORDS, familyRecord, markRecordInError, type FamilyRecordKind, type RecordRow } from './records.ts';
import { enteredInErrorForm } from './schemas.ts';
import { markFamilyInError } from './store.ts';
import { supportInError } from './support.ts';

/** What the record to be marked is, in a line, to be sure it is the right one. */
const SUMMARY: Record<FamilyRecordKind, (row: RecordRow) => string> = {
  members: (row) => `${[row.first_name, row.last_name].filter(Boolean).join(' ')}`,
  clients: (row) => `Linked on ${formatCalendarDate(row.linked_on as string)}`,
  referrals: (row) => `Referral on ${formatCalendarDate(row.referred_on as string)}: ${String(row.reason)}`,
  support: (row) => `Support given on ${formatCalendarDate(row.support_on as string)}`,
  outcomes: (row) => `Outcome achieved on ${formatCalendarDate(row.achieved_on as string)}`,
};

/** "Entered in error", with a reason, for a family and for each kind of record it holds. */
export function enteredInErrorRoutes(app: FastifyInstance) {
  familyRoute(app, 'entered-in-error', familyParams, async (request, reply) =>
    familyFormPage({
      request,
      reply,
      template: 'families/views/entered-in-error.njk',
      title: 'Mark this family as entered in error',
      schema: enteredInErrorForm,
      values: (family) => ({ version: family.version }),
      view: (values, family) => ({
        recordSummary: family.name,
        consequence: 'The family, with everything recorded about it, will be kept but will leave every list and count in no figure or report.',
        version: values.version,
      }),
      work: async ({ reason, version }, family) => {
        await markFamilyInError(ctxOf(request), { familyId: family.id, version: version ?? 0, reason });
        return { success: `${family.name} is marked as entered in error`, redirectTo: '/families' };
      },
    }),
  );

  for (const kind of FAMILY_RECORD_KINDS) {
    const { what, versioned } = FAMILY_RECORDS[kind];
    familyRoute(app, `${kind}/:recordId/entered-in-error`, recordParams, async (request, reply) => {
      const ctx = ctxOf(request);
      const { familyId, recordId } = recordParams.parse(request.params);
      const { family, row } = await familyRecord(ctx, { familyId, kind, recordId });
      return familyFormPage({
        request,
        reply,
        family,
        template: 'families/views/entered-in-error.njk',
        title: kind === 'clients' ? 'Unlink this client' : `Mark this ${what} as entered in error`,
        schema: enteredInErrorForm,
        anchor: kind,
        values: versioned ? { version: row.version } : {},
        view: (values) => ({
          recordSummary: SUMMARY[kind](row),
          consequence: `It will be kept and shown struck through, and it will no longer count in any figure, list or report.`,
          version: versioned ? values.version : undefined,
          buttonText: kind === 'clients' ? 'Unlink the client' : undefined,
        }),
        work: async ({ reason, version }) => {
          await markRecordInError(ctx, { familyId, kind, recordId, version, reason }, kind === 'support' ? supportInError : undefined);
          return kind === 'clients' ? 'Client unlinked' : `The ${what} is marked as entered in error`;
        },
      });
    });
  }
}
