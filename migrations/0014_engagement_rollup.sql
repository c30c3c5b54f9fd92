-- The engagement report at national scale. Three facts are kept by the database instead of being
-- worked out per row on every request:
-- 1. each sign-up's baseline (its first assessment): how long the client had been out of work and the
--    needs it found (episode.baseline_*), kept as assessments change;
-- 2. the person's previous sign-up (episode.previous_signed_up_on, by date then id), so "the person's
--    first sign-up in a period" is a comparison, not a sort of the whole period;
-- 3. a daily rollup of sign-ups (engagement_rollup): for each day of sign-up, how many sign-ups had each
--    value of each thing the report groups by, how many of them engaged and met at the gate. The
--    report for a period with no other filter sums it; filtered reports still read the sign-ups.
-- Values are kept raw (an age in years, a number of visits), so the bands stay defined once, in
-- src/modules/reports/bands.ts.

-- 1. The baseline.
alter table episode
  add column baseline_months_out_of_work integer,
  -- null when the sign-up has no assessment; the domains of the needs its first assessment found
  add column baseline_needs text[];

create function refresh_episode_baseline(p_programme_id uuid, p_episode_ids uuid[]) returns void
language sql as $$
  update episode e
  set baseline_months_out_of_work = b.months_out_of_work, baseline_needs = b.needs
  from (
    select s.id, first.months_out_of_work,
      case when first.id is null then null
        else array(select n.domain from assessment_need n
                   where n.programme_id = s.programme_id and n.assessment_id = first.id order by n.domain) end as needs
    from episode s
    left join lateral (
      select a.id, a.months_out_of_work from assessment a
      where a.programme_id = s.programme_id and a.episode_id = s.id
      order by a.assessed_on, a.created_at, a.id limit 1
    ) first on true
    where s.programme_id = p_programme_id and s.id = any(p_episode_ids)
  ) b
  where e.programme_id = p_programme_id and e.id = b.id
    and (e.baseline_months_out_of_work, e.baseline_needs) is distinct from (b.months_out_of_work, b.needs)
$$;

-- One trigger function per event (a statement trigger sees only the transition tables it declared).
create function baseline_rows_inserted() returns trigger language plpgsql as $$
declare touched record;
begin
  for touched in select programme_id, array_agg(distinct episode_id) as episodes from new_rows group by programme_id loop
    perform refresh_episode_baseline(touched.programme_id, touched.episodes);
  end loop;
  return null;
end;
$$;
create function baseline_rows_deleted() returns trigger language plpgsql as $$
declare touched record;
begin
  for touched in select programme_id, array_agg(distinct episode_id) as episodes from old_rows group by programme_id loop
    perform refresh_episode_baseline(touched.programme_id, touched.episodes);
  end loop;
  return null;
end;
$$;
create function baseline_rows_updated() returns trigger language plpgsql as $$
declare touched record;
begin
  for touched in
    select programme_id, array_agg(distinct episode_id) as episodes
    from (select programme_id, episode_id from new_rows union all select programme_id, episode_id from old_rows) r
    group by programme_id
  loop
    perform refresh_episode_baseline(touched.programme_id, touched.episodes);
  end loop;
  return null;
end;
$$;
create trigger assessment_baseline_inserted after insert on assessment referencing new table as new_rows
  for each statement execute function baseline_rows_inserted();
create trigger assessment_baseline_deleted after delete on assessment referencing old table as old_rows
  for each statement execute function baseline_rows_deleted();
create trigger assessment_baseline_updated after update on assessment referencing old table as old_rows new table as new_rows
  for each statement execute function baseline_rows_updated();
create trigger assessment_need_baseline_inserted after insert on assessment_need referencing new table as new_rows
  for each statement execute function baseline_rows_inserted();
create trigger assessment_need_baseline_deleted after delete on assessment_need referencing old table as old_rows
  for each statement execute function baseline_rows_deleted();
create trigger assessment_need_baseline_updated after update on assessment_need referencing old table as old_rows new table as new_rows
  for each statement execute function baseline_rows_updated();

update episode e
set baseline_months_out_of_work = b.months_out_of_work,
  baseline_needs = coalesce((select array_agg(n.domain order by n.domain) from assessment_need n
                             where n.programme_id = b.programme_id and n.assessment_id = b.id), '{}')
from (
  select distinct on (a.programme_id, a.episode_id) a.programme_id, a.episode_id, a.id, a.months_out_of_work
  from assessment a
  order by a.programme_id, a.episode_id, a.assessed_on, a.created_at, a.id
) b
where e.programme_id = b.programme_id and e.id = b.episode_id;

-- 2. The person's previous sign-up.
alter table episode add column previous_signed_up_on date;

create function refresh_previous_sign_ups(p_programme_id uuid, p_people uuid[]) returns void
language sql as $$
  update episode e
  set previous_signed_up_on = o.previous
  from (
    select s.id, lag(s.signed_up_on) over (partition by s.person_id order by s.signed_up_on, s.id) as previous
    from episode s
    where s.programme_id = p_programme_id and s.person_id = any(p_people)
  ) o
  where e.programme_id = p_programme_id and e.id = o.id and e.previous_signed_up_on is distinct from o.previous
$$;

update episode e
set previous_signed_up_on = o.previous
from (
  select s.programme_id, s.id, lag(s.signed_up_on) over (partition by s.programme_id, s.person_id order by s.signed_up_on, s.id) as previous
  from episode s
) o
where e.programme_id = o.programme_id and e.id = o.id and o.previous is not null;

-- 3. The daily rollup. `value` is '' where the sign-up has none (not recorded).
create table engagement_rollup (
  programme_id uuid not null references programme (id),
  signed_up_on date not null,
  dimension text not null check (dimension in ('total', 'gender', 'age', 'sentence', 'previous', 'reason', 'visits', 'assessed', 'need', 'work')),
  value text not null,
  sign_ups integer not null,
  engaged integer not null,
  gate_met integer not null,
  primary key (programme_id, signed_up_on, dimension, value)
);

-- What one sign-up adds to the rollup: a row per dimension (several for the needs found). PL/pgSQL,
-- so that the planner calls it rather than inlining it (inlined, it trips a planner error).
create function engagement_rollup_facts(e episode) returns table (dimension text, value text)
language plpgsql immutable as $$
begin
  return query
    select 'total', ''
    union all select 'gender', coalesce(e.person_gender, '')
    union all select 'age', coalesce(extract(year from age(e.signed_up_on::timestamp, e.person_date_of_birth::timestamp))::int::text, '')
    union all select 'sentence', e.sentence_months::text
    union all select 'previous', e.previous_sentences::text
    union all select 'reason', coalesce(e.non_engagement_reason, '')
    union all select 'visits', e.pre_release_visits::text
    union all select 'assessed', '' where e.baseline_needs is not null
    union all select 'need', n from unnest(e.baseline_needs) n
    union all select 'work', coalesce(e.baseline_months_out_of_work::text, '');
end;
$$;

-- Adds (p_sign 1) or takes away (-1) the sign-ups' facts (the rows as JSON: a trigger's transition
-- rows are anonymous records), in key order, so concurrent writers lock rollup rows in one order.
create function engagement_rollup_add(p_rows jsonb, p_sign integer) returns void
language sql as $$
  insert into engagement_rollup as r (programme_id, signed_up_on, dimension, value, sign_ups, engaged, gate_met)
  select e.programme_id, e.signed_up_on, f.dimension, f.value,
    p_sign * count(*), p_sign * count(*) filter (where e.engaged), p_sign * count(*) filter (where e.gate_status = 'met')
  from jsonb_populate_recordset(null::episode, p_rows) e
  cross join lateral engagement_rollup_facts(e) f
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (programme_id, signed_up_on, dimension, value) do update
    set sign_ups = r.sign_ups + excluded.sign_ups, engaged = r.engaged + excluded.engaged, gate_met = r.gate_met + excluded.gate_met
$$;

create function episode_rollup_inserted() returns trigger language plpgsql as $$
declare touched record;
begin
  perform engagement_rollup_add((select jsonb_agg(n) from new_rows n), 1);
  for touched in select programme_id, array_agg(distinct person_id) as people from new_rows group by programme_id loop
    perform refresh_previous_sign_ups(touched.programme_id, touched.people);
  end loop;
  return null;
end;
$$;
create function episode_rollup_deleted() returns trigger language plpgsql as $$
declare touched record;
begin
  perform engagement_rollup_add((select jsonb_agg(o) from old_rows o), -1);
  for touched in select programme_id, array_agg(distinct person_id) as people from old_rows group by programme_id loop
    perform refresh_previous_sign_ups(touched.programme_id, touched.people);
  end loop;
  return null;
end;
$$;
-- Only the sign-ups whose counted facts changed are taken away and added again: an update that
-- changes none of them (a contact moving last_contact_on, say) costs one comparison.
create function episode_rollup_updated() returns trigger language plpgsql as $$
declare
  was jsonb;
  now_is jsonb;
  touched record;
begin
  select jsonb_agg(o), jsonb_agg(n) into was, now_is
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
      where (o.person_id, o.signed_up_on) is distinct from (n.person_id, n.signed_up_on)
    ) moved
    cross join lateral (values (moved.person_id), (moved.new_person_id)) as p (person_id)
    group by moved.programme_id
  loop
    perform refresh_previous_sign_ups(touched.programme_id, touched.people);
  end loop;
  return null;
end;
$$;
create trigger episode_rollup_inserted after insert on episode referencing new table as new_rows
  for each statement execute function episode_rollup_inserted();
create trigger episode_rollup_deleted after delete on episode referencing old table as old_rows
  for each statement execute function episode_rollup_deleted();
create trigger episode_rollup_updated after update on episode referencing old table as old_rows new table as new_rows
  for each statement execute function episode_rollup_updated();

insert into engagement_rollup (programme_id, signed_up_on, dimension, value, sign_ups, engaged, gate_met)
select e.programme_id, e.signed_up_on, f.dimension, f.value,
  count(*), count(*) filter (where e.engaged), count(*) filter (where e.gate_status = 'met')
from episode e
cross join lateral engagement_rollup_facts(e) f
group by 1, 2, 3, 4;

-- The sign-ups of a period that are not their person's first in it: the few rows the report corrects
-- its count of people with.
create index episode_repeat_idx on episode (programme_id, signed_up_on)
  include (person_id, previous_signed_up_on, person_gender, person_date_of_birth, sentence_months, previous_sentences, non_engagement_reason, engaged)
  where previous_signed_up_on is not null;
