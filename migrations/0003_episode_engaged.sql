-- Engagement stored on the sign-up as a generated column, so reports read one column instead of
-- joining the view back onto episode for every selected sign-up. Still one definition:
-- first_community_contact() (0002) sets first_contact_on; engaged is only "that is not null".
alter table episode add column engaged boolean generated always as (first_contact_on is not null) stored;

create or replace view episode_engagement as
select e.id as episode_id, e.programme_id, e.first_contact_on, e.engaged, e.last_contact_on
from episode e;
