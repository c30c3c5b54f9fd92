-- The caseload lists' "next" column (and the home page's overdue actions): a sign-up's open plan
-- actions with a due date, earliest first, found without reading its done, dropped or in-error ones.
create index plan_action_open_due_idx on plan_action (programme_id, episode_id, due_on)
  where status = 'open' and entered_in_error_at is null and due_on is not null;
