-- Every row an import writes names its import: (programme_id, import_id) -> import_batch. As
-- foreign keys, PostgreSQL 15 checked that with a query of its own for every row: four times per
-- sign-up imported, about a sixth of the database's work in an import of sign-ups
-- (docs/decisions/0012-import-references-per-statement.md). The import's own batch, written first in
-- the same transaction, is the one row they all name, so the references are now checked once per
-- statement, for all its rows at once, and kept true by two rules foreign keys gave for free:
--   - an import's record is never deleted (undo marks it undone; retention empties its file), so a
--     row can never come to name an import that is gone;
--   - a row's import never changes: it is the import that wrote it.
-- The programme export finds these references from the triggers below (src/modules/programme-export/catalog.ts),
-- and tests/integration/import-references.test.ts asks that every table with an import_id has them.

create function import_rows_name_a_recorded_import() returns trigger language plpgsql as $$
declare
  unknown record;
begin
  select n.programme_id, n.import_id into unknown
  from new_rows n
  where n.import_id is not null
    and not exists (select from import_batch b where b.programme_id = n.programme_id and b.id = n.import_id)
  limit 1;
  if found then
    raise exception 'insert into % names import %, which the programme has not recorded', tg_table_name, unknown.import_id
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end;
$$;

create function import_of_a_row_never_changes() returns trigger language plpgsql as $$
begin
  raise exception 'the import that wrote a row of % cannot be changed', tg_table_name
    using errcode = 'foreign_key_violation';
end;
$$;

create function import_batch_never_deleted() returns trigger language plpgsql as $$
begin
  raise exception 'an import''s record is kept: undo it rather than delete it'
    using errcode = 'foreign_key_violation';
end;
$$;

create trigger import_batch_kept before delete on import_batch
  for each row execute function import_batch_never_deleted();

do $$
declare
  reference record;
begin
  for reference in
    select k.conname, c.relname
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    where k.contype = 'f' and k.confrelid = 'import_batch'::regclass and c.relnamespace = current_schema()::regnamespace
      and k.conkey = array[
        (select attnum from pg_attribute where attrelid = k.conrelid and attname = 'programme_id'),
        (select attnum from pg_attribute where attrelid = k.conrelid and attname = 'import_id')]
  loop
    execute format('alter table %I drop constraint %I', reference.relname, reference.conname);
    execute format(
      'create trigger %I after insert on %I referencing new table as new_rows for each statement execute function import_rows_name_a_recorded_import()',
      reference.relname || '_import_recorded', reference.relname);
    execute format(
      'create trigger %I before update of import_id on %I for each row when (new.import_id is distinct from old.import_id) execute function import_of_a_row_never_changes()',
      reference.relname || '_import_kept', reference.relname);
  end loop;
end;
$$;
