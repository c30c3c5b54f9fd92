import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../http/calendar.ts';
import { today } from '../http/date-fields.ts';
import { addStaffRecord } from '../modules/staff/records.ts';
import { demoActor } from './demo-actor.ts';
import { ROOP } from './roop.ts';

/**
 * The demo coaches' staff records (only when the demo is served), kept by the administrator through
 * the same function as the pages, so audited like any other: the prison life coach's vetting and
 * clearances are in order; the community life coach's PVG renewal is due within weeks and his
 * clearance for the demo client's prison has expired, so the expiring list has something to show and
 * allocating him to that client warns of it.
 */
export async function addDemoStaff(tx: Kysely<Database>) {
  const admin = await demoActor(tx, 'administrator');
  const now = today(admin.actor.timeZone);
  const prisons = await tx.selectFrom('prison').select(['id', 'name']).where('programme_id', '=', admin.actor.programmeId).where('name', 'in', ROOP.prisons.slice(0, 2)).execute();
  const prisonId = (name: string | undefined) => prisons.find((p) => p.name === name)?.id ?? '';
  const [clientPrison, otherPrison] = ROOP.prisons;
  for (const [role, plan] of [
    ['prison_life_coach', { renewBy: addDays(now, 700), clientPrisonExpires: addDays(now, 200), firstAidExpires: addDays(now, 400) }],
    ['community_life_coach', { renewBy: addDays(now, 21), clientPrisonExpires: addDays(now, -12), firstAidExpires: addDays(now, -30) }],
  ] as const) {
    const worker = await demoActor(tx, role);
    const add = (kind: 'vetting' | 'clearances' | 'training', columns: Record<string, unknown>) => addStaffRecord(admin, { userId: worker.actor.userId, kind, columns });
    await add('vetting', { disclosure_type: 'pvg', reference: `PVG-${role === 'prison_life_coach' ? '4471' : '3902'}`, issued_on: addDays(plan.renewBy, -1095), renew_by: plan.renewBy });
    await add('clearances', { prison_id: prisonId(clientPrison), cleared_on: addDays(plan.clientPrisonExpires, -365), expires_on: plan.clientPrisonExpires });
    await add('clearances', { prison_id: prisonId(otherPrison), cleared_on: addDays(now, -90), expires_on: addDays(now, 275) });
    await add('training', { course: 'Trauma-informed practice', completed_on: addDays(now, -150), expires_on: null });
    await add('training', { course: 'Emergency first aid at work', completed_on: addDays(plan.firstAidExpires, -1095), expires_on: plan.firstAidExpires });
  }
}
