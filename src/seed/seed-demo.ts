import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { ensureDefaultChoices } from './default-choices.ts';
import { DEMO_USERS, ROOP } from './roop.ts';
import { addScottishStarter } from './scottish-starter.ts';
import { addDemoAgency, addDemoReferrals } from './demo-agency.ts';
import { addDemoFamily } from './demo-family.ts';
import { addDemoTeamWork } from './demo-teams.ts';
import { addDemoFunderReturn } from './demo-funder-return.ts';
import { addDemoStaff } from './demo-staff.ts';
import { addDemoSupervision } from './demo-supervision.ts';

/**
 * Creates the demo programme in one transaction: the Scottish starter configuration, Routes out of
 * Prison's four teams and one user per role. Does nothing if the programme is already there (beyond
 * adding any default list entry it lacks), so it is safe at every start; it touches no other programme.
 */
export async function seedDemo(props: { db: Kysely<Database>; password: string; exampleReferrals?: boolean }): Promise<'seeded' | 'already-present'> {
  const existing = await props.db.selectFrom('programme').select('id').where('slug', '=', ROOP.slug).executeTakeFirst();
  if (existing) {
    await ensureDefaultChoices(props.db, existing.id);
    return 'already-present';
  }
  const passwordHash = await hashPassword(props.password);
  await props.db.transaction().execute(async (tx) => {
    const { id: programmeId } = await tx
      .insertInto('programme')
      .values({ slug: ROOP.slug, name: ROOP.name, time_zone: ROOP.timeZone })
      .returning('id')
      .executeTakeFirstOrThrow();
    const areaIds = await addScottishStarter(tx, programmeId);
    const teamIds = new Map<string, string>();
    for (const [teamName, areaName] of Object.entries(ROOP.teams)) {
      const team = await tx
        .insertInto('team')
        .values({ programme_id: programmeId, name: teamName, area_id: areaIds.get(areaName) ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      teamIds.set(teamName, team.id);
    }
    // The partner agency's user answers the referrals of the demo agency (demo-agency.ts).
    const agency = await addDemoAgency(tx, programmeId);
    await tx
      .insertInto('app_user')
      .values(
        DEMO_USERS.map((user) => ({
          programme_id: programmeId,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          team_id: user.team ? (teamIds.get(user.team) ?? null) : null,
          organisation_id: user.role === 'partner_agency' ? agency.organisationId : null,
          password_hash: passwordHash,
          locked_until: null,
          last_signed_in_at: null,
        })),
      )
      .execute();
    if (props.exampleReferrals) {
      const client = await addDemoReferrals(tx, agency.serviceIds);
      await addDemoFamily(tx, client.personId);
      await addDemoTeamWork(tx);
      await addDemoStaff(tx);
      await addDemoSupervision(tx);
    }
    await tx
      .insertInto('audit_event')
      .values({ programme_id: programmeId, actor_user_id: null, actor_label: 'demo seed', action: 'create', record_type: 'programme', record_id: programmeId, address: null, request_id: null, detail: { users: DEMO_USERS.length } })
      .execute();
  });
  if (props.exampleReferrals) await addDemoFunderReturn(props.db);
  return 'seeded';
}
