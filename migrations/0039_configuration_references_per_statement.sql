-- Every record names parts of its programme's configuration: the programme, its areas, local
-- authorities, prisons, teams, users and the codes of its lists (choice). As foreign keys,
-- PostgreSQL 15 checked each of those references with a query of its own for every row: a sign-up
-- imported names its programme, team, prison, gender and the user who imported it, about a quarter
-- of the database's work in an import of sign-ups (docs/decisions/0013-configuration-references-per-statement.md).
--
-- Configuration is never deleted (a user leaves, a prison or a code falls out of use: each is
-- marked so) and its keys never change, so a reference to it can be checked when the referring row
-- is written, once per statement for all the statement's rows, and it stays true. Triggers on the
-- configuration's tables now keep those two rules. They are stricter than the foreign keys, which
-- refused only the delete of a row still named: no configuration row is deleted now.
--
-- Each reference is recorded in configuration_reference, under the foreign key's name, which the
-- database's refusals still give. The programme export reads them from there
-- (src/modules/programme-export/catalog.ts), and tests/integration/configuration-references.test.ts
-- asks that no foreign key to configuration is left and that every recorded reference is checked.
-- A later migration adds a table with its foreign keys as usual, then calls
-- check_configuration_per_statement('the_table').

create table configuration_reference (
  table_name text not null,
  name text not null,
  columns text[] not null,
  referenced text not null,
  referenced_columns text[] not null,
  primary key (table_name, name)
);

create function configuration_is_kept() returns trigger language plpgsql as $$
begin
  raise exception 'rows of % are kept and their keys never change: records refer to them (mark them as no longer in use instead)', tg_table_name
    using errcode = 'foreign_key_violation', table = tg_table_name, schema = tg_table_schema;
end;
$$;

-- Migration 0037's check of a row's import names import_batch without its schema: it is found in
-- this schema, never in a session's temporary tables.
do $$
begin
  execute format('alter function import_rows_name_a_recorded_import() set search_path = %I, pg_temp', current_schema());
end;
$$;

-- Moves the table's foreign keys to configuration into configuration_reference, and (re)makes the
-- function and triggers that check them: for each statement that inserts rows, all its rows at
-- once; for an update, each row whose reference changed, one trigger per reference (named as its
-- foreign key was), as a foreign key would. A refusal gives the foreign key's name, table, message
-- and detail. The tables referred to get the triggers that keep their rows and keys. Tables are
-- named with their schema, so that no temporary table of a session can stand in for one. A later
-- migration that renames a column of a reference changes its row here and calls this again.
create function check_configuration_per_statement(checked regclass) returns void language plpgsql as $$
declare
  configuration constant text[] := array['programme', 'area', 'local_authority', 'prison', 'team', 'app_user', 'choice'];
  checked_name constant text := (select relname from pg_class where oid = checked);
  schema_name constant text := (select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = checked);
  checker constant text := checked_name || '_configuration_checked';
  reference record;
  set_checks text := '';
  row_checks text := '';
  row_triggers text[] := '{}';
  kept text[];
  statement text;
begin
  for reference in
    select k.conname, r.relname as referenced,
      array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as columns,
      array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as referenced_columns
    from pg_constraint k
    join pg_class r on r.oid = k.confrelid
    where k.conrelid = checked and k.contype = 'f' and r.relname = any(configuration) and r.relnamespace = current_schema()::regnamespace
  loop
    insert into configuration_reference (table_name, name, columns, referenced, referenced_columns)
    values (checked_name, reference.conname, reference.columns, reference.referenced, reference.referenced_columns);
    execute format('alter table %I.%I drop constraint %I', schema_name, checked_name, reference.conname);
  end loop;

  for reference in select * from configuration_reference where table_name = checked_name order by name loop
    declare
      given text := (select string_agg(format('n.%I is not null', c), ' and ') from unnest(reference.columns) c);
      matched text := (select string_agg(format('r.%I = n.%I', rc, c), ' and ') from unnest(reference.columns, reference.referenced_columns) u(c, rc));
      key text := (select format('''(''||concat_ws('', '', %s)||'')''', string_agg(format('n.%I', c), ', ')) from unnest(reference.columns) c);
      refused text := format('insert or update on table "%s" violates foreign key constraint "%s"', checked_name, reference.name);
      detail text := format('Key (%s)=', array_to_string(reference.columns, ', '));
      absent text := format(' is not present in table "%s".', reference.referenced);
      check_of text := format(
        E'\n  select %s into missing from %%s n where %s and not exists (select from %I.%I r where %s) limit 1;'
        || E'\n  if found then raise exception %L using errcode = ''foreign_key_violation'', detail = %L || missing || %L, constraint = %L, table = %L, schema = %L; end if;',
        key, given, schema_name, reference.referenced, matched, refused, detail, absent, reference.name, checked_name, schema_name);
      -- A list's name is a generated constant: only the other columns change.
      changed text := (
        select string_agg(format('new.%1$I is distinct from old.%1$I', c), ' or ') from unnest(reference.columns) c
        where not exists (select from pg_attribute a where a.attrelid = checked and a.attname = c and a.attgenerated <> ''));
    begin
      set_checks := set_checks || format(check_of, 'new_rows');
      row_checks := row_checks || format(E'\n    if tg_argv[0] = %L then%s\n    end if;', reference.name, replace(format(check_of, '(select (new).*)'), E'\n', E'\n    '));
      -- No column list: a column changed by a BEFORE trigger is checked too.
      row_triggers := row_triggers || format(
        'create or replace trigger %I after update on %I.%I for each row when (%s) execute function %I.%I(%L)',
        reference.name, schema_name, checked_name, changed, schema_name, checker, reference.name);
    end;
  end loop;
  if set_checks = '' then return; end if;

  execute format(
    E'create or replace function %I.%I() returns trigger language plpgsql as $body$\ndeclare\n  missing text;\nbegin\n'
    || E'  if tg_level = ''ROW'' then%s\n    return null;\n  end if;%s\n  return null;\nend;\n$body$',
    schema_name, checker, row_checks, set_checks);
  execute format(
    'create or replace trigger %I after insert on %I.%I referencing new table as new_rows for each statement execute function %I.%I()',
    checked_name || '_configuration_inserted', schema_name, checked_name, schema_name, checker);
  foreach statement in array row_triggers loop
    execute statement;
  end loop;

  for reference in select distinct referenced from configuration_reference where table_name = checked_name loop
    select array_agg(distinct c order by c) into kept
    from configuration_reference r, unnest(r.referenced_columns) c
    where r.referenced = reference.referenced;
    execute format('create or replace trigger %I before delete on %I.%I for each row execute function %I.configuration_is_kept()',
      reference.referenced || '_kept', schema_name, reference.referenced, schema_name);
    execute format('create or replace trigger %I before truncate on %I.%I for each statement execute function %I.configuration_is_kept()',
      reference.referenced || '_kept_whole', schema_name, reference.referenced, schema_name);
    -- After, and without a column list: a key changed by any BEFORE trigger is refused too.
    execute format('create or replace trigger %I after update on %I.%I for each row when (%s) execute function %I.configuration_is_kept()',
      reference.referenced || '_key_kept', schema_name, reference.referenced,
      (select string_agg(format('new.%1$I is distinct from old.%1$I', c), ' or ') from unnest(kept) c), schema_name);
  end loop;
end;
$$;

-- Every table with a foreign key: the function leaves alone a table with none to configuration.
do $$
declare
  checked record;
begin
  for checked in select distinct k.conrelid from pg_constraint k where k.contype = 'f' and k.connamespace = current_schema()::regnamespace loop
    perform check_configuration_per_statement(checked.conrelid);
  end loop;
end;
$$;
