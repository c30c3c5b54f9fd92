-- API tokens act only as the person who made them, expire, and have a scope (issue 12).
--
-- Until now an administrator made tokens for any user, and a token acted as that user: reads of
-- client records were logged under a caseworker's name though the caseworker never held the token.
-- Tokens made by one user for another are revoked here rather than kept: their holder is not the
-- person they act as, so no one can vouch for them, and keeping them would keep the finding open.
-- The person they acted as makes their own token (Your account, API tokens) if they need one.
-- Tokens users made for themselves stay, as read and write (what they could do before) and
-- expiring 90 days from this migration, so that none lives for ever.
update api_token set revoked_at = now() where created_by <> user_id and revoked_at is null;

alter table api_token
  add column scope text not null default 'read-write' check (scope in ('read', 'read-write')),
  -- The service always sets both; the default bounds any row written another way.
  add column expires_at timestamptz not null default now() + interval '90 days',
  -- A live token acts as the one who made it; only a revoked one (from before this rule) may differ.
  add constraint api_token_acts_as_its_maker check (created_by = user_id or revoked_at is not null);

-- The token an event was done with (null: a session, the command line, the system), so the audit
-- log names it. No foreign key: the audit log outlives what it names, as with record_id.
alter table audit_event add column api_token_id uuid;
create index audit_event_api_token_idx on audit_event (api_token_id, occurred_at desc) where api_token_id is not null;
