import type { FastifyInstance } from 'fastify';
import { formatCalendarDate } from '../../http/dates.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { ctxOf, familyFormPage, familyParams, familyRecordRoute, familyRoute } from './form-route.ts';
import { FAMILY_RECORD_KINDS, FAMILY_RECORDS, markRecordInError, type FamilyRecordKind, type RecordRow } from './records.ts';
import { enteredInErrorForm } from './schemas.ts';
import { markFamilyInError } from './store.ts';
import { supportInError } from './support.ts';

/** What the record to be marked is, in a line, to be sure it is the right one. */
const SUMMARY: { [K in FamilyRecordKind]: (row: RecordRow<K>) => string } = {
  members: (row) => [row.first_name, row.last_name].filter(Boolean).join(' '),
  clients: (row) => `Linked on ${formatCalendarDate(row.linked_on)}`,
  referrals: (row) => `Referral on ${formatCalendarDate(row.referred_on)}: ${row.reason}`,
  support: (row) => `Support given on ${formatCalendarDate(row.support_on)}`,
  outcomes: (row) => `Outcome achieved on ${formatCalendarDate(row.achieved_on)}`,
};

/** What else marking a record in error changes, in the same transaction (support given: the engaged dates it gave). */
const AFTER: { [K in FamilyRecordKind]?: (tx: SignedInCtx, row: RecordRow<K>) => Promise<void> } = { support: supportInError };

/** "Entered in error" for one kind of a family's records (unlinking, for a client). */
function recordInErrorRoute<K extends FamilyRecordKind>(app: FastifyInstance, kind: K) {
  const { what, versioned } = FAMILY_RECORDS[kind];
  familyRecordRoute(app, kind, '/entered-in-error', async (request, reply, { ctx, familyId, recordId, family, row }) =>
    familyFormPage({
      request,
      reply,
      family,
      template: 'families/views/entered-in-error.njk',
      title: kind === 'clients' ? 'Unlink this client' : `Mark this ${what} as entered in error`,
      schema: enteredInErrorForm,
      anchor: kind,
      values: 'version' in row ? { version: row.version } : {},
      view: (values) => ({
        recordSummary: SUMMARY[kind](row),
        consequence: `It will be kept and shown struck through, and it will no longer count in any figure, list or report.`,
        version: versioned ? values.version : undefined,
        buttonText: kind === 'clients' ? 'Unlink the client' : undefined,
      }),
      work: async ({ reason, version }) => {
        await markRecordInError(ctx, { familyId, kind, recordId, version, reason }, AFTER[kind]);
        return kind === 'clients' ? 'Client unlinked' : `The ${what} is marked as entered in error`;
      },
    }),
  );
}

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

  for (const kind of FAMILY_RECORD_KINDS) recordInErrorRoute(app, kind);
}
