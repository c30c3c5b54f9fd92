import { FamilyFinder, groupByFamily, type KnownFamily } from './family-finder.ts';
import { newId } from './new-id.ts';
import { writtenKey } from './record.ts';
import { addFieldProblem, textOf, ukDay, type ReadRow, type RunState } from './run-state.ts';

/** What the import knows of a family's referrals and clients: recorded, and added by earlier rows. */
interface FamilyRecord {
  /** Referral date -> the row of this file that brings it (0: recorded before). */
  referrals: Map<string, number>;
  clients: Set<string>;
}

/** The referral's later dates, each with its field and its words for messages. */
const LATER_DATES = [
  ['acceptedOn', 'date accepted'],
  ['engagedOn', 'date engaged'],
  ['closedOn', 'date closed'],
] as const;

/**
 * Families and their referrals to family support. Each row is one referral of a family known by the
 * programme's reference: the family is found (ignoring capitals) or created by its first row (its
 * name, team, co-ordinator and safeguarding note are taken from that row), linked once to the client
 * whose prison number a row gives, and given the referral. A prison number no one is recorded with,
 * or a second referral of a family on the same day, is a problem row.
 */
export class FamilyReferralRows {
  private readonly families: FamilyFinder;
  private readonly known = new Map<string, FamilyRecord>();

  constructor(private readonly state: RunState) {
    this.families = new FamilyFinder(state.db, state.programmeId);
  }

  async handleBatch(rows: ReadRow[]): Promise<void> {
    const { state } = this;
    await this.families.prefetch(rows.map((row) => textOf(row, 'familyRef')));
    const asPerson = (row: ReadRow) => ({ prisonNumber: textOf(row, 'prisonNumber'), firstName: null, lastName: null, dateOfBirth: null });
    await state.matcher.prefetch(rows.map(asPerson), { byName: false });
    await this.loadRecorded(rows);
    const people = new Map<ReadRow, string>();
    for (const row of rows) {
      const number = textOf(row, 'prisonNumber');
      if (!number) continue;
      const match = await state.matcher.match(asPerson(row), { byName: false });
      if (match.kind === 'existing') people.set(row, match.personId);
      else
        addFieldProblem(
          state,
          row,
          'prisonNumber',
          `No one with prison number ${number} is recorded: import their sign-up first, or leave the prison number out`,
        );
    }
    const surnames = await this.surnamesOf([...people.values()]);
    for (const row of rows) {
      const before = state.report.problemCount;
      const family = this.checked(row);
      if (state.report.problemCount > before || (textOf(row, 'prisonNumber') && !people.has(row))) continue;
      const personId = people.get(row) ?? null;
      this.add(row, family ?? this.createFamily(row, personId ? surnames.get(personId) : undefined), personId);
    }
  }

  /** The row's own checks; the family it names, when recorded or created by an earlier row. */
  private checked(row: ReadRow): KnownFamily | undefined {
    const { state } = this;
    const reference = textOf(row, 'familyRef');
    const referredOn = textOf(row, 'referredOn');
    if (!reference || !referredOn) return undefined;
    const problem = (key: string, message: string) => addFieldProblem(state, row, key, message);
    if (referredOn > state.today) problem('referredOn', `The referral date ${ukDay(referredOn)} is in the future`);
    for (const [key, words] of LATER_DATES) {
      const day = textOf(row, key);
      if (day && day > state.today) problem(key, `The ${words} ${ukDay(day)} is in the future`);
      else if (day && day < referredOn) problem(key, `The ${words} ${ukDay(day)} is before the referral date ${ukDay(referredOn)}`);
    }
    const closedOn = textOf(row, 'closedOn');
    const started = [textOf(row, 'acceptedOn'), textOf(row, 'engagedOn')].filter((day): day is string => day !== null && day >= referredOn);
    if (closedOn && started.some((day) => day > closedOn))
      problem('closedOn', `The date closed ${ukDay(closedOn)} is before the referral was accepted or engaged`);
    if (closedOn && !textOf(row, 'closureReason')) problem('closureReason', `Enter the closure reason: the referral was closed on ${ukDay(closedOn)}`);
    if (!closedOn && textOf(row, 'closureReason')) problem('closedOn', 'Enter the date closed: a closure reason is given');
    const family = this.families.get(reference);
    if (!family) {
      if (!textOf(row, 'team') && !state.teamId) problem('team', 'Enter the team the family goes to: you have no team of your own');
      return undefined;
    }
    const earlier = this.known.get(family.id)?.referrals.get(referredOn);
    if (earlier !== undefined)
      problem('referredOn', `Family ${family.reference} already has a referral on ${ukDay(referredOn)}${earlier > 0 ? `, on row ${earlier}` : ''}`);
    const note = textOf(row, 'safeguarding');
    if (note && note !== family.safeguardingNote) {
      problem(
        'safeguarding',
        family.firstRow
          ? `The safeguarding note differs from the one on row ${family.firstRow}: a family’s safeguarding note is taken from its first row`
          : `Family ${family.reference} is already recorded ${family.safeguardingNote ? 'with another' : 'without a'} safeguarding note: change it on the family’s page`,
      );
    }
    return family;
  }

  private createFamily(row: ReadRow, surname: string | undefined): KnownFamily {
    const { state } = this;
    const reference = textOf(row, 'familyRef') as string;
    const note = textOf(row, 'safeguarding');
    const family: KnownFamily = { id: newId(), reference, safeguardingNote: note, firstRow: row.rowNumber };
    state.pending.add('family', {
      id: family.id,
      programme_id: state.programmeId,
      name: textOf(row, 'familyName') ?? (surname ? `${surname} family` : reference),
      reference,
      team_id: (textOf(row, 'team') ?? state.teamId) as string,
      coordinator_id: textOf(row, 'coordinator'),
      coordinator_name: textOf(row, writtenKey('coordinator')),
      safeguarding: note !== null,
      safeguarding_note: note,
      created_by: state.userId,
    });
    this.families.add(family);
    this.known.set(family.id, { referrals: new Map(), clients: new Set() });
    return family;
  }

  private add(row: ReadRow, family: KnownFamily, personId: string | null): void {
    const { state } = this;
    const referredOn = textOf(row, 'referredOn') as string;
    const known = this.known.get(family.id) as FamilyRecord;
    const closedOn = textOf(row, 'closedOn');
    state.pending.add('family_referral', {
      programme_id: state.programmeId,
      family_id: family.id,
      referred_on: referredOn,
      source: textOf(row, 'source') as string,
      source_detail: textOf(row, 'sourceDetail'),
      reason: textOf(row, 'reason') as string,
      accepted_on: textOf(row, 'acceptedOn'),
      engaged_on: textOf(row, 'engagedOn'),
      closed_on: closedOn,
      closure_reason: closedOn ? textOf(row, 'closureReason') : null,
      created_by: state.userId,
    });
    known.referrals.set(referredOn, row.rowNumber);
    if (personId && !known.clients.has(personId)) {
      state.pending.add('family_client', {
        programme_id: state.programmeId,
        family_id: family.id,
        person_id: personId,
        linked_on: referredOn,
        created_by: state.userId,
      });
      known.clients.add(personId);
    }
  }

  /** The referral dates and clients of the batch's recorded families, once per family. */
  private async loadRecorded(rows: ReadRow[]): Promise<void> {
    const ids = [
      ...new Set(
        rows.flatMap((row) => {
          const family = textOf(row, 'familyRef') ? this.families.get(textOf(row, 'familyRef') as string) : undefined;
          return family && !this.known.has(family.id) ? [family.id] : [];
        }),
      ),
    ];
    if (ids.length === 0) return;
    const { db } = this.state;
    const [referrals, clients] = await Promise.all([
      db.selectFrom('family_referral').select(['family_id', 'referred_on']).where('family_id', 'in', ids).where('entered_in_error_at', 'is', null).execute(),
      db.selectFrom('family_client').select(['family_id', 'person_id']).where('family_id', 'in', ids).where('entered_in_error_at', 'is', null).execute(),
    ]);
    const referralsOf = groupByFamily(ids, referrals);
    const clientsOf = groupByFamily(ids, clients);
    for (const id of ids) {
      this.known.set(id, {
        referrals: new Map((referralsOf.get(id) ?? []).map((r) => [r.referred_on, 0])),
        clients: new Set((clientsOf.get(id) ?? []).map((c) => c.person_id)),
      });
    }
  }

  /** The surnames of the clients rows name, for the names of the families the import creates. */
  private async surnamesOf(personIds: string[]): Promise<Map<string, string>> {
    if (personIds.length === 0) return new Map();
    const rows = await this.state.db
      .selectFrom('person')
      .select(['id', 'last_name'])
      .where('id', 'in', [...new Set(personIds)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.last_name]));
  }
}
