-- The outcomes report counts hand-overs to employment consultants begun in a period: without this,
-- a parallel scan of every assignment (0.3 to 0.5 s at a million people).
create index assignment_consultant_from_idx on assignment (programme_id, from_on) where part = 'employment_consultant';
