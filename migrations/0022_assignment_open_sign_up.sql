-- The caseload lists and home pages start from a worker's current assignments. Assignments stay
-- current when a sign-up closes (the caseload's "Closed" stage lists them), so over the years a
-- coach's current assignments are mostly of closed sign-ups: 4,559 of 4,810 for the benchmark's
-- community coach at 1M people, and every list looked each one up in episode to find the 251 open.
-- Each assignment now keeps whether its sign-up is open, and the worker index finds a worker's open
-- ones, or closed ones, without reading the sign-ups.

alter table assignment add column sign_up_open boolean not null default true;

update assignment a set sign_up_open = false
from episode e
where e.programme_id = a.programme_id and e.id = a.episode_id and e.closed_on is not null;

drop index assignment_worker_idx;
create index assignment_worker_idx on assignment (programme_id, worker_id, sign_up_open, episode_id)
  where to_on is null;

-- A new assignment takes its sign-up's state (one made for a closed sign-up, by an import or a restore).
create function assignment_take_sign_up_state() returns trigger language plpgsql as $$
begin
  new.sign_up_open := not exists (
    select 1 from episode e
    where e.programme_id = new.programme_id and e.id = new.episode_id and e.closed_on is not null);
  return new;
end;
$$;
create trigger assignment_sign_up_state before insert or update of episode_id on assignment
  for each row execute function assignment_take_sign_up_state();

-- Closing or reopening a sign-up passes to its assignments.
create function episode_pass_open_to_assignments() returns trigger language plpgsql as $$
begin
  update assignment set sign_up_open = (new.closed_on is null)
  where programme_id = new.programme_id and episode_id = new.id and sign_up_open is distinct from (new.closed_on is null);
  return null;
end;
$$;
create trigger episode_open_to_assignments after update of closed_on on episode
  for each row when ((old.closed_on is null) is distinct from (new.closed_on is null))
  execute function episode_pass_open_to_assignments();
