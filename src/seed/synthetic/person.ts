import { normalisePrisonNumber, searchKey } from '../../modules/people/names.ts';
import { DAYS_PER_YEAR, isoOf } from './days.ts';
import { admissionAfter, extractRows, type Liberation, type ReturnsExtract } from './custody-returns.ts';
import { synthesiseEpisode } from './episode.ts';
import type { Rows } from './insert.ts';
import { FAMILIAR_NAMES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from './names.ts';
import { byRank, type Random } from './random.ts';
import { AGE_AT_SIGN_UP, ALIAS_SHARE, FEMALE_SHARE, PHONE_SHARE, PREVIOUS_SENTENCES, RISK_TO_STAFF_SHARE } from './shape.ts';
import { RISK_NOTE } from './texts.ts';
import { planCustodies } from './timeline.ts';
import { pickPrison, type World } from './world.ts';

const maleNames = byRank(MALE_FIRST_NAMES);
const femaleNames = byRank(FEMALE_FIRST_NAMES);
const surnames = byRank(SURNAMES);

/** One person: their record, names (and sometimes an alias), prison number, every sign-up and their rows in the return-to-custody extract. */
export function synthesisePerson(random: Random, world: World, rows: Rows, prisonNumber: string, extract: ReturnsExtract): void {
  const personId = world.ids.next();
  const female = random.chance(FEMALE_SHARE);
  const firstName = (female ? femaleNames : maleNames).pick(random);
  const lastName = surnames.pick(random);
  const place = world.places.pick(random);
  const team = place.teamId ? (world.staff.get(place.teamId) ?? null) : null;
  const ageAtFirstSignUp = AGE_AT_SIGN_UP.pick(random);
  const custodies = planCustodies(random, world);
  const firstSignUp = custodies[0]?.signedUpOn ?? world.asOf;
  const bornOn = firstSignUp - Math.round(ageAtFirstSignUp * DAYS_PER_YEAR) - random.int(0, 364);
  const number = normalisePrisonNumber(prisonNumber);
  const prisonCoaches = custodies.map(() => (team?.prisonCoaches.length ? random.pick(team.prisonCoaches) : null));
  rows.person.push({
    id: personId,
    programme_id: world.programmeId,
    first_name: firstName,
    last_name: lastName,
    date_of_birth: isoOf(bornOn),
    gender: female ? world.genders.female : world.genders.male,
    local_authority_id: place.localAuthorityId,
    phone: random.chance(PHONE_SHARE) ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}` : null,
    ...(random.chance(RISK_TO_STAFF_SHARE) ? { risk_to_staff: true, risk_note: RISK_NOTE } : { risk_to_staff: false }),
    team_id: place.teamId,
    created_by: prisonCoaches[0] ?? null,
  });
  addName(rows, world, personId, firstName, lastName, false);
  if (random.chance(ALIAS_SHARE)) {
    const familiar = FAMILIAR_NAMES[firstName];
    if (familiar) addName(rows, world, personId, random.pick(familiar), lastName, true);
    else addName(rows, world, personId, firstName, surnames.pick(random), true);
  }
  rows.prison_number.push({ id: world.ids.next(), programme_id: world.programmeId, person_id: personId, number });
  let previousSentences = PREVIOUS_SENTENCES.pick(random);
  const liberations: Liberation[] = [];
  custodies.forEach((custody, index) => {
    const age = Math.floor((custody.signedUpOn - bornOn) / DAYS_PER_YEAR);
    const facts = { nextSentencedOn: custody.nextSentencedOn, previousSentences, bornOn };
    const liberation = synthesiseEpisode(random, world, rows, {
      personId,
      custody,
      prisonId: pickPrison(world, random, female, age),
      prisonNumber: number,
      previousSentences,
      teamId: place.teamId,
      team,
      prisonCoach: prisonCoaches[index] ?? null,
      admission: (liberatedOn, engages) => admissionAfter(extract, { ...facts, liberatedOn, engages }),
    });
    if (liberation) liberations.push(liberation);
    previousSentences += 1 + (random.chance(0.2) ? random.int(1, 2) : 0);
  });
  extractRows(world, rows, extract, personId, liberations, custodies[0]?.sentencedOn ?? null);
}

function addName(rows: Rows, world: World, personId: string, firstName: string, lastName: string, isAlias: boolean): void {
  rows.person_name.push({
    id: world.ids.next(),
    programme_id: world.programmeId,
    person_id: personId,
    first_name: firstName,
    last_name: lastName,
    is_alias: isAlias,
    search_key: searchKey(firstName, lastName),
  });
}

/** Prison numbers: eight digits, unique for every index (a multiplication that is one-to-one modulo 10^8). */
export function syntheticPrisonNumber(index: number): string {
  return String((index * 7919) % 100_000_000).padStart(8, '0');
}
