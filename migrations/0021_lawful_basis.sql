-- Issue 12, items 8 and 10.

-- 8. Searches are audited with the ids of the people they showed (detail -> 'personIds'), as lists
--    and downloads already were. Subject access finds a person's appearances in them through this
--    index (a containment test on the array: detail -> 'personIds' @> '["<id>"]'), so the audit log
--    is never read whole. One audit row per search; nothing else is written, so the log stays
--    append-only with no side table to protect.
create index audit_event_person_ids_idx on audit_event using gin ((detail -> 'personIds') jsonb_path_ops);


-- 10. Lawful basis and privacy at sign-up. Three more configurable lists (each programme's own,
--     seeded below with the usual entries; administrators choose which are offered in the settings):
--     the UK GDPR Article 6 lawful bases, and the conditions (UK DPA 2018, Schedule 1; Article 9 for
--     explicit consent) for criminal-offence data and for health data.
alter table choice drop constraint choice_list_check;
alter table choice add constraint choice_list_check
  check (list in ('need_domain', 'contact_type', 'non_engagement_reason', 'closure_reason', 'liberation_type', 'gender', 'outcome_type',
    'evidence_kind', 'distance_area', 'lawful_basis', 'offence_data_condition', 'health_data_condition'));

insert into choice (programme_id, list, code, label, sort_order)
select p.id, d.list, d.code, d.label, d.sort_order
from programme p
cross join (values
  ('lawful_basis', 'public_task', 'Public task (UK GDPR Article 6(1)(e))', 0),
  ('lawful_basis', 'legitimate_interests', 'Legitimate interests (UK GDPR Article 6(1)(f))', 1),
  ('lawful_basis', 'consent', 'Consent (UK GDPR Article 6(1)(a))', 2),
  ('lawful_basis', 'legal_obligation', 'Legal obligation (UK GDPR Article 6(1)(c))', 3),
  ('lawful_basis', 'vital_interests', 'Vital interests (UK GDPR Article 6(1)(d))', 4),
  ('lawful_basis', 'contract', 'Contract (UK GDPR Article 6(1)(b))', 5),
  ('offence_data_condition', 'statutory_purposes', 'Statutory and government purposes (DPA 2018 Schedule 1, Part 2, paragraph 6)', 0),
  ('offence_data_condition', 'preventing_crime', 'Preventing or detecting unlawful acts (Schedule 1, Part 2, paragraph 10)', 1),
  ('offence_data_condition', 'safeguarding', 'Safeguarding of children and individuals at risk (Schedule 1, Part 2, paragraph 18)', 2),
  ('offence_data_condition', 'health_social_care', 'Health or social care purposes (Schedule 1, Part 1, paragraph 2)', 3),
  ('offence_data_condition', 'consent', 'Consent (Schedule 1, Part 3, paragraph 29)', 4),
  ('health_data_condition', 'health_social_care', 'Health or social care purposes (DPA 2018 Schedule 1, Part 1, paragraph 2)', 0),
  ('health_data_condition', 'statutory_purposes', 'Statutory and government purposes (Schedule 1, Part 2, paragraph 6)', 1),
  ('health_data_condition', 'safeguarding', 'Safeguarding of children and individuals at risk (Schedule 1, Part 2, paragraph 18)', 2),
  ('health_data_condition', 'explicit_consent', 'Explicit consent (UK GDPR Article 9(2)(a))', 3)
) as d (list, code, label, sort_order)
on conflict (programme_id, list, code) do nothing;

-- What a sign-up records of them, each null until recorded: sign-ups from before this migration, and
-- imported ones, are "not recorded" (shown as missing on the sign-up page), never given an invented
-- basis. A code refers to its programme's list like every other code (migration 0007).
alter table episode
  add column privacy_notice_on date,
  add column lawful_basis text,
  add column lawful_basis_list text not null generated always as ('lawful_basis') stored,
  add column offence_data_condition text,
  add column offence_data_condition_list text not null generated always as ('offence_data_condition') stored,
  add column health_data_condition text,
  add column health_data_condition_list text not null generated always as ('health_data_condition') stored,
  add column lawful_basis_on date,
  -- Consent to share with partner agencies, apart from the lawful basis: given, refused or not asked,
  -- on a date; consent given can be withdrawn later (the date kept beside the date it was given).
  add column sharing_consent text check (sharing_consent in ('given', 'refused', 'not_asked')),
  add column sharing_consent_on date,
  add column sharing_consent_withdrawn_on date,
  add constraint episode_lawful_basis_fkey foreign key (programme_id, lawful_basis_list, lawful_basis) references choice (programme_id, list, code),
  add constraint episode_offence_data_condition_fkey foreign key (programme_id, offence_data_condition_list, offence_data_condition) references choice (programme_id, list, code),
  add constraint episode_health_data_condition_fkey foreign key (programme_id, health_data_condition_list, health_data_condition) references choice (programme_id, list, code),
  add constraint episode_lawful_basis_dated check ((lawful_basis is null) = (lawful_basis_on is null)),
  add constraint episode_sharing_consent_dated check (sharing_consent is null or (sharing_consent = 'not_asked') = (sharing_consent_on is null)),
  add constraint episode_sharing_consent_withdrawn check (
    sharing_consent_withdrawn_on is null or (sharing_consent = 'given' and sharing_consent_withdrawn_on >= sharing_consent_on));
