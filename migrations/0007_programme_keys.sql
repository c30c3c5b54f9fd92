-- Programme-safe keys. Every table of programme data is keyed (programme_id, id), and every reference
-- between programme tables names programme_id on both sides, so the database itself refuses a row of
-- one programme pointing at a row of another (a contact of programme A on a sign-up of programme B).
-- The codes of the configurable lists (contact types, need domains, reasons...) are checked against
-- the programme's own list the same way. These keys are also what would let the tables be distributed
-- by programme_id (docs/scaling.md); tests/integration/programme-keys.test.ts reads the catalogue and
-- fails when a table or reference added later leaves programme_id out.
--
-- In four steps, because a key cannot change while references point at it:
--   1. the references between programme tables come off;
--   2. codes that no list holds are added to their lists, as inactive entries;
--   3. each table is re-keyed (programme_id, id), keeping an index on id alone for lookups by id, and
--      each code column gets a generated column naming its list;
--   4. the references go back on, composite, and are checked against every existing row.
-- At a million people (1.15 million sign-ups, 8.7 million contacts) this took under four minutes on two
-- cores: mostly rewriting the tables that gain a list column, and checking each reference.
-- None of the references had ON UPDATE or ON DELETE actions, and none has now. A database holding a
-- cross-programme reference fails step 4 with the constraint and the row's key in the message: such a
-- row is a mistake to put right by hand before migrating.
--
-- Exceptions, each kept on purpose (the test lists them with the same reasons):
--   user_session  stays keyed by token_hash: a session is only ever found by the hash of the cookie's
--                 token, which carries no programme, and that hash must be unique over the database;
--                 (programme_id, token_hash) would be a second index that nothing reads.
--   audit_event   keeps its identity key: events with no programme exist (a failed sign-in for an
--                 unknown email), and a key column cannot be null. Its reference to the actor is
--                 composite, and an actor always comes with a programme (a check below).
--   sign_in_failure has no programme_id: failures are counted by address, over all programmes, often
--                 for no known account, and kept a day. Its user_id still refers to app_user (id),
--                 which stays unique for it (app_user_id_key).


-- 1. References between programme tables come off. References to programme (id) and to
--    assignment_part (code) stay as they are.

alter table api_token
  drop constraint api_token_created_by_fkey,
  drop constraint api_token_user_id_fkey;
alter table app_user
  drop constraint app_user_team_id_fkey;
-- assessment's single-column references have had composite twins since 0006: only the twins stay.
alter table assessment
  drop constraint assessment_assessed_by_fkey,
  drop constraint assessment_episode_id_fkey,
  drop constraint assessment_programme_assessed_by_fkey,
  drop constraint assessment_programme_episode_fkey;
alter table assignment
  drop constraint assignment_import_id_fkey,
  drop constraint assignment_programme_id_assigned_by_fkey,
  drop constraint assignment_programme_id_ended_by_fkey,
  drop constraint assignment_programme_id_episode_id_fkey,
  drop constraint assignment_programme_id_worker_id_fkey;
alter table audit_event
  drop constraint audit_event_actor_user_id_fkey;
alter table contact
  drop constraint contact_created_by_fkey,
  drop constraint contact_episode_id_fkey,
  drop constraint contact_import_id_fkey,
  drop constraint contact_in_error_by_fkey,
  drop constraint contact_updated_by_fkey,
  drop constraint contact_worker_id_fkey;
alter table custody_return
  drop constraint custody_return_created_by_fkey,
  drop constraint custody_return_episode_fkey,
  drop constraint custody_return_import_id_fkey,
  drop constraint custody_return_person_id_fkey;
alter table day_one_appointment
  drop constraint day_one_appointment_created_by_fkey,
  drop constraint day_one_appointment_episode_id_fkey,
  drop constraint day_one_appointment_in_error_by_fkey,
  drop constraint day_one_appointment_updated_by_fkey;
alter table episode
  drop constraint episode_eligibility_override_by_fkey,
  drop constraint episode_import_id_fkey,
  drop constraint episode_person_id_fkey,
  drop constraint episode_prison_id_fkey,
  drop constraint episode_team_id_fkey;
alter table import_batch
  drop constraint import_batch_imported_by_fkey,
  drop constraint import_batch_undone_by_fkey,
  drop constraint import_batch_uploaded_by_fkey;
alter table local_authority
  drop constraint local_authority_area_id_fkey;
alter table need
  drop constraint need_episode_id_fkey;
alter table need_status_change
  drop constraint need_status_change_changed_by_fkey,
  drop constraint need_status_change_need_id_fkey;
alter table outcome
  drop constraint outcome_created_by_fkey,
  drop constraint outcome_episode_id_fkey,
  drop constraint outcome_import_id_fkey;
alter table person
  drop constraint person_created_by_fkey,
  drop constraint person_import_id_fkey,
  drop constraint person_local_authority_id_fkey,
  drop constraint person_merged_into_fkey,
  drop constraint person_team_id_fkey;
alter table person_merge
  drop constraint person_merge_kept_person_id_fkey,
  drop constraint person_merge_merged_by_fkey,
  drop constraint person_merge_merged_person_id_fkey,
  drop constraint person_merge_undone_by_fkey;
alter table person_name
  drop constraint person_name_import_id_fkey,
  drop constraint person_name_person_id_fkey;
alter table plan_action
  drop constraint plan_action_created_by_fkey,
  drop constraint plan_action_episode_id_fkey,
  drop constraint plan_action_in_error_by_fkey,
  drop constraint plan_action_updated_by_fkey;
alter table pre_release_visit
  drop constraint pre_release_visit_created_by_fkey,
  drop constraint pre_release_visit_episode_id_fkey,
  drop constraint pre_release_visit_import_id_fkey,
  drop constraint pre_release_visit_in_error_by_fkey,
  drop constraint pre_release_visit_updated_by_fkey,
  drop constraint pre_release_visit_worker_id_fkey;
alter table prison_number
  drop constraint prison_number_import_id_fkey,
  drop constraint prison_number_person_id_fkey;
alter table record_change
  drop constraint record_change_programme_id_changed_by_fkey,
  drop constraint record_change_programme_id_episode_id_fkey;
alter table sign_in_failure
  drop constraint sign_in_failure_user_id_fkey;
alter table team
  drop constraint team_area_id_fkey;
alter table user_session
  drop constraint user_session_user_id_fkey;


-- 2. Codes checked by the database (the references in step 4). A code column refers to its
--    programme's list through choice (programme_id, list, code), already unique, with a stored
--    generated column holding the list's name (step 3): it can never be written or differ from row to
--    row, the export reads it and a restore leaves it to the database, like every generated column. A
--    null code (no liberation yet) is not checked. episode.person_gender is not checked again: the
--    triggers of 0004 copy it from person.gender, which is.
--
--    Nothing checked these codes until now, so a row may hold a code its list lacks (a list edited by
--    hand, data from before the lists). Rather than refuse to migrate, such a code is added to its list
--    as an inactive entry labelled with the code itself: nothing is lost, rows show what they showed,
--    forms do not offer it, and an administrator can give it a label (or make it active) in the
--    settings. The demo and synthetic data use only their lists' codes.

insert into choice (programme_id, list, code, label, sort_order, active)
select used.programme_id, used.list, used.code, used.code, 1000, false
from (
  select programme_id, 'contact_type' as list, contact_type as code from contact group by programme_id, contact_type
  union select programme_id, 'liberation_type', liberation_type from episode where liberation_type is not null group by programme_id, liberation_type
  union select programme_id, 'non_engagement_reason', non_engagement_reason from episode where non_engagement_reason is not null group by programme_id, non_engagement_reason
  union select programme_id, 'closure_reason', closure_reason from episode where closure_reason is not null group by programme_id, closure_reason
  union select programme_id, 'gender', gender from person where gender is not null group by programme_id, gender
  union select programme_id, 'need_domain', domain from need group by programme_id, domain
  union select programme_id, 'need_domain', domain from plan_action group by programme_id, domain
  union select programme_id, 'need_domain', domain from assessment_need group by programme_id, domain
  union select programme_id, 'outcome_type', outcome_type from outcome group by programme_id, outcome_type
) used
where not exists (
  select 1 from choice c
  where c.programme_id = used.programme_id and c.list = used.list and c.code = used.code
);


-- 3. Keys. Each table keyed by id alone is keyed (programme_id, id), and keeps a plain (not unique)
--    index on id: pages, joins and the triggers of 0002 and 0004 still find rows by id alone (a
--    person by id in a merge, a sign-up by id when its contacts change...), and that index is the old
--    key's index made again, so no plan gets slower. Plain, not unique, because a unique index without
--    programme_id is what distributing a table by programme_id cannot have (docs/scaling.md).
--    assessment, assessment_need, assignment, import_mapping and record_change were keyed with
--    programme_id first from the start; user_session and audit_event are the exceptions above.
--    A table that gains a list column is rewritten, with all its indexes, in the same statement that
--    changes its key, so that the new key is built once.

alter table area drop constraint area_pkey, add constraint area_pkey primary key (programme_id, id);
create index area_id_idx on area (id);

alter table local_authority drop constraint local_authority_pkey, add constraint local_authority_pkey primary key (programme_id, id);
create index local_authority_id_idx on local_authority (id);

alter table prison drop constraint prison_pkey, add constraint prison_pkey primary key (programme_id, id);
create index prison_id_idx on prison (id);

alter table team drop constraint team_pkey, add constraint team_pkey primary key (programme_id, id);
create index team_id_idx on team (id);

-- app_user (programme_id, id) was made unique by 0006 for the references it added: the key replaces it.
-- Its id stays unique as well, for sign_in_failure's reference (see the exceptions above): users are
-- few, and the sign-in looks them up by email over every programme anyway.
alter table app_user
  drop constraint app_user_programme_id_key,
  drop constraint app_user_pkey,
  add constraint app_user_pkey primary key (programme_id, id),
  add constraint app_user_id_key unique (id);

alter table api_token drop constraint api_token_pkey, add constraint api_token_pkey primary key (programme_id, id);
create index api_token_id_idx on api_token (id);

alter table choice drop constraint choice_pkey, add constraint choice_pkey primary key (programme_id, id);
create index choice_id_idx on choice (id);

alter table import_batch drop constraint import_batch_pkey, add constraint import_batch_pkey primary key (programme_id, id);
create index import_batch_id_idx on import_batch (id);

alter table person
  drop constraint person_pkey,
  add constraint person_pkey primary key (programme_id, id),
  add column gender_list text not null generated always as ('gender') stored;
create index person_id_idx on person (id);

alter table person_name drop constraint person_name_pkey, add constraint person_name_pkey primary key (programme_id, id);
create index person_name_id_idx on person_name (id);

alter table prison_number drop constraint prison_number_pkey, add constraint prison_number_pkey primary key (programme_id, id);
create index prison_number_id_idx on prison_number (id);

-- episode (programme_id, id) was made unique by 0006 too: the key replaces it.
alter table episode
  drop constraint episode_programme_id_key,
  drop constraint episode_pkey,
  add constraint episode_pkey primary key (programme_id, id),
  add column liberation_type_list text not null generated always as ('liberation_type') stored,
  add column non_engagement_reason_list text not null generated always as ('non_engagement_reason') stored,
  add column closure_reason_list text not null generated always as ('closure_reason') stored;
create index episode_id_idx on episode (id);

alter table pre_release_visit drop constraint pre_release_visit_pkey, add constraint pre_release_visit_pkey primary key (programme_id, id);
create index pre_release_visit_id_idx on pre_release_visit (id);

alter table day_one_appointment drop constraint day_one_appointment_pkey, add constraint day_one_appointment_pkey primary key (programme_id, id);
create index day_one_appointment_id_idx on day_one_appointment (id);

alter table contact
  drop constraint contact_pkey,
  add constraint contact_pkey primary key (programme_id, id),
  add column contact_type_list text not null generated always as ('contact_type') stored;
create index contact_id_idx on contact (id);

alter table need
  drop constraint need_pkey,
  add constraint need_pkey primary key (programme_id, id),
  add column domain_list text not null generated always as ('need_domain') stored;
create index need_id_idx on need (id);

-- need_status_change is history read by need (need_status_change_need_idx), never by its own id: no
-- index on id alone.
alter table need_status_change drop constraint need_status_change_pkey, add constraint need_status_change_pkey primary key (programme_id, id);

alter table plan_action
  drop constraint plan_action_pkey,
  add constraint plan_action_pkey primary key (programme_id, id),
  add column domain_list text not null generated always as ('need_domain') stored;
create index plan_action_id_idx on plan_action (id);

alter table person_merge drop constraint person_merge_pkey, add constraint person_merge_pkey primary key (programme_id, id);
create index person_merge_id_idx on person_merge (id);

alter table outcome
  drop constraint outcome_pkey,
  add constraint outcome_pkey primary key (programme_id, id),
  add column outcome_type_list text not null generated always as ('outcome_type') stored;
create index outcome_id_idx on outcome (id);

alter table custody_return drop constraint custody_return_pkey, add constraint custody_return_pkey primary key (programme_id, id);
create index custody_return_id_idx on custody_return (id);

-- assessment_need keeps its key (programme_id, assessment_id, domain); it gains its list column only.
alter table assessment_need add column domain_list text not null generated always as ('need_domain') stored;


-- 4. References, composite: (programme_id, x_id) -> target (programme_id, id), and the codes'
--    (programme_id, x_list, x) -> choice (programme_id, list, code). A reference that existed keeps its
--    name, so a refusal names the same reference as before.

alter table local_authority
  add constraint local_authority_area_id_fkey foreign key (programme_id, area_id) references area (programme_id, id);
alter table team
  add constraint team_area_id_fkey foreign key (programme_id, area_id) references area (programme_id, id);
alter table app_user
  add constraint app_user_team_id_fkey foreign key (programme_id, team_id) references team (programme_id, id);
alter table user_session
  add constraint user_session_user_id_fkey foreign key (programme_id, user_id) references app_user (programme_id, id);
alter table api_token
  add constraint api_token_user_id_fkey foreign key (programme_id, user_id) references app_user (programme_id, id),
  add constraint api_token_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id);
alter table sign_in_failure
  add constraint sign_in_failure_user_id_fkey foreign key (user_id) references app_user (id);

-- The audit log: programme_id is null only for events with no programme, which have no actor either
-- (a failed sign-in names a known account's programme). The check makes sure of it, so the composite
-- reference below (which is not checked when programme_id is null) always is.
alter table audit_event
  add constraint audit_event_actor_has_programme check (actor_user_id is null or programme_id is not null),
  add constraint audit_event_actor_user_id_fkey foreign key (programme_id, actor_user_id) references app_user (programme_id, id);

alter table import_batch
  add constraint import_batch_uploaded_by_fkey foreign key (programme_id, uploaded_by) references app_user (programme_id, id),
  add constraint import_batch_imported_by_fkey foreign key (programme_id, imported_by) references app_user (programme_id, id),
  add constraint import_batch_undone_by_fkey foreign key (programme_id, undone_by) references app_user (programme_id, id);

alter table person
  add constraint person_gender_fkey foreign key (programme_id, gender_list, gender) references choice (programme_id, list, code),
  add constraint person_local_authority_id_fkey foreign key (programme_id, local_authority_id) references local_authority (programme_id, id),
  add constraint person_team_id_fkey foreign key (programme_id, team_id) references team (programme_id, id),
  add constraint person_merged_into_fkey foreign key (programme_id, merged_into) references person (programme_id, id),
  add constraint person_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint person_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table person_name
  add constraint person_name_person_id_fkey foreign key (programme_id, person_id) references person (programme_id, id),
  add constraint person_name_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table prison_number
  add constraint prison_number_person_id_fkey foreign key (programme_id, person_id) references person (programme_id, id),
  add constraint prison_number_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table person_merge
  add constraint person_merge_kept_person_id_fkey foreign key (programme_id, kept_person_id) references person (programme_id, id),
  add constraint person_merge_merged_person_id_fkey foreign key (programme_id, merged_person_id) references person (programme_id, id),
  add constraint person_merge_merged_by_fkey foreign key (programme_id, merged_by) references app_user (programme_id, id),
  add constraint person_merge_undone_by_fkey foreign key (programme_id, undone_by) references app_user (programme_id, id);

alter table episode
  add constraint episode_person_id_fkey foreign key (programme_id, person_id) references person (programme_id, id),
  add constraint episode_prison_id_fkey foreign key (programme_id, prison_id) references prison (programme_id, id),
  add constraint episode_team_id_fkey foreign key (programme_id, team_id) references team (programme_id, id),
  add constraint episode_eligibility_override_by_fkey foreign key (programme_id, eligibility_override_by) references app_user (programme_id, id),
  add constraint episode_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id),
  add constraint episode_liberation_type_fkey foreign key (programme_id, liberation_type_list, liberation_type) references choice (programme_id, list, code),
  add constraint episode_non_engagement_reason_fkey foreign key (programme_id, non_engagement_reason_list, non_engagement_reason) references choice (programme_id, list, code),
  add constraint episode_closure_reason_fkey foreign key (programme_id, closure_reason_list, closure_reason) references choice (programme_id, list, code);
alter table assignment
  add constraint assignment_programme_id_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint assignment_programme_id_worker_id_fkey foreign key (programme_id, worker_id) references app_user (programme_id, id),
  add constraint assignment_programme_id_assigned_by_fkey foreign key (programme_id, assigned_by) references app_user (programme_id, id),
  add constraint assignment_programme_id_ended_by_fkey foreign key (programme_id, ended_by) references app_user (programme_id, id),
  add constraint assignment_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table pre_release_visit
  add constraint pre_release_visit_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint pre_release_visit_worker_id_fkey foreign key (programme_id, worker_id) references app_user (programme_id, id),
  add constraint pre_release_visit_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint pre_release_visit_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id),
  add constraint pre_release_visit_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  add constraint pre_release_visit_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table day_one_appointment
  add constraint day_one_appointment_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint day_one_appointment_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint day_one_appointment_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id),
  add constraint day_one_appointment_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id);
alter table contact
  add constraint contact_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint contact_contact_type_fkey foreign key (programme_id, contact_type_list, contact_type) references choice (programme_id, list, code),
  add constraint contact_worker_id_fkey foreign key (programme_id, worker_id) references app_user (programme_id, id),
  add constraint contact_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint contact_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id),
  add constraint contact_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  add constraint contact_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table need
  add constraint need_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint need_domain_fkey foreign key (programme_id, domain_list, domain) references choice (programme_id, list, code);
alter table need_status_change
  add constraint need_status_change_need_id_fkey foreign key (programme_id, need_id) references need (programme_id, id),
  add constraint need_status_change_changed_by_fkey foreign key (programme_id, changed_by) references app_user (programme_id, id);
alter table assessment
  add constraint assessment_programme_episode_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint assessment_programme_assessed_by_fkey foreign key (programme_id, assessed_by) references app_user (programme_id, id);
-- assessment_need's reference to its assessment (programme_id, assessment_id, episode_id) stays as 0006 made it.
alter table assessment_need
  add constraint assessment_need_domain_fkey foreign key (programme_id, domain_list, domain) references choice (programme_id, list, code);
alter table plan_action
  add constraint plan_action_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint plan_action_domain_fkey foreign key (programme_id, domain_list, domain) references choice (programme_id, list, code),
  add constraint plan_action_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint plan_action_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id),
  add constraint plan_action_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id);
alter table outcome
  add constraint outcome_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint outcome_outcome_type_fkey foreign key (programme_id, outcome_type_list, outcome_type) references choice (programme_id, list, code),
  add constraint outcome_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint outcome_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table custody_return
  add constraint custody_return_person_id_fkey foreign key (programme_id, person_id) references person (programme_id, id),
  add constraint custody_return_episode_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint custody_return_created_by_fkey foreign key (programme_id, created_by) references app_user (programme_id, id),
  add constraint custody_return_import_id_fkey foreign key (programme_id, import_id) references import_batch (programme_id, id);
alter table record_change
  add constraint record_change_programme_id_episode_id_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint record_change_programme_id_changed_by_fkey foreign key (programme_id, changed_by) references app_user (programme_id, id);
