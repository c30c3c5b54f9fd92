-- Sign-ups imported in bulk (issue 13: 5,000 rows a second on PostgreSQL). Measured on 5,000 sign-ups
-- inserted in one statement, the engagement roll-up trigger took about half the insert, and nearly
-- all of that was turning every column of every new row into JSON (jsonb_agg of the transition rows)
-- and back into an episode record, to count twelve of them; the relinking of returns to custody ran an
-- update per new sign-up, even for people with no admission recorded.

-- 1. The roll-up is given only what it counts, as rows of this type, not as JSON of whole sign-ups.
create type engagement_rollup_row as (
  programme_id uuid,
  signed_up_on date,
  person_gender text,
  person_date_of_birth date,
  sentence_months numeric,
  previous_sentences integer,
  non_engagement_reason text,
  pre_release_visits integer,
  baseline_needs text[],
  baseline_months_out_of_work integer,
  engaged boolean,
  gate_status text
);

-- Adds (p_sign 1) or takes away (-1) the sign-ups' facts, a row per dimension (several for the needs
-- found; `value` is '' where the sign-up has none), to the daily and monthly roll-ups, in key order.
create function engagement_rollup_add(p_rows engagement_rollup_row[], p_sign integer) returns void
language sql as $$
  with facts as (
    select e.programme_id, e.signed_up_on, f.dimension, f.value,
      p_sign * count(*) as sign_ups, p_sign * count(*) filter (where e.engaged) as engaged,
      p_sign * count(*) filter (where e.gate_status = 'met') as gate_met
    from unnest(p_rows) e
    cross join lateral (
      values
        ('total', ''),
        ('gender', coalesce(e.person_gender, '')),
        ('age', coalesce(extract(year from age(e.signed_up_on::timestamp, e.person_date_of_birth::timestamp))::int::text, '')),
        ('sentence', e.sentence_months::text),
        ('previous', e.previous_sentences::text),
        ('reason', coalesce(e.non_engagement_reason, '')),
        ('visits', e.pre_release_visits::text),
        ('work', coalesce(e.baseline_months_out_of_work::text, ''))
      union all select 'assessed', '' where e.baseline_needs is not null
      union all select 'need', n from unnest(e.baseline_needs) n
    ) as f (dimension, value)
    group by 1, 2, 3, 4
  ),
  days as (
    insert into engagement_rollup as r (programme_id, signed_up_on, dimension, value, sign_ups, engaged, gate_met)
    select programme_id, signed_up_on, dimension, value, sign_ups, engaged, gate_met from facts
    order by 1, 2, 3, 4
    on conflict (programme_id, signed_up_on, dimension, value) do update
      set sign_ups = r.sign_ups + excluded.sign_ups, engaged = r.engaged + excluded.engaged, gate_met = r.gate_met + excluded.gate_met
  )
  insert into engagement_rollup_month as m (programme_id, month, dimension, value, sign_ups, engaged, gate_met)
  select programme_id, date_trunc('month', signed_up_on)::date, dimension, value, sum(sign_ups), sum(engaged), sum(gate_met)
  from facts
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (programme_id, month, dimension, value) do update
    set sign_ups = m.sign_ups + excluded.sign_ups, engaged = m.engaged + excluded.engaged, gate_met = m.gate_met + excluded.gate_met
$$;

create or replace function episode_rollup_inserted() returns trigger language plpgsql as $$
declare touched record;
begin
  perform engagement_rollup_add(array(
    select row(n.programme_id, n.signed_up_on, n.person_gender, n.person_date_of_birth, n.sentence_months, n.previous_sentences,
      n.non_engagement_reason, n.pre_release_visits, n.baseline_needs, n.baseline_months_out_of_work, n.engaged, n.gate_status)::engagement_rollup_row
    from new_rows n), 1);
  for touched in select programme_id, array_agg(distinct person_id) as people from new_rows group by programme_id loop
    perform refresh_previous_sign_ups(touched.programme_id, touched.people);
  end loop;
  return null;
end;
$$;

create or replace function episode_rollup_deleted() returns trigger language plpgsql as $$
declare touched record;
begin
  perform engagement_rollup_add(array(
    select row(o.programme_id, o.signed_up_on, o.person_gender, o.person_date_of_birth, o.sentence_months, o.previous_sentences,
      o.non_engagement_reason, o.pre_release_visits, o.baseline_needs, o.baseline_months_out_of_work, o.engaged, o.gate_status)::engagement_rollup_row
    from old_rows o), -1);
  for touched in select programme_id, array_agg(distinct person_id) as people from old_rows group by programme_id loop
    perform refresh_previous_sign_ups(touched.programme_id, touched.people);
  end loop;
  return null;
end;
$$;

-- As 0016: only the sign-ups whose counted facts changed are taken away and added again, and a
-- sign-up moved, redated or engaging (or no longer) refreshes its person's later sign-ups.
create or replace function episode_rollup_updated() returns trigger language plpgsql as $$
declare
  was engagement_rollup_row[];
  now_is engagement_rollup_row[];
  touched record;
begin
  select
    array_agg(row(o.programme_id, o.signed_up_on, o.person_gender, o.person_date_of_birth, o.sentence_months, o.previous_sentences,
      o.non_engagement_reason, o.pre_release_visits, o.baseline_needs, o.baseline_months_out_of_work, o.engaged, o.gate_status)::engagement_rollup_row),
    array_agg(row(n.programme_id, n.signed_up_on, n.person_gender, n.person_date_of_birth, n.sentence_months, n.previous_sentences,
      n.non_engagement_reason, n.pre_release_visits, n.baseline_needs, n.baseline_months_out_of_work, n.engaged, n.gate_status)::engagement_rollup_row)
  into was, now_is
  from old_rows o join new_rows n on n.id = o.id
  where (o.programme_id, o.person_id, o.signed_up_on, o.person_gender, o.person_date_of_birth, o.sentence_months,
         o.previous_sentences, o.non_engagement_reason, o.pre_release_visits, o.baseline_needs, o.baseline_months_out_of_work,
         o.engaged, o.gate_status)
    is distinct from (n.programme_id, n.person_id, n.signed_up_on, n.person_gender, n.person_date_of_birth, n.sentence_months,
         n.previous_sentences, n.non_engagement_reason, n.pre_release_visits, n.baseline_needs, n.baseline_months_out_of_work,
         n.engaged, n.gate_status);
  if was is null then return null; end if;
  perform engagement_rollup_add(was, -1);
  perform engagement_rollup_add(now_is, 1);
  for touched in
    select moved.programme_id, array_agg(distinct p.person_id) as people
    from (
      select o.programme_id, o.person_id, n.person_id as new_person_id from old_rows o join new_rows n on n.id = o.id
      where (o.person_id, o.signed_up_on, o.engaged) is distinct from (n.person_id, n.signed_up_on, n.engaged)
    ) moved
    cross join lateral (values (moved.person_id), (moved.new_person_id)) as p (person_id)
    group by moved.programme_id
  loop
    perform refresh_previous_sign_ups(touched.programme_id, touched.people);
  end loop;
  return null;
end;
$$;

drop function engagement_rollup_add(jsonb, integer);
drop function engagement_rollup_facts(episode);

-- 2. New sign-ups relink their people's admissions in one update per statement, not one per row.
create function episode_relink_inserted_custody_returns() returns trigger language plpgsql as $$
begin
  update custody_return r
  set episode_id = liberation_before(r.programme_id, r.person_id, coalesce(r.admitted_on, r.checked_on))
  from (select distinct programme_id, person_id from new_rows where liberated_on is not null) n
  where r.programme_id = n.programme_id and r.person_id = n.person_id;
  return null;
end;
$$;
drop trigger episode_relink_custody_returns on episode;
create trigger episode_relink_custody_returns after insert on episode referencing new table as new_rows
  for each statement execute function episode_relink_inserted_custody_returns();
