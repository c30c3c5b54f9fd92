-- Counting people engaged, at national scale. A person counts once as engaged in a period if any of
-- their sign-ups in it engaged. The report took off the engaged sign-ups beyond each person's first by
-- joining every person with more than one sign-up back to their sign-ups: 1.7 s for the whole
-- programme at a million people. Each sign-up now carries the date of the person's latest earlier
-- engaged sign-up (by date, then id): an engaged sign-up is the person's first engaged one in a
-- period exactly when that is none, or before the period starts.
alter table episode add column previous_engaged_on date;

create or replace function refresh_previous_sign_ups(p_programme_id uuid, p_people uuid[]) returns void
language sql as $$
  update episode e
  set previous_signed_up_on = o.previous, previous_engaged_on = o.previous_engaged
  from (
    select s.id,
      lag(s.signed_up_on) over w as previous,
      max(s.signed_up_on) filter (where s.engaged) over (w rows between unbounded preceding and 1 preceding) as previous_engaged
    from episode s
    where s.programme_id = p_programme_id and s.person_id = any(p_people)
    window w as (partition by s.person_id order by s.signed_up_on, s.id)
  ) o
  where e.programme_id = p_programme_id and e.id = o.id
    and (e.previous_signed_up_on, e.previous_engaged_on) is distinct from (o.previous, o.previous_engaged)
$$;

-- A sign-up that engages (or stops) changes the person's later sign-ups' previous_engaged_on.
create or replace function episode_rollup_updated() returns trigger language plpgsql as $$
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

update episode e
set previous_engaged_on = o.previous_engaged
from (
  select s.programme_id, s.id,
    max(s.signed_up_on) filter (where s.engaged)
      over (partition by s.programme_id, s.person_id order by s.signed_up_on, s.id rows between unbounded preceding and 1 preceding) as previous_engaged
  from episode s
) o
where e.programme_id = o.programme_id and e.id = o.id and o.previous_engaged is not null;

drop index episode_repeat_idx;
create index episode_repeat_idx on episode (programme_id, signed_up_on)
  include (person_id, previous_signed_up_on, previous_engaged_on, person_gender, person_date_of_birth, sentence_months, previous_sentences, non_engagement_reason, engaged)
  where previous_signed_up_on is not null;
