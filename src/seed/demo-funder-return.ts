import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { today } from '../http/date-fields.ts';
import { recentPeriods } from '../modules/funder-returns/periods.ts';
import { produceReturn } from '../modules/funder-returns/produce.ts';
import { createTemplate } from '../modules/funder-returns/templates.ts';
import { demoActor } from './demo-actor.ts';

/**
 * The demo's funder return (only when the demo is served): the administrator's template for the
 * Scottish Government's throughcare grant, by quarter, for Barlinnie and Polmont, and the manager's
 * return for the current quarter, made through the same functions as their pages. After the seed's
 * transaction, as the reports a return runs open transactions of their own.
 */
export async function addDemoFunderReturn(db: Kysely<Database>) {
  const admin = await demoActor(db, 'administrator');
  const prisons = await db.selectFrom('prison').select('id').where('programme_id', '=', admin.actor.programmeId).where('name', 'in', ['Barlinnie', 'Polmont']).execute();
  const { id: templateId } = await createTemplate(admin, {
    name: 'Scottish Government throughcare grant',
    funder: 'Scottish Government',
    periodKind: 'financial_quarter',
    prisonIds: prisons.map((prison) => prison.id),
    areaIds: [],
    ageBands: [],
    figures: ['sign-ups', 'people', 'visits-1-plus', 'gate-met', 'engaged-sign-ups', 'hard-outcomes', 'job-starts', 'families-referred', 'families-engaged', 'liberations-followed', 'returned-engaged', 'returned-not-engaged'],
  });
  const [period] = recentPeriods('financial_quarter', today(admin.actor.timeZone));
  if (period) await produceReturn(await demoActor(db, 'manager'), { templateId, period });
}
