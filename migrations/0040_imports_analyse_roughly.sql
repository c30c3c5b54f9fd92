-- An import analyses the tables it writes as they grow (0034), so that its own later statements are
-- planned for the rows it has written. Those plans need a table's size and the spread of its keys,
-- not the detail a full sample (30,000 rows, a hundred values kept per column) gives every column of
-- a sign-up. analyse_table_roughly takes a tenth of the sample: on 20,000 sign-ups the database's
-- processor time in the import phase fell by about 0.15 s (docs/imports.md, tenth look). After the
-- import, autovacuum analyses the tables in full as usual; on the embedded database, which has no
-- autovacuum, they keep these statistics until the next import or migration analyses them.
create function analyse_table_roughly(p_table text) returns void
language sql set default_statistics_target = 10 as $$
  select analyse_table(p_table)
$$;
revoke all on function analyse_table_roughly(text) from public;
