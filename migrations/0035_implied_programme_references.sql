-- A person's names, prison numbers and sign-ups each refer to their person by (programme_id,
-- person_id), neither ever null, and the person refers to the programme: their own reference to the
-- programme could never refuse a row that the person's reference let in. PostgreSQL 15 checks each
-- reference of each inserted row with a query of its own, and these are the three tables an import
-- of sign-ups writes a row of for every person, so the three references cost an import of 20,000
-- sign-ups about 0.45 s of its 4 s of writes, and took a key-share lock on the programme's one row
-- for every row written (docs/imports.md, "Speed"). Each such table is still tied to its programme
-- (tests/integration/programme-keys.test.ts).
alter table person_name drop constraint person_name_programme_id_fkey;
alter table prison_number drop constraint prison_number_programme_id_fkey;
alter table episode drop constraint episode_programme_id_fkey;
