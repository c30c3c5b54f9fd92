-- Two ways a large import went quadratic, found profiling 20,000 sign-ups on PostgreSQL 15.
--
-- 1. refresh_previous_sign_ups (run once per insert statement of sign-ups) joined every sign-up of
-- the touched people to its own window query. When the statistics said the sign-ups table was
-- nearly empty (taken before the import's first rows went in), PostgreSQL planned that join as a
-- nested loop that ran the window query again for each sign-up: 1,500 sign-ups took 1.9 s, not
-- 20 ms, and an import that could not refresh the statistics (below) paid it for every chunk, more
-- each time: 20,000 sign-ups took 180 s. The sign-ups whose previous sign-up changes are now found
-- in one pass, kept (materialized), and only they are joined to the rows updated: most often none.
create or replace function refresh_previous_sign_ups(p_programme_id uuid, p_people uuid[]) returns void
language sql as $$
  with changed as materialized (
    select o.id, o.previous, o.previous_engaged
    from (
      select s.id, s.previous_signed_up_on, s.previous_engaged_on,
        lag(s.signed_up_on) over w as previous,
        max(s.signed_up_on) filter (where s.engaged) over (w rows between unbounded preceding and 1 preceding) as previous_engaged
      from episode s
      where s.programme_id = p_programme_id and s.person_id = any(p_people)
      window w as (partition by s.person_id order by s.signed_up_on, s.id)
    ) o
    where (o.previous_signed_up_on, o.previous_engaged_on) is distinct from (o.previous, o.previous_engaged)
  )
  update episode e
  set previous_signed_up_on = c.previous, previous_engaged_on = c.previous_engaged
  from changed c
  where e.programme_id = p_programme_id and e.id = c.id
$$;

-- 2. An import refreshes the statistics of the tables it writes as they grow, inside its own
-- transaction, so that its later queries are planned for the rows it has written. PostgreSQL 15 lets
-- only a table's owner analyse it, and the service's role owns nothing: in production the import's
-- `analyze` did nothing but warn in the server log. analyse_table runs it as the owner, for a table
-- of this schema only; analysing changes no data.
create or replace function analyse_table(p_table text) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if not exists (select from pg_tables where schemaname = 'public' and tablename = p_table) then
    raise exception 'there is no table %', p_table using errcode = 'undefined_table';
  end if;
  execute format('analyze public.%I', p_table);
end;
$$;
-- A security definer function is callable by every role unless taken away: only the owner, and the
-- service's role the migrate step grants (src/db/roles.ts), may call this one.
revoke all on function analyse_table(text) from public;
