-- A sign-up's copy of its person's gender and date of birth (migration 0004) was read from the person
-- by a row trigger for every sign-up inserted: a query per row, a quarter of a second of every 20,000
-- sign-ups an import writes (PostgreSQL 15). An import knows the facts of the people it creates, so
-- it now gives them with their sign-ups, and the database checks them for the whole statement at once.
-- A sign-up inserted without them (a sign-up made on a page, or by an import for someone already
-- recorded) still takes them from its person row by row, as does a sign-up moved to another person.
drop trigger episode_person_facts on episode;

-- The person's row is now read for share: their gender or date of birth cannot change until the
-- sign-up's transaction ends, so the check below (a later snapshot) sees what was copied, and an
-- edit of the person waits, then copies its new facts onto the sign-up (person_facts_changed).
create or replace function episode_person_facts() returns trigger language plpgsql as $$
declare
  merged uuid;
begin
  select p.gender, p.date_of_birth, p.merged_into into new.person_gender, new.person_date_of_birth, merged
  from person p
  where p.id = new.person_id
  for share;
  if merged is not null then
    raise exception 'person % has been merged into another record', new.person_id using errcode = 'check_violation';
  end if;
  return new;
end;
$$;

create trigger episode_person_facts before insert on episode
  for each row when (new.person_gender is null and new.person_date_of_birth is null)
  execute function episode_person_facts();

create trigger episode_person_moved before update of person_id on episode
  for each row execute function episode_person_facts();

-- Every sign-up of the statement, given its person's facts or not, must carry them as the person's
-- record has them, and belong to a person not merged into another record.
create function episode_person_facts_given() returns trigger language plpgsql as $$
declare
  wrong record;
begin
  select n.person_id, p.merged_into into wrong
  from new_rows n
  join person p on p.programme_id = n.programme_id and p.id = n.person_id
  where p.merged_into is not null
    or n.person_gender is distinct from p.gender
    or n.person_date_of_birth is distinct from p.date_of_birth
  limit 1;
  if not found then
    return null;
  end if;
  if wrong.merged_into is not null then
    raise exception 'person % has been merged into another record', wrong.person_id using errcode = 'check_violation';
  end if;
  raise exception 'a sign-up of person % does not carry their gender and date of birth as recorded', wrong.person_id
    using errcode = 'check_violation';
end;
$$;

create trigger episode_person_facts_given after insert on episode
  referencing new table as new_rows
  for each statement execute function episode_person_facts_given();
