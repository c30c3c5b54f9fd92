import { addDays } from '../../http/calendar.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { audit } from '../audit/record.ts';
import { PAGE_SIZE, pageLinks } from '../caseload/filters.ts';
import { dueCounts, peopleDue } from './due.ts';
import { getRetentionRules, STATISTICS } from './rules.ts';
import { keptStatistics } from './statistics.ts';

/** The look-ahead the page counts: what is due now, and in the next 30, 90 and 365 days. */
const HORIZONS = { now: 0, days30: 30, days90: 90, days365: 365 } as const;
export const BASIS_WORDS: Record<string, string> = { closed: 'Last sign-up closed', contact: 'Last contact', created: 'Record made (never signed up)' };

/**
 * The administrator's retention page: the rules, what falls due and when (counts, and the people
 * due within a year a page at a time, named, and so audited as a list of them), and the statistics
 * kept of deleted records.
 */
export async function retentionPage(ctx: SignedInCtx, page: number) {
  const programmeId = ctx.actor.programmeId;
  const rules = await getRetentionRules(ctx.db, programmeId);
  const day = today(ctx.actor.timeZone);
  const days = Object.fromEntries(Object.entries(HORIZONS).map(([name, ahead]) => [name, addDays(day, ahead)]));
  const counts = await dueCounts(ctx.db, { programmeId, rules }, days);
  const scope = { programmeId, rules, dueBy: days.days365 };
  const total = counts.days365?.people ?? 0;
  const due = await peopleDue(ctx.db, { ...scope, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const names = due.length
    ? await ctx.db
        .selectFrom('person')
        .select(['id', 'first_name', 'last_name'])
        .where('programme_id', '=', programmeId)
        .where(
          'id',
          'in',
          due.map((p) => p.personId),
        )
        .execute()
    : [];
  await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'retention', page, personIds: due.map((p) => p.personId) } });
  return {
    rules,
    today: day,
    counts,
    total,
    people: due.map((person) => {
      const name = names.find((n) => n.id === person.personId);
      return {
        ...person,
        name: name ? `${name.first_name} ${name.last_name}` : '',
        basisWords: BASIS_WORDS[person.basis ?? ''] ?? '',
        overdue: (person.dueOn ?? '') <= day,
      };
    }),
    pagination: pageLinks({ page, total, href: (n) => `/admin/retention?page=${n}` }),
    statistics: STATISTICS,
    kept: await keptStatistics(ctx.db, programmeId),
  };
}
