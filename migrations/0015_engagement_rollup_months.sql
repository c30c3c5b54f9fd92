-- The engagement rollup by month as well as by day (0014). A national programme's daily rollup has
-- about 720,000 rows over eight years, and summing them all took the whole-programme report about
-- 1.9 s; whole months are read from this table (about 250 rows a month) and only the days at either
-- end of a period that do not make a whole month from the daily one.
create table engagement_rollup_month (
  programme_id uuid not null references programme (id),
  -- the first day of the month
  month date not null check (extract(day from month) = 1),
  dimension text not null,
  value text not null,
  sign_ups integer not null,
  engaged integer not null,
  gate_met integer not null,
  primary key (programme_id, month, dimension, value)
);

insert into engagement_rollup_month (programme_id, month, dimension, value, sign_ups, engaged, gate_met)
select programme_id, date_trunc('month', signed_up_on)::date, dimension, value, sum(sign_ups), sum(engaged), sum(gate_met)
from engagement_rollup
group by 1, 2, 3, 4;

-- The one place the rollup changes: both tables together, in key order.
create or replace function engagement_rollup_add(p_rows jsonb, p_sign integer) returns void
language sql as $$
  with facts as (
    select e.programme_id, e.signed_up_on, f.dimension, f.value,
      p_sign * count(*) as sign_ups, p_sign * count(*) filter (where e.engaged) as engaged,
      p_sign * count(*) filter (where e.gate_status = 'met') as gate_met
    from jsonb_populate_recordset(null::episode, p_rows) e
    cross join lateral engagement_rollup_facts(e) f
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
