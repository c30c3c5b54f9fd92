-- What the prison service's extracts say of each liberation, kept on the sign-up by the database
-- (like first_contact_on), so the return-to-custody analysis, the funnel and the research extract read
-- two columns in one index-only pass instead of two look-ups per liberation. One definition,
-- refresh_liberation_follow_up():
-- - followed_to: the latest "as at" date of any extract with a row for the person (not in error);
-- - returned_on: the first admission linked to this liberation (liberation_before(), 0006/0010).
alter table episode
  add column followed_to date,
  add column returned_on date;

create function refresh_liberation_follow_up(p_programme_id uuid, p_people uuid[]) returns void
language sql as $$
  update episode e
  set followed_to = f.followed_to, returned_on = f.returned_on
  from (
    select s.id,
      (select max(r.checked_on) from custody_return r
        where r.programme_id = s.programme_id and r.person_id = s.person_id and r.entered_in_error_at is null) as followed_to,
      (select min(r.admitted_on) from custody_return r
        where r.programme_id = s.programme_id and r.episode_id = s.id and r.admitted_on is not null and r.entered_in_error_at is null) as returned_on
    from episode s
    join unnest(p_people) as touched (person_id) on touched.person_id = s.person_id
    where s.programme_id = p_programme_id
  ) f
  where e.programme_id = p_programme_id and e.id = f.id
    and (e.followed_to, e.returned_on) is distinct from (f.followed_to, f.returned_on)
$$;

-- Any change to the extract's rows (an import, its undo, a row marked in error, a merge moving rows,
-- a relink when a liberation is recorded) refreshes the people it touched, once per statement.
-- (Transition tables cannot be shared between events: one trigger each, one function.)
create function custody_return_refresh_follow_up() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform refresh_liberation_follow_up(programme_id, array_agg(distinct person_id)) from changed_new group by programme_id;
  elsif tg_op = 'DELETE' then
    perform refresh_liberation_follow_up(programme_id, array_agg(distinct person_id)) from changed_old group by programme_id;
  else
    perform refresh_liberation_follow_up(programme_id, array_agg(distinct person_id))
    from (select programme_id, person_id from changed_new union all select programme_id, person_id from changed_old) touched
    group by programme_id;
  end if;
  return null;
end;
$$;
create trigger custody_return_follow_up_insert after insert on custody_return
  referencing new table as changed_new for each statement execute function custody_return_refresh_follow_up();
create trigger custody_return_follow_up_update after update on custody_return
  referencing old table as changed_old new table as changed_new for each statement execute function custody_return_refresh_follow_up();
create trigger custody_return_follow_up_delete after delete on custody_return
  referencing old table as changed_old for each statement execute function custody_return_refresh_follow_up();

-- A liberation recorded or moved relinks its person's rows (0010), which refreshes them; a person
-- with no rows has nothing to refresh.

-- The sign-ups there are now.
select refresh_liberation_follow_up(programme_id, array_agg(distinct person_id)) from custody_return group by programme_id;

-- Liberations by date with everything the analysis reads.
drop index episode_liberation_idx;
create index episode_liberation_idx on episode (programme_id, liberated_on)
  include (id, person_id, signed_up_on, person_gender, person_date_of_birth, sentence_months, previous_sentences, pre_release_visits, engaged, gate_status, prison_id, team_id, followed_to, returned_on)
  where liberated_on is not null;
