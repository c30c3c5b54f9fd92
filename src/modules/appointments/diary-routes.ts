import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../http/access.ts';
import { isRealDate, today } from '../../http/date-fields.ts';
import { formState } from '../../http/forms.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { can } from '../auth/policy.ts';
import { ctxOf } from '../casework/route.ts';
import { addDays, mondayOf } from '../../http/calendar.ts';
import { dayName, diaryWeek, teamWorkers } from './diary.ts';

const diaryQuery = z.object({ week: z.string().optional(), worker: z.string().optional() });

/**
 * GET /diary: the signed-in worker's planned appointments, today and this week (Monday to Sunday,
 * in the programme's time zone), with previous and next weeks (`?week=YYYY-MM-DD`, any day of the
 * week). A team leader may choose a worker of their team (`?worker=`). A week or worker that cannot
 * be read gets a message and this week's diary (400), never a fault.
 */
export function diaryRoutes(app: FastifyInstance) {
  app.get('/diary', { config: { access: 'diary.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const query = diaryQuery.safeParse(request.query);
    const { week, worker } = query.success ? query.data : {};
    const problems: FieldProblem[] = [];
    const leader = can(ctx.actor, 'diary.team');
    const workers = leader ? await teamWorkers(ctx) : [];
    let workerId = ctx.actor.userId;
    if (worker && worker !== ctx.actor.userId) {
      await authorize(ctx, 'diary.team');
      if (workers.some((w) => w.id === worker)) workerId = worker;
      else problems.push({ field: 'worker', message: 'Select a worker from your team' });
    }
    const validWeek = week === undefined || week === '' || isRealDate(week);
    if (!validWeek) problems.push({ field: 'week', message: 'The week must be a real date, like 2026-11-30' });
    const diary = await diaryWeek(ctx, { workerId, monday: mondayOf(validWeek && week ? week : today(ctx.actor.timeZone)) });
    const monday = diary.days[0]?.date ?? diary.thisWeek;
    const at = (day: string) => `/diary?week=${day}${workerId === ctx.actor.userId ? '' : `&worker=${workerId}`}`;
    const workerName = workers.find((w) => w.id === workerId)?.name;
    return reply.code(problems.length ? 400 : 200).view('appointments/views/diary.njk', {
      pageTitle: workerId === ctx.actor.userId ? 'Your diary' : `Diary of ${workerName}`,
      form: formState({}, problems),
      diary,
      isThisWeek: monday === diary.thisWeek,
      weekTitle: `Week beginning ${dayName(monday)}`,
      thisWeekHref: at(diary.thisWeek),
      previous: { href: at(addDays(monday, -7)), text: 'Previous week', labelText: `Week beginning ${formatCalendarDate(addDays(monday, -7))}` },
      next: { href: at(addDays(monday, 7)), text: 'Next week', labelText: `Week beginning ${formatCalendarDate(addDays(monday, 7))}` },
      week: monday,
      workers: workers.map((w) => ({ value: w.id, text: w.id === ctx.actor.userId ? `${w.name} (you)` : w.name, selected: w.id === workerId })),
    });
  });
}
