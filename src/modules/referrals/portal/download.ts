import type { SignedInCtx } from '../../../http/context.ts';
import { today } from '../../../http/date-fields.ts';
import type { Download } from '../../../http/downloads.ts';
import { ValidationError } from '../../../http/errors.ts';
import { problemsOf } from '../../../http/forms.ts';
import { calendarDate } from '../../../http/sheet-cells.ts';
import { audit } from '../../audit/record.ts';
import { agencyReferrals, listQuery, personIdsOf } from './lists.ts';

/**
 * The agency's list of referrals as the page filters it, without the page's limit: the client's name
 * and the referral's own facts only. Listed (audited) as the page lists it, and audited as an export.
 */
export async function agencyReferralsDownload(props: { ctx: SignedInCtx; query: unknown }): Promise<Download> {
  const { ctx } = props;
  const parsed = listQuery.safeParse(props.query ?? {});
  if (!parsed.success) throw new ValidationError(problemsOf(parsed.error));
  const { status } = parsed.data;
  const rows = await agencyReferrals(ctx, status, null);
  await audit(ctx, { action: 'export', recordType: 'referral', detail: { view: 'agency-referrals', status, count: rows.length, personIds: personIdsOf(rows) } });
  return {
    filename: `referrals-${status}-${today(ctx.actor.timeZone)}`,
    tables: [
      {
        title: 'Referrals',
        rows: [
          ['Client', 'Service', 'Sent', 'Answer by', 'Urgency', 'Status', 'Overdue', 'Appointment', 'Time'],
          ...rows.map((row) => [
            `${row.firstName} ${row.lastName}`,
            row.serviceName,
            calendarDate(row.sentOn),
            calendarDate(row.answerDueOn),
            row.urgencyText,
            row.statusText,
            row.overdue ? 'Yes' : 'No',
            calendarDate(row.appointmentOn),
            row.appointmentTime,
          ]),
        ],
      },
    ],
  };
}
