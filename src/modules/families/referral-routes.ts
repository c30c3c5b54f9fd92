import type { FastifyInstance } from 'fastify';
import { todaysDateParts } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { choiceItems } from '../settings/lists.ts';
import { ctxOf, familyFormPage, familyParams, familyRecordRoute, familyRoute } from './form-route.ts';
import { addReferral, referralProblems, stepProblems, takeStep } from './referrals.ts';
import { REFERRAL_STEPS, referralForm, stepForm, type ReferralStep } from './schemas.ts';

const STEP_WORDS: Record<ReferralStep, { title: string; label: string; done: string }> = {
  accepted: { title: 'Accept the referral', label: 'Date accepted', done: 'Referral accepted' },
  engaged: { title: 'Record that the family engaged', label: 'Date of the first contact', done: 'Family engaged' },
  closed: { title: 'Close the referral', label: 'Date closed', done: 'Referral closed' },
};

/** Referrals to family support, and their steps. */
export function referralRoutes(app: FastifyInstance) {
  familyRoute(app, 'referrals/new', familyParams, async (request, reply) =>
    familyFormPage({
      request,
      reply,
      template: 'families/views/referral.njk',
      title: 'Add a referral to family support',
      schema: referralForm,
      dates: ['referredOn'],
      anchor: 'referrals',
      values: todaysDateParts('referredOn', ctxOf(request).actor.timeZone),
      view: async (values) => ({ sources: await choiceItems(ctxOf(request), 'family_referral_source', values.source, 'Choose who referred') }),
      check: (data) => referralProblems(ctxOf(request), data),
      work: async (input, family) => {
        await addReferral(ctxOf(request), { familyId: family.id, input });
        return 'Referral added';
      },
    }),
  );

  for (const step of REFERRAL_STEPS) {
    familyRecordRoute(app, 'referrals', `/${step}`, async (request, reply, { ctx, familyId, recordId, family, row }) => {
      const words = STEP_WORDS[step];
      return familyFormPage({
        request,
        reply,
        family,
        template: 'families/views/referral-step.njk',
        title: words.title,
        schema: stepForm,
        dates: ['on'],
        anchor: 'referrals',
        values: { ...todaysDateParts('on', ctx.actor.timeZone), version: row.version },
        view: async (values) => ({
          step,
          dateLabel: words.label,
          referralSummary: `Referred on ${formatCalendarDate(row.referred_on)}: ${row.reason}`,
          version: values.version,
          closureReasons: step === 'closed' ? await choiceItems(ctx, 'family_closure_reason', values.closureReason) : [],
        }),
        check: (data) => stepProblems(ctx, row, step, data),
        work: async ({ on, closureReason, version }) => {
          await takeStep(ctx, { familyId, referralId: recordId, step, version, on: on ?? '', closureReason });
          return words.done;
        },
      });
    });
  }
}
