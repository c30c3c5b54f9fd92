-- As migration 0035 did for a person's names, prison numbers and sign-ups: each of these tables
-- refers by (programme_id, ...) to a row that is never null and is itself tied to the programme (a
-- visit, contact, outcome or assignment to its sign-up, a return to custody to its person, a family
-- to its team, a family's records to their family), so its own reference to the programme could
-- never refuse a row that reference let in. Imports write these rows in bulk (life coaches and
-- visits counted on a sign-up, contacts, outcomes, returns to custody, family support), and
-- PostgreSQL 15 checks each reference of each row with a query of its own: about 0.1 s per 20,000
-- rows for each. Each table is still tied to its programme (tests/integration/programme-keys.test.ts).
alter table assignment drop constraint assignment_programme_id_fkey;
alter table contact drop constraint contact_programme_id_fkey;
alter table custody_return drop constraint custody_return_programme_id_fkey;
alter table family drop constraint family_programme_id_fkey;
alter table family_client drop constraint family_client_programme_id_fkey;
alter table family_member drop constraint family_member_programme_id_fkey;
alter table family_outcome drop constraint family_outcome_programme_id_fkey;
alter table family_referral drop constraint family_referral_programme_id_fkey;
alter table family_support drop constraint family_support_programme_id_fkey;
alter table family_support_member drop constraint family_support_member_programme_id_fkey;
alter table outcome drop constraint outcome_programme_id_fkey;
alter table pre_release_visit drop constraint pre_release_visit_programme_id_fkey;
