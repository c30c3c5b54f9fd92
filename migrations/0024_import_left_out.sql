-- Issue 13, point 4: leave out refused rows, knowingly. The user may import the rows of a file that
-- passed the check and leave out the rows it refused; the rows left out are kept with the import,
-- as the file had them and with why, to be listed, downloaded, put right and imported later.

-- Whether the user chose to leave out the rows with problems (the import refuses if the rows with
-- problems are not the ones the check found).
alter table import_batch add column leave_out boolean not null default false;

-- One row per row left out: its cells as text, as the file had them, and why it was refused. They
-- hold people's details, so retention clears them with the import's stored report of the rows it
-- read (decision 0009); undoing the import leaves them (they were never imported).
create table import_left_out_row (
  programme_id uuid not null references programme (id),
  import_id uuid not null,
  row_number integer not null check (row_number >= 1),
  -- the row's cells, as text, in the file's order (null for an empty cell)
  cells jsonb not null,
  -- why: [{ "column": heading or null, "message": text }]
  reasons jsonb not null,
  primary key (programme_id, import_id, row_number),
  foreign key (programme_id, import_id) references import_batch (programme_id, id)
);
