-- Issue 16: funder returns. A return template (kept by administrators) names a funder, the periods it
-- reports by, what it funds (prisons, areas, eligibility rules: age bands and sentence lengths) and
-- the figures it asks for, by the codes of the figure catalogue (src/modules/funder-returns/figures.ts),
-- drawn from the engagement, outcomes, family support and return-to-custody reports.
--
-- Producing a return stores it as it was: the figures, their definitions, what the template funded
-- then, who produced it and when. A stored return never changes (a trigger refuses every update), so
-- a correction made later shows only in a new return for the same period, which names the return it
-- follows and says why it was produced again.

create table funder_template (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  funder text not null check (length(funder) between 1 and 200),
  period_kind text not null check (period_kind in ('financial_quarter', 'financial_year', 'month')),
  -- The figure catalogue's codes, in the order the return lists them.
  figures text[] not null check (cardinality(figures) between 1 and 100),
  -- Eligibility: the age bands (on the day of sign-up) and sentence lengths funded; empty or null is any.
  age_bands text[] not null default '{}',
  sentence_min_months numeric(6, 2) check (sentence_min_months > 0),
  sentence_max_months numeric(6, 2) check (sentence_max_months > 0),
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  check (sentence_min_months is null or sentence_max_months is null or sentence_min_months <= sentence_max_months)
);
create unique index funder_template_name_idx on funder_template (programme_id, lower(name));

-- The prisons a template funds (none: every prison).
create table funder_template_prison (
  programme_id uuid not null references programme (id),
  template_id uuid not null,
  prison_id uuid not null,
  primary key (programme_id, template_id, prison_id),
  foreign key (programme_id, template_id) references funder_template (programme_id, id),
  foreign key (programme_id, prison_id) references prison (programme_id, id)
);

-- The community justice areas a template funds (none: every area).
create table funder_template_area (
  programme_id uuid not null references programme (id),
  template_id uuid not null,
  area_id uuid not null,
  primary key (programme_id, template_id, area_id),
  foreign key (programme_id, template_id) references funder_template (programme_id, id),
  foreign key (programme_id, area_id) references area (programme_id, id)
);

-- A return as it was produced.
create table funder_return (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  template_id uuid not null,
  period_from date not null,
  period_to date not null,
  -- The period as people say it: "Q1 2026/27", "April 2026".
  period_label text not null check (length(period_label) between 1 and 100),
  produced_at timestamptz not null default now(),
  produced_by uuid not null,
  -- The return for the same period this one follows (null for the first), and why it was produced again.
  previous_id uuid,
  reason text check (length(reason) between 1 and 2000),
  -- What the template funded and asked for when the return was produced, in words and codes.
  scope jsonb not null,
  -- Every figure: its code, report, label, definition and value(s), as computed.
  figures jsonb not null,
  -- For a return that follows another: what changed in the records it counts since that one was
  -- produced (corrections, entries in error, sign-ups added, imports), as worked out when produced.
  changes jsonb,
  primary key (programme_id, id),
  foreign key (programme_id, template_id) references funder_template (programme_id, id),
  foreign key (programme_id, produced_by) references app_user (programme_id, id),
  foreign key (programme_id, previous_id) references funder_return (programme_id, id),
  check (period_from <= period_to),
  check ((previous_id is null) = (reason is null)),
  check ((previous_id is null) = (changes is null))
);
create index funder_return_period_idx on funder_return (programme_id, template_id, period_from, produced_at desc);
create unique index funder_return_follows_once_idx on funder_return (programme_id, previous_id) where previous_id is not null;

create trigger funder_return_as_produced
  before update on funder_return
  for each row execute function refuse_change_to_history();
